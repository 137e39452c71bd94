/** Python 3.11 `str.upper()`. */

/**
 * Lower-case letters that gained an upper-case mapping after Unicode 14 (in 15.0 to 17.0, as
 * Node 20's tables know them). Python 3.11 leaves them as they are; found by comparing
 * `str.upper()` with `toUpperCase()` over every code point.
 */
const UPPER_MAPPED_AFTER_UNICODE_14 = "\u019b\u0264\u1c8a\ua7cd\ua7cf\ua7d3\ua7d5\ua7db\u{10d70}-\u{10d85}\u{16ebb}-\u{16ed3}";
/** Runs of text JavaScript may upper-case as Python does. */
const UPPER_AS_PYTHON = new RegExp(`[^${UPPER_MAPPED_AFTER_UNICODE_14}]+`, "gu");
const HAS_NEWER_MAPPING = new RegExp(`[${UPPER_MAPPED_AFTER_UNICODE_14}]`, "u");

/**
 * Python 3.11 `str.upper()`: full case mapping (`ß` → `SS`), except letters whose mapping Unicode
 * added after version 14 stay unchanged.
 * @example pyUpper("straße") → "STRASSE"
 */
export function pyUpper(s: string): string {
  if (!HAS_NEWER_MAPPING.test(s)) return s.toUpperCase();
  return s.replace(UPPER_AS_PYTHON, (run) => run.toUpperCase());
}
