/**
 * Middle truncation of one string (spec §4.2): keep a head and a tail, replace the middle with a
 * marker a UI can expand or with a plain-text indicator an LLM can read.
 */
import { base64Utf8 } from "./base64.js";
import {
  scanSurrogates,
  sliceCodePoints,
  unitIndex,
  unitIndexByPairs,
  unitIndexFromEnd,
  unitIndexFromEndByPairs,
} from "./text.js";

/** Surrogate pairs a string may hold for its cut points to be found from their positions. */
const LISTED_PAIRS = 64;

/** `n - buffer` as Python prints it: exact, however large (a very negative buffer makes it so). */
function hiddenCount(n: number, buffer: number | bigint): string {
  const count = typeof buffer === "bigint" ? Number.NaN : n - buffer;
  return Number.isSafeInteger(count) ? String(count) : String(BigInt(n) - BigInt(buffer));
}

/**
 * Truncates `text` to `buffer` code points (half head, half tail) when it is longer.
 *
 * The reference's arithmetic is kept on purpose: `count` is `len - buffer` even when an odd buffer
 * hides one more character; a half of 0 makes Python's `s[-0:]` return the whole string as tail;
 * a negative buffer overlaps head and tail.
 *
 * `encode` makes the marker payload (UTF-8 base64 of the middle unless a caller only measures).
 * It is told whether the middle is known to hold no lone surrogate: the count of code points has
 * already looked at every surrogate, so the encoder need not look again.
 *
 * @example truncateMiddle("abcdefghijklmnop", 10, true) // "abcde\n\n<<<TRUNCATED|ZmdoaWpr|6>>>\n\nlmnop"
 * @throws {InvalidDataError} with markers, when the hidden middle holds a lone surrogate.
 */
export function truncateMiddle(
  text: string,
  buffer: number | bigint,
  markers: boolean,
  encode: (middle: string, wellFormed: boolean) => string = base64Utf8,
): string {
  // A string is never longer in code points than in UTF-16 units: most need no count at all.
  if (text.length <= buffer) return text;
  const scan = scanSurrogates(text, LISTED_PAIRS);
  const n = text.length - scan.pairs;
  if (n <= buffer) return text;
  // Past ±2^53 a double is exact enough for slicing, which clamps to the string anyway.
  const half = Math.floor(Number(buffer) / 2);
  let head: string;
  let middle: string;
  let tail: string;
  if (half >= 0) {
    // n > buffer >= 2 * half, so the head ends before the tail starts. Knowing where every pair
    // is (none, most often), the cut points follow without a walk through the head and the tail.
    const { positions } = scan;
    const listed = positions.length === scan.pairs;
    const headEnd = listed ? unitIndexByPairs(positions, half) : unitIndex(text, half);
    const tailStart =
      half === 0 ? 0 : listed ? unitIndexFromEndByPairs(positions, text.length, half) : unitIndexFromEnd(text, half);
    head = text.slice(0, headEnd);
    // Python's `s[-0:]` is the whole string, and `s[0:-0]` is empty.
    tail = text.slice(tailStart);
    middle = half === 0 ? "" : text.slice(headEnd, tailStart);
  } else {
    // A negative buffer: Python's slices with negative bounds overlap head and tail.
    head = sliceCodePoints(text, 0, half);
    tail = sliceCodePoints(text, -half);
    middle = sliceCodePoints(text, half, -half);
  }
  const count = hiddenCount(n, buffer);
  if (!markers) return `${head}\n\n... (${count} chars truncated) ...\n\n${tail}`;
  // the cuts fall between code points, so a text without a lone surrogate has a middle without one
  return `${head}\n\n<<<TRUNCATED|${encode(middle, !scan.lone)}|${count}>>>\n\n${tail}`;
}
