/**
 * The first step Python's `int(str)` and `float(str)` share: non-ASCII whitespace and decimal
 * digits become their ASCII equivalents, then surrounding ASCII whitespace is stripped.
 */

/**
 * The zero of every run of ten decimal digits (category Nd) in Python 3.11's Unicode 14 tables.
 * Listed rather than taken from `\p{Nd}` because Node's newer tables hold digit runs Python does
 * not know (Unicode 15 to 17 added several); every run here is ten consecutive code points.
 */
// prettier-ignore
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
  0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
  0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0,
  0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0,
  0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE,
  0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
] as const;

/** Non-ASCII characters Python's `str.isspace()` accepts (the ASCII ones are handled by the strip). */
const NON_ASCII_SPACES = new Set([0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);

function isNonAsciiSpace(cp: number): boolean {
  return NON_ASCII_SPACES.has(cp) || (cp >= 0x2000 && cp <= 0x200a);
}

/** The decimal value of a Unicode 14 digit, or -1. */
function digitValue(cp: number): number {
  for (const zero of DIGIT_ZEROS) {
    if (cp < zero) return -1;
    if (cp <= zero + 9) return cp - zero;
  }
  return -1;
}

/**
 * `s` with Unicode digits and spaces made ASCII and stripped of surrounding ASCII whitespace
 * (space, `\t\n\v\f\r`, not `\x1c`-`\x1f`: Python tests ASCII with C's isspace), or `undefined`
 * when another non-ASCII character makes Python reject it anyway.
 * @example asciiNumberText("\u00a0١٢\n") → "12"
 */
export function asciiNumberText(s: string): string | undefined {
  let text = s;
  if (/[^\x00-\x7f]/.test(s)) {
    text = "";
    for (const char of s) {
      const cp = char.codePointAt(0) as number;
      if (cp < 0x80) {
        text += char;
        continue;
      }
      if (isNonAsciiSpace(cp)) {
        text += " ";
        continue;
      }
      const digit = digitValue(cp);
      if (digit < 0) return undefined;
      text += String(digit);
    }
  }
  return text.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "");
}
