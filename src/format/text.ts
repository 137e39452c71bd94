/**
 * Text measured in Unicode code points, as Python's `len` and slicing measure `str` (spec §4.4).
 * JavaScript strings count UTF-16 units, which differ only where a surrogate pair stands; the
 * functions here scan no further than they must (to the first surrogate, or to a cut point).
 */

const SURROGATE = /[\uD800-\uDFFF]/;

// A surrogate pair is two UTF-16 units but one code point; a lone surrogate is one of each.
const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** `len(s)` in Python: code points, where a lone surrogate counts as one. */
export function codePointLength(s: string): number {
  return s.length - surrogatePairs(s);
}

/**
 * How many surrogate pairs `s` holds. The UTF-16 index of each is pushed onto `positions` while it
 * holds fewer than `listed`, so a caller that finds them all there can cut `s` without a walk.
 */
export function surrogatePairs(s: string, positions?: number[], listed = 0): number {
  // Most strings hold no surrogate: search() proves that in one native scan, and the pair count
  // starts at the first one found. exec in a loop, unlike match(), allocates nothing that grows
  // with the string.
  const first = s.search(SURROGATE);
  if (first < 0) return 0;
  PAIR.lastIndex = first;
  let pairs = 0;
  for (let match = PAIR.exec(s); match !== null; match = PAIR.exec(s)) {
    if (positions !== undefined && positions.length < listed) positions.push(match.index);
    pairs++;
  }
  return pairs;
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
