/**
 * Python `str()`, `repr()` and `str.isprintable()` for {@link PyValue}s (spec §4.4).
 */
import { isDict, type PyValue } from "../value/py-value.js";
import { floatRepr } from "./float-format.js";

/**
 * Code points assigned in Unicode 15.0 to 17.0, as ranges `[first, last, first, last, …]`.
 *
 * Python 3.11 uses Unicode 14.0 tables, where these are unassigned (Cn) and so not printable;
 * Node's regex property tables are newer (`process.versions.unicode` is 17.0 on Node 20.20) and
 * call them letters, symbols or marks. Derived by comparing CPython 3.11's `str.isprintable()`
 * with Node's `\p{…}` classes over every code point (the difference is exactly these additions;
 * no older character changed category). With a Node on Unicode 15 or 16 the later ranges are
 * simply still Cn there, so the list stays right; a Node on Unicode 18+ needs it extended.
 */
// prettier-ignore
const ASSIGNED_AFTER_UNICODE_14 = [
  0x88F, 0x88F, 0x897, 0x897, 0xC5C, 0xC5C, 0xCDC, 0xCDC, 0xCF3, 0xCF3, 0xECE, 0xECE,
  0x1ACF, 0x1ADD, 0x1AE0, 0x1AEB, 0x1B4E, 0x1B4F, 0x1B7F, 0x1B7F, 0x1C89, 0x1C8A, 0x20C1, 0x20C1,
  0x2427, 0x2429, 0x2B96, 0x2B96, 0x2FFC, 0x2FFF, 0x31E4, 0x31E5, 0x31EF, 0x31EF, 0xA7CB, 0xA7CF,
  0xA7D2, 0xA7D2, 0xA7D4, 0xA7D4, 0xA7DA, 0xA7DC, 0xA7F1, 0xA7F1, 0xFBC3, 0xFBD2, 0xFD90, 0xFD91,
  0xFDC8, 0xFDCE, 0x105C0, 0x105F3, 0x10940, 0x10959, 0x10D40, 0x10D65, 0x10D69, 0x10D85,
  0x10D8E, 0x10D8F, 0x10EC2, 0x10EC7, 0x10ED0, 0x10ED8, 0x10EFA, 0x10EFF, 0x1123F, 0x11241,
  0x11380, 0x11389, 0x1138B, 0x1138B, 0x1138E, 0x1138E, 0x11390, 0x113B5, 0x113B7, 0x113C0,
  0x113C2, 0x113C2, 0x113C5, 0x113C5, 0x113C7, 0x113CA, 0x113CC, 0x113D5, 0x113D7, 0x113D8,
  0x113E1, 0x113E2, 0x116D0, 0x116E3, 0x11B00, 0x11B09, 0x11B60, 0x11B67, 0x11BC0, 0x11BE1,
  0x11BF0, 0x11BF9, 0x11DB0, 0x11DDB, 0x11DE0, 0x11DE9, 0x11F00, 0x11F10, 0x11F12, 0x11F3A,
  0x11F3E, 0x11F5A, 0x1342F, 0x1342F, 0x13440, 0x13455, 0x13460, 0x143FA, 0x16100, 0x16139,
  0x16D40, 0x16D79, 0x16EA0, 0x16EB8, 0x16EBB, 0x16ED3, 0x16FF2, 0x16FF6, 0x187F8, 0x187FF,
  0x18CFF, 0x18CFF, 0x18D09, 0x18D1E, 0x18D80, 0x18DF2, 0x1B132, 0x1B132, 0x1B155, 0x1B155,
  0x1CC00, 0x1CCFC, 0x1CD00, 0x1CEB3, 0x1CEBA, 0x1CED0, 0x1CEE0, 0x1CEF0, 0x1D2C0, 0x1D2D3,
  0x1DF25, 0x1DF2A, 0x1E030, 0x1E06D, 0x1E08F, 0x1E08F, 0x1E4D0, 0x1E4F9, 0x1E5D0, 0x1E5FA,
  0x1E5FF, 0x1E5FF, 0x1E6C0, 0x1E6DE, 0x1E6E0, 0x1E6F5, 0x1E6FE, 0x1E6FF, 0x1F6D8, 0x1F6D8,
  0x1F6DC, 0x1F6DC, 0x1F774, 0x1F77F, 0x1F7D9, 0x1F7D9, 0x1F8B2, 0x1F8BB, 0x1F8C0, 0x1F8C1,
  0x1F8D0, 0x1F8D8, 0x1FA54, 0x1FA57, 0x1FA75, 0x1FA77, 0x1FA87, 0x1FA8A, 0x1FA8E, 0x1FA8F,
  0x1FAAD, 0x1FAAF, 0x1FABB, 0x1FABF, 0x1FAC6, 0x1FAC6, 0x1FAC8, 0x1FAC8, 0x1FACD, 0x1FACF,
  0x1FADA, 0x1FADC, 0x1FADF, 0x1FADF, 0x1FAE8, 0x1FAEA, 0x1FAEF, 0x1FAEF, 0x1FAF7, 0x1FAF8,
  0x1FBCB, 0x1FBEF, 0x1FBFA, 0x1FBFA, 0x2B739, 0x2B73F, 0x2CEA2, 0x2CEAD, 0x2EBF0, 0x2EE5D,
  0x31350, 0x33479,
] as const;

function codePointClass(ranges: readonly number[]): string {
  const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
  let out = "";
  for (let i = 0; i < ranges.length; i += 2) {
    const first = ranges[i] as number;
    const last = ranges[i + 1] as number;
    out += first === last ? hex(first) : `${hex(first)}-${hex(last)}`;
  }
  return `[${out}]`;
}

/**
 * Characters Python 3.11 does not consider printable: categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs
 * except the ASCII space, with Cn as of Unicode 14.
 */
const NOT_PRINTABLE_SOURCE = `[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}]|(?! )\\p{Zs}|${codePointClass(ASSIGNED_AFTER_UNICODE_14)}`;
const NOT_PRINTABLE = new RegExp(NOT_PRINTABLE_SOURCE, "u");
/** What a `'…'` repr escapes: the backslash, the quote and every non-printable character. */
const SINGLE_QUOTED_ESCAPES = new RegExp(`[\\\\']|${NOT_PRINTABLE_SOURCE}`, "gu");
/** What a `"…"` repr escapes (it is only chosen for strings holding `'` but no `"`). */
const DOUBLE_QUOTED_ESCAPES = new RegExp(`\\\\|${NOT_PRINTABLE_SOURCE}`, "gu");

/**
 * Python 3.11 `str.isprintable()`: whether every character (code point, or lone surrogate) of `s`
 * is printable; true for `""`.
 * @example isPrintable("\u00a0") → false
 */
export function isPrintable(s: string): boolean {
  return !NOT_PRINTABLE.test(s);
}

function escapeForRepr(char: string): string {
  switch (char) {
    case "\\":
      return "\\\\";
    case "'":
      return "\\'";
    case "\t":
      return "\\t";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
  }
  const cp = char.codePointAt(0) as number;
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}

/**
 * Python `repr(s)` of a string: `'…'`, or `"…"` when it holds `'` but no `"`; backslashes, the
 * quote and non-printable characters escaped.
 * @example stringRepr("don't") → `"don't"`
 */
export function stringRepr(s: string): string {
  if (s.includes("'") && !s.includes('"')) return `"${s.replace(DOUBLE_QUOTED_ESCAPES, escapeForRepr)}"`;
  return `'${s.replace(SINGLE_QUOTED_ESCAPES, escapeForRepr)}'`;
}

/**
 * Python `repr(int)`: every digit, never exponent form (an integral `number` beyond 2^53 still
 * prints its exact binary value, as Python's `int(float)` would).
 * @example intRepr(1e21) → "1000000000000000000000"
 */
export function intRepr(n: number | bigint): string {
  return typeof n === "number" && Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/**
 * Python `repr(v)`: `None`, `True`, ints, float repr (`nan`, `inf`), string repr, lists
 * `[a, b]`, dicts `{'k': v}`.
 * @example pyRepr(["don't", "a\tb", "é"]) → `["don't", 'a\\tb', 'é']`
 */
export function pyRepr(v: PyValue): string {
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return v ? "True" : "False";
    case "string":
      return stringRepr(v);
    case "bigint":
      return v.toString();
    case "number":
      return Number.isInteger(v) ? intRepr(v) : floatRepr(v);
  }
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i === 0 ? "" : ", ") + pyRepr(v[i] as PyValue);
    return out + "]";
  }
  if (isDict(v)) {
    let out = "{";
    let first = true;
    for (const [key, item] of v) {
      out += (first ? "" : ", ") + stringRepr(key) + ": " + pyRepr(item);
      first = false;
    }
    return out + "}";
  }
  return floatRepr(v.value);
}

/**
 * Python `str(v)`: strings as they are, everything else as {@link pyRepr}.
 * @example pyStr(new Map([["k", [1.5, true, null]]])) → "{'k': [1.5, True, None]}"
 */
export function pyStr(v: PyValue): string {
  return typeof v === "string" ? v : pyRepr(v);
}
