/** Python `int(str)` in base 10. */
import { INT_MAX_STR_DIGITS } from "./errors.js";
import { asciiNumberText } from "./number-text.js";

/** Sign, then digits with single underscores only between digits. */
const DECIMAL_INT = /^[+-]?\d+(?:_\d+)*$/;

/**
 * Python `int(s)` for a string: surrounding (Unicode) whitespace, a sign, leading zeros, single
 * `_` between digits and non-ASCII decimal digits are accepted; `undefined` where Python raises
 * (including more than 4300 digits, Python 3.11's conversion limit).
 * @example parsePyInt(" +0012 ") → 12n
 */
export function parsePyInt(s: string): bigint | undefined {
  const text = asciiNumberText(s);
  if (text === undefined || !DECIMAL_INT.test(text)) return undefined;
  const digits = text.replace(/_/g, "");
  if (digits.replace(/^[+-]/, "").length > INT_MAX_STR_DIGITS) return undefined;
  return BigInt(digits);
}
