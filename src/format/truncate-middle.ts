/**
 * Middle truncation of one string (spec §4.2): keep a head and a tail, replace the middle with a
 * marker a UI can expand or with a plain-text indicator an LLM can read.
 */
import { base64Utf8, encodableUtf8Length, utf8Length } from "./base64.js";
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
 * The parts of a text middle truncation cuts: what is shown, what is hidden, and the count the
 * marker prints. A {@link TruncationMemo} keeps them for the text's next occurrence.
 */
export interface Cut {
  readonly text: string;
  readonly head: string;
  readonly middle: string;
  readonly tail: string;
  /** `len(text) - buffer` as Python prints it. */
  readonly count: string;
  /** Whether the middle is known to hold no lone surrogate (the count looked at every surrogate). */
  readonly wellFormed: boolean;
  /** The UTF-8 bytes of the middle, once counted (see {@link middleUtf8Length}). */
  middleBytes?: number;
  /** The base64 of the middle, once made. */
  middleBase64?: string;
}

/**
 * How `buffer` cuts `text` (spec §4.2), or `undefined` when the text fits.
 *
 * The reference's arithmetic is kept on purpose: `count` is `len - buffer` even when an odd buffer
 * hides one more character; a half of 0 makes Python's `s[-0:]` return the whole string as tail;
 * a negative buffer overlaps head and tail.
 */
export function cutMiddle(text: string, buffer: number | bigint): Cut | undefined {
  // A string is never longer in code points than in UTF-16 units: most need no count at all.
  if (text.length <= buffer) return undefined;
  const scan = scanSurrogates(text, LISTED_PAIRS);
  const n = text.length - scan.pairs;
  if (n <= buffer) return undefined;
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
  // the cuts fall between code points, so a text without a lone surrogate has a middle without one
  return { text, head, middle, tail, count: hiddenCount(n, buffer), wellFormed: !scan.lone };
}

/** The UTF-8 bytes of a cut's middle, counted once. @throws {InvalidDataError} for a lone surrogate. */
export function middleUtf8Length(cut: Cut): number {
  cut.middleBytes ??= cut.wellFormed ? utf8Length(cut.middle) : encodableUtf8Length(cut.middle);
  return cut.middleBytes;
}

/** The base64 of a cut's middle, made once. @throws {InvalidDataError} for a lone surrogate. */
export function middleBase64(cut: Cut): string {
  cut.middleBase64 ??= base64Utf8(cut.middle, cut.wellFormed);
  return cut.middleBase64;
}

/**
 * `a === b` for two texts of one length, rejecting most that differ by their last and middle
 * characters first: texts of one length often differ only at the end (`… question 12`), where a
 * whole comparison would find it last.
 */
function sameText(a: string, b: string): boolean {
  const last = a.length - 1;
  if (last < 0) return true;
  const middle = last >>> 1;
  return a.charCodeAt(last) === b.charCodeAt(last) && a.charCodeAt(middle) === b.charCodeAt(middle) && a === b;
}

/**
 * What a memo keeps: texts up to `KEPT_TEXT` characters (messages, not the dumps of large states,
 * which a render makes and would otherwise free at once), up to `KEPT_TOTAL` characters in all.
 */
const KEPT_TEXT = 1 << 16;
const KEPT_TOTAL = 1 << 23;

/** Texts a memo keeps for each length: enough for the few long texts a trace repeats. */
const KEPT_PER_LENGTH = 4;

/**
 * The cuts of the texts one render truncates, so that a text seen again is not scanned again. A
 * trace repeats long texts: every call of a conversation resends its system prompt and history.
 * Texts are found by length, then compared whole, which costs far less than the scans a cut takes.
 */
export class TruncationMemo {
  readonly #byLength = new Map<number, Cut[]>();
  /** Characters of the texts kept. */
  #kept = 0;

  constructor(readonly buffer: number | bigint) {}

  /** {@link cutMiddle} of `text` with this memo's buffer, from the memo when it holds it. */
  cut(text: string): Cut | undefined {
    if (text.length <= this.buffer) return undefined;
    const kept = this.#byLength.get(text.length);
    if (kept !== undefined) for (const cut of kept) if (sameText(cut.text, text)) return cut;
    const cut = cutMiddle(text, this.buffer);
    if (cut === undefined || text.length > KEPT_TEXT || this.#kept + text.length > KEPT_TOTAL) return cut;
    this.#kept += text.length;
    if (kept === undefined) this.#byLength.set(text.length, [cut]);
    else if (kept.push(cut) > KEPT_PER_LENGTH) this.#kept -= (kept.shift() as Cut).text.length;
    return cut;
  }
}

/**
 * Truncates `text` to `buffer` code points (half head, half tail) when it is longer (see
 * {@link cutMiddle}): five lines `head`, ``, the marker, ``, `tail` with markers, one string with
 * a plain-text indicator without.
 *
 * `encode` makes the marker payload from the cut (UTF-8 base64 of the middle unless a caller only
 * measures); `cuts` finds the cut, from a {@link TruncationMemo} when the caller keeps one.
 *
 * @example truncateMiddle("abcdefghijklmnop", 10, true) // "abcde\n\n<<<TRUNCATED|ZmdoaWpr|6>>>\n\nlmnop"
 * @throws {InvalidDataError} with markers, when the hidden middle holds a lone surrogate.
 */
export function truncateMiddle(
  text: string,
  buffer: number | bigint,
  markers: boolean,
  encode: (cut: Cut) => string = middleBase64,
  cuts: (text: string) => Cut | undefined = (t) => cutMiddle(t, buffer),
): string {
  const cut = cuts(text);
  if (cut === undefined) return text;
  if (!markers) return `${cut.head}\n\n... (${cut.count} chars truncated) ...\n\n${cut.tail}`;
  return `${cut.head}\n\n<<<TRUNCATED|${encode(cut)}|${cut.count}>>>\n\n${cut.tail}`;
}
