/**
 * The lines of a rendered text before the final join. The top-level passes (line numbers, the
 * `max_length` budget) work on these, and only the lines that reach the output are joined.
 *
 * A line is a string, or an {@link EncodedLine}: a marker line whose base64 payload is encoded
 * only when the line is written out. A large trace has thousands of expandable nodes, each
 * carrying its whole event text as base64, and the budget keeps a few of them; encoding every
 * payload up front used to cost more than the rest of the render together.
 */
import { base64Utf8, base64Utf8Length } from "./base64.js";
import { codePointLength } from "./text.js";

/** A line `before + base64Utf8(payload) + after`, measured but not yet encoded. */
export interface EncodedLine {
  /** The text before the payload; never holds a newline. */
  readonly before: string;
  /** The text whose UTF-8 base64 forms the middle of the line. */
  readonly payload: string;
  /** The text after the payload; never holds a newline. */
  readonly after: string;
  /** Code points of the finished line. */
  readonly length: number;
}

/** One line of output, or (from a handler) a string that may still hold newlines. */
export type Line = string | EncodedLine;

/**
 * The line `before + base64Utf8(payload) + after`, deferred. The payload is checked now, so a lone
 * surrogate fails the render whether or not the budget would keep the line, as it does in the
 * reference, which encodes every node. Text around it that holds a newline is encoded at once:
 * such a line is several lines of output and cannot be measured as one.
 * @throws {InvalidDataError} when `payload` holds a lone surrogate.
 * @example lineText(encodedLine("<<<X|", "hi", ">>>")) // "<<<X|aGk=>>>"
 */
export function encodedLine(before: string, payload: string, after: string): Line {
  if (before.includes("\n") || after.includes("\n")) return `${before}${base64Utf8(payload)}${after}`;
  const length = codePointLength(before) + base64Utf8Length(payload) + codePointLength(after);
  return { before, payload, after, length };
}

/** The finished text of one line. */
export function lineText(line: Line): string {
  return typeof line === "string" ? line : `${line.before}${base64Utf8(line.payload)}${line.after}`;
}

/** Code points of one line. */
export function lineLength(line: Line): number {
  return typeof line === "string" ? codePointLength(line) : line.length;
}

/** `prefix` put before a line (`prefix` holds no newline). */
export function prefixLine(prefix: string, line: Line): Line {
  if (typeof line === "string") return `${prefix}${line}`;
  return { ...line, before: `${prefix}${line.before}`, length: line.length + codePointLength(prefix) };
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

/** The text of `lines` joined with newlines. */
export function joinLines(lines: readonly Line[]): string {
  return lines.map(lineText).join("\n");
}
