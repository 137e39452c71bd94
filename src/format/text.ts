/**
 * Text measured in Unicode code points, as Python's `len` and slicing measure `str` (spec §4.4).
 * JavaScript strings count UTF-16 units, which differ only where a surrogate pair stands; the
 * functions here scan no further than they must (to the first surrogate, or to a cut point).
 */

// V8 scans for a character above U+00FF about a third faster than for a surrogate.
const BEYOND_LATIN1 = /[^\u0000-\u00FF]/;
const SURROGATES = /[\uD800-\uDFFF]/g;

/** `len(s)` in Python: code points, where a lone surrogate counts as one. */
export function codePointLength(s: string): number {
  return s.length - scanSurrogates(s).pairs;
}

/** What one pass over the surrogates of a string found. */
export interface SurrogateScan {
  /** How many surrogate pairs it holds: each is one code point in two UTF-16 units. */
  readonly pairs: number;
  /** The UTF-16 index of each pair, ascending, for as many as the caller asked to list. */
  readonly positions: readonly number[];
  /** Whether a surrogate stands alone: such a string cannot be encoded as UTF-8. */
  readonly lone: boolean;
}

const NO_SURROGATES: SurrogateScan = Object.freeze({ pairs: 0, positions: Object.freeze([]), lone: false });

/**
 * Counts the surrogate pairs of `s` and notes whether any surrogate stands alone, listing the
 * positions of the first `listed` pairs, so a caller that finds them all listed can cut `s`
 * without a walk, and a caller that finds no lone surrogate need not check the string again
 * before encoding it.
 * @example scanSurrogates("a😀b\uD800", 4) // { pairs: 1, positions: [1], lone: true }
 */
export function scanSurrogates(s: string, listed = 0): SurrogateScan {
  // Most strings hold no surrogate, and many (English, most European text) nothing above U+00FF:
  // one native scan proves that, and the search for surrogates starts where it stopped. That scan
  // is the cheaper (`npm run bench:scans`: 0.65 against 1.22 ns a character). test() in a loop
  // allocates nothing that grows with the string.
  const first = s.search(BEYOND_LATIN1);
  if (first < 0) return NO_SURROGATES;
  const positions: number[] = [];
  let pairs = 0;
  let lone = false;
  SURROGATES.lastIndex = first;
  while (SURROGATES.test(s)) {
    const at = SURROGATES.lastIndex - 1;
    const low = s.charCodeAt(at + 1);
    if (s.charCodeAt(at) <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      if (positions.length < listed) positions.push(at);
      pairs++;
      SURROGATES.lastIndex = at + 2;
    } else {
      lone = true;
    }
  }
  return { pairs, positions, lone };
}

/**
 * {@link unitIndex} from the positions of all surrogate pairs of a string, ascending, for a
 * `count` up to its code points: each pair that starts before the cut is one code point in two
 * units, so it moves the cut one unit on.
 */
export function unitIndexByPairs(pairs: readonly number[], count: number): number {
  let end = count;
  for (const at of pairs) {
    if (at >= end) break;
    end++;
  }
  return end;
}

/**
 * {@link unitIndexFromEnd} from the positions of all surrogate pairs of a string `length` units
 * long, for a `count` up to its code points: each pair whose second unit falls in the tail moves
 * the start one unit back.
 */
export function unitIndexFromEndByPairs(pairs: readonly number[], length: number, count: number): number {
  let start = length - count;
  for (let i = pairs.length - 1; i >= 0; i--) {
    if ((pairs[i] as number) + 1 < start) break;
    start--;
  }
  return start;
}

/**
 * The UTF-16 index where code point number `count` starts, counting from the start (clamped to
 * the string's end). Scans only the first `count` code points.
 */
export function unitIndex(s: string, count: number): number {
  let i = 0;
  for (let n = 0; n < count && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i++;
    if (c >= 0xd800 && c <= 0xdbff && i < s.length) {
      const d = s.charCodeAt(i);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return i;
}

/**
 * The UTF-16 index where the last `count` code points start (clamped to 0). Scans only those,
 * from the end, so a tail is found without walking a multi-megabyte head.
 */
export function unitIndexFromEnd(s: string, count: number): number {
  let i = s.length;
  for (let n = 0; n < count && i > 0; n++) {
    i--;
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const d = s.charCodeAt(i - 1);
      if (d >= 0xd800 && d <= 0xdbff) i--;
    }
  }
  return i;
}

/**
 * Python's `s[:count]` for a `count` ≥ 0: the first `count` code points, found without looking
 * past them.
 * @example prefixCodePoints("a😀b", 2) // "a😀"
 */
export function prefixCodePoints(s: string, count: number): string {
  return s.length <= count ? s : s.slice(0, unitIndex(s, count));
}

/**
 * `s[:count]`, followed by `mark` when that cut something off.
 * @example capCodePoints("abcdef", 3, "...") // "abc..."
 */
export function capCodePoints(s: string, count: number, mark: string): string {
  const head = prefixCodePoints(s, count);
  return head.length === s.length ? s : `${head}${mark}`;
}

/**
 * Python's `s[start:end]` in code points, with Python's rules for negative and out-of-range
 * bounds (`end` omitted means the end of the string).
 */
export function sliceCodePoints(s: string, start: number, end?: number): string {
  const n = codePointLength(s);
  // Without pairs every code point is one unit (a lone surrogate is one of each).
  const fast = n === s.length;
  const resolve = (i: number): number => (i < 0 ? Math.max(0, n + i) : Math.min(i, n));
  const from = resolve(start);
  const to = end === undefined ? n : resolve(end);
  if (to <= from) return "";
  if (fast) return s.slice(from, to);
  const a = unitIndex(s, from);
  return s.slice(a, a + unitIndex(s.slice(a), to - from));
}
