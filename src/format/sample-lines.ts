/**
 * The `max_length` budget (spec §14): a text over budget keeps its first five lines and an evenly
 * spaced sample of the rest, with a note saying how much is shown; line numbers, when present,
 * make the gaps visible to the reader.
 *
 * It works on the lines before they are joined: lengths are added up per line, and only the lines
 * it keeps are labelled, joined and (for an {@link EncodedLine}) encoded.
 */
import { formatFixed, formatThousands } from "../python/index.js";
import { lineNumberLabels, NO_LABELS, type LineLabels } from "./line-numbers.js";
import { lineLength, lineText, splitLines, type EncodedLine, type Line } from "./lines.js";
import { sliceCodePoints } from "./text.js";

const HEADER_LINES = 5;
const MAX_RESAMPLES = 10;
const SHRINK = 0.9;

/** The result of {@link applyMaxLength}. */
export interface Budgeted {
  readonly text: string;
  /** Whether the budget changed the text (sampled or cut). */
  readonly truncated: boolean;
}

// ASCII only, so its `.length` is its length in code points.
function note(percent: number, lineCount: number): string {
  return (
    `[SAMPLED VIEW: Showing ~${formatFixed(percent, 0)}% of ${formatThousands(lineCount)} lines. ` +
    "Gaps in line numbers indicate omitted content.]"
  );
}

/**
 * The last passes over the lines a handler returned (a string may hold several): line numbers
 * when `numbered`, then the `max_length` budget. An unnumbered text whose UTF-16 length fits the
 * budget is joined as it is, never split into lines.
 * @example finishLines(["a\nb"], 0, true).text // "L1: a\nL2: b"
 */
export function finishLines(handlerLines: readonly Line[], maxLength: number, numbered: boolean): Budgeted {
  // The empty text is one empty line: it gets a number and counts toward a negative budget.
  const given = handlerLines.length === 0 ? [""] : handlerLines;
  if (!numbered && (maxLength === 0 || lengthBound(given) <= maxLength)) {
    return { text: given.map(lineText).join("\n"), truncated: false };
  }
  const lines = splitLines(given);
  return applyMaxLength(lines, maxLength, numbered ? lineNumberLabels(lines.length) : NO_LABELS);
}

/**
 * An upper bound of the code points of `lines` joined by newlines, each after a label of
 * `labelLength`, found without scanning a string: a string's UTF-16 length is never below its code
 * points, and an encoded line knows its own.
 */
function lengthBound(lines: readonly Line[], labelLength = 0): number {
  let bound = lines.length - 1 + lines.length * labelLength;
  for (const line of lines) bound += line.length;
  return bound;
}

/**
 * Fits the text of `lines` (one line each, as `splitLines` leaves them), each put after its label,
 * into `maxLength` code points by uniform line sampling, falling back to a hard cut; `maxLength`
 * 0 disables the budget. The arithmetic is the reference's, step by step in doubles, because the
 * chosen lines and the printed percentage depend on its rounding.
 * @example applyMaxLength(["short"], 0) // { text: "short", truncated: false }
 */
export function applyMaxLength(lines: readonly Line[], maxLength: number, labels: LineLabels = NO_LABELS): Budgeted {
  const written = (index: number): string => `${labels.label(index)}${lineText(lines[index] as Line)}`;
  const all = (): string => lines.map((_, index) => written(index)).join("\n");
  // Python's `text[:max_length]`: a negative budget drops that many code points from the end.
  const hardCut = (text: string): Budgeted => ({ text: sliceCodePoints(text, 0, maxLength), truncated: true });

  if (maxLength === 0 || lengthBound(lines, labels.length) <= maxLength) return { text: all(), truncated: false };
  const lengths = lines.map((line) => lineLength(line) + labels.length);
  let length = lines.length - 1;
  for (const n of lengths) length += n;
  if (length <= maxLength) return { text: all(), truncated: false };
  // The whole text cut to `maxLength`: only the lines the cut reaches are written (a negative
  // budget counts from the end, so it needs them all).
  const cutText = (): Budgeted => {
    if (maxLength < 0) return hardCut(all());
    const reached: string[] = [];
    for (let i = 0, end = -1; i < lines.length && end < maxLength; i++) {
      reached.push(written(i));
      end += (lengths[i] as number) + 1;
    }
    return hardCut(reached.join("\n"));
  };
  if (lines.length <= HEADER_LINES) return cutText();
  const bodyCount = lines.length - HEADER_LINES;
  let headerLength = HEADER_LINES - 1;
  for (let i = 0; i < HEADER_LINES; i++) headerLength += lengths[i] as number;
  const overhead = headerLength + 1 + note(100, lines.length).length + 1;
  const room = maxLength - overhead;
  if (room <= 0) return cutText();
  // Σ(len(line) + 1) over the body is the text minus the header and its newline, plus the one
  // newline the last line lacks.
  const bodyLength = length - headerLength;
  let target = Math.floor(room / (bodyLength / bodyCount));
  if (target >= bodyCount) return cutText();
  target = Math.max(target, 1);

  // The sampled text is header lines 0 and 1, the note, header lines 2 to 4, the picked lines.
  const sample = (count: number): { picked: number[]; note: string; length: number } => {
    const step = bodyCount / count;
    const picked: number[] = [];
    let pickedLength = 0;
    for (let i = 0; i < count; i++) {
      const index = HEADER_LINES + Math.floor(i * step);
      picked.push(index);
      pickedLength += (lengths[index] as number) + 1;
    }
    const text = note((picked.length / bodyCount) * 100, lines.length);
    return { picked, note: text, length: headerLength + 1 + text.length + pickedLength };
  };
  let result = sample(target);
  for (let i = 0; i < MAX_RESAMPLES && result.length > maxLength; i++) {
    const factor = (maxLength / result.length) * SHRINK;
    target = Math.max(Math.floor(target * factor), 1);
    result = sample(target);
  }
  const kept = [written(0), written(1), result.note, written(2), written(3), written(4)];
  for (const index of result.picked) kept.push(written(index));
  const text = kept.join("\n");
  return result.length > maxLength ? hardCut(text) : { text, truncated: true };
}
