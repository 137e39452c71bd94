/**
 * The `max_length` budget (spec §14): a text over budget keeps its first five lines and an evenly
 * spaced sample of the rest, with a note saying how much is shown; line numbers, when present,
 * make the gaps visible to the reader.
 */
import { formatFixed, formatThousands } from "../python/index.js";
import { codePointLength, sliceCodePoints } from "./text.js";

const HEADER_LINES = 5;
const MAX_RESAMPLES = 10;
const SHRINK = 0.9;

/** The result of {@link applyMaxLength}. */
export interface Budgeted {
  readonly text: string;
  /** Whether the budget changed the text (sampled or cut). */
  readonly truncated: boolean;
}

function note(percent: number, lineCount: number): string {
  return (
    `[SAMPLED VIEW: Showing ~${formatFixed(percent, 0)}% of ${formatThousands(lineCount)} lines. ` +
    "Gaps in line numbers indicate omitted content.]"
  );
}

// Python's `text[:max_length]`: a negative budget drops that many code points from the end.
function hardCut(text: string, maxLength: number): Budgeted {
  return { text: sliceCodePoints(text, 0, maxLength), truncated: true };
}

/**
 * Fits `text` into `maxLength` code points by uniform line sampling, falling back to a hard cut;
 * `maxLength` 0 disables the budget. The arithmetic is the reference's, step by step in doubles,
 * because the chosen lines and the printed percentage depend on its rounding.
 * @example applyMaxLength("short", 0) // { text: "short", truncated: false }
 */
export function applyMaxLength(text: string, maxLength: number): Budgeted {
  if (maxLength === 0 || text.length <= maxLength) return { text, truncated: false };
  const length = codePointLength(text);
  if (length <= maxLength) return { text, truncated: false };
  const lines = text.split("\n");
  if (lines.length <= HEADER_LINES) return hardCut(text, maxLength);
  const header = lines.slice(0, HEADER_LINES);
  const body = lines.slice(HEADER_LINES);
  const headerLength = codePointLength(header.join("\n"));
  const overhead = headerLength + 1 + note(100, lines.length).length + 1;
  const room = maxLength - overhead;
  if (room <= 0) return hardCut(text, maxLength);
  // Σ(len(line) + 1) over the body is the text minus the header and its newline, plus the one
  // newline the last line lacks: no second pass over a multi-megabyte body.
  const bodyLength = length - headerLength;
  let target = Math.floor(room / (bodyLength / body.length));
  if (target >= body.length) return hardCut(text, maxLength);
  target = Math.max(target, 1);

  const sample = (count: number): string => {
    const step = body.length / count;
    const picked: string[] = [];
    for (let i = 0; i < count; i++) picked.push(body[Math.floor(i * step)] as string);
    const percent = (picked.length / body.length) * 100;
    return [header[0], header[1], note(percent, lines.length), ...header.slice(2), ...picked].join("\n");
  };
  let result = sample(target);
  for (let i = 0; i < MAX_RESAMPLES; i++) {
    const resultLength = codePointLength(result);
    if (resultLength <= maxLength) break;
    const factor = (maxLength / resultLength) * SHRINK;
    target = Math.max(Math.floor(target * factor), 1);
    result = sample(target);
  }
  return codePointLength(result) > maxLength ? hardCut(result, maxLength) : { text: result, truncated: true };
}
