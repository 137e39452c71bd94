/**
 * The lines of a rendered text before the final join. The top-level passes (line numbers, the
 * `max_length` budget) work on these, and only the lines that reach the output are joined.
 *
 * A line is a string, or an {@link EncodedLine}: a marker line whose base64 payload is encoded
 * only when the line is written out. A large trace has thousands of expandable nodes, each
 * carrying its whole event text as base64, and the budget keeps a few of them (85 of 2,400 on the
 * benchmark's trace, `npm run bench`): encoding the others would be wasted work. Or it is a
 * {@link MeasuredLine}, whose maker counted its code points already.
 */
import { base64Utf8, base64Utf8Length } from "./base64.js";
import { codePointLength } from "./text.js";

/** A line `before + base64Utf8(payload) + after`, measured but not yet encoded. */
export interface EncodedLine {
  /** The text before the payload; never holds a newline. */
  readonly before: string;
  /** The text whose UTF-8 base64 forms the middle of the line, or a pure function making it. */
  readonly payload: string | (() => string);
  /** The text after the payload; never holds a newline. */
  readonly after: string;
  /** Code points of the finished line. */
  readonly length: number;
}

/**
 * A line whose length in code points its maker already knows. A trace written for an LLM puts
 * every line of a node's text after an indent: it counts each line before indenting it, so the
 * indented copy is never scanned (scanning would flatten it into one more copy of the text).
 */
export interface MeasuredLine {
  /** The line; never holds a newline. */
  readonly text: string;
  /** Code points of `text`. */
  readonly length: number;
}

/** One line of output, or (from a handler) a string that may still hold newlines. */
export type Line = string | EncodedLine | MeasuredLine;

/** The text of a payload, made now when it is a function. */
const textOf = (payload: EncodedLine["payload"]): string => (typeof payload === "string" ? payload : payload());

/**
 * The line `before + base64Utf8(payload) + after`, deferred. The payload is measured and checked
 * now, so a lone surrogate fails the render whether or not the budget would keep the line, as it
 * does in the reference, which encodes every node. A payload given as a function is called now to
 * measure it and again if the line is written, so only the texts of kept lines stay in memory;
 * it must return the same text each time. `measure` gives the length of the payload's base64 (and
 * may hand back the text it made, to keep): by default it makes the text and counts its bytes; a
 * caller that can count them more cheaply passes its own. Text around the payload that holds a newline makes the line several lines of output,
 * which cannot be measured as one: that line is encoded at once.
 * @throws {InvalidDataError} when the payload holds a lone surrogate.
 * @example lineText(encodedLine("<<<X|", "hi", ">>>")) // "<<<X|aGk=>>>"
 */
export function encodedLine(
  before: string,
  payload: string | (() => string),
  after: string,
  measure: (payload: string | (() => string)) => MeasuredPayload = (p) => ({ length: base64Utf8Length(textOf(p)), payload: p }),
): Line {
  if (before.includes("\n") || after.includes("\n")) return `${before}${base64Utf8(textOf(payload))}${after}`;
  const measured = measure(payload);
  return { before, payload: measured.payload, after, length: codePointLength(before) + measured.length + codePointLength(after) };
}

/**
 * What measuring a payload found: the length of its base64, and the payload to keep, which is its
 * text when the measurement made the text as it will be written (no marker in it), so the line is
 * not rendered again.
 */
export interface MeasuredPayload {
  readonly length: number;
  readonly payload: string | (() => string);
}

/** The finished text of one line. */
export function lineText(line: Line): string {
  if (typeof line === "string") return line;
  return "text" in line ? line.text : `${line.before}${base64Utf8(textOf(line.payload))}${line.after}`;
}

/** Code points of one line. */
export function lineLength(line: Line): number {
  return typeof line === "string" ? codePointLength(line) : line.length;
}

/**
 * Splits the strings that hold newlines, so that every element is one line of output. No lines at
 * all is one empty line, as the empty text is.
 */
export function splitLines(lines: readonly Line[]): Line[] {
  if (lines.length === 0) return [""];
  const out: Line[] = [];
  for (const line of lines) {
    // a loop, not push(...parts): a string may hold more lines than a call takes arguments
    if (typeof line === "string" && line.includes("\n")) for (const part of line.split("\n")) out.push(part);
    else out.push(line);
  }
  return out;
}
