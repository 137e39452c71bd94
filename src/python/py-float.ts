/** Python `float(v)`. */
import { PyFloat, type PyValue } from "../value/py-value.js";
import { asciiNumberText } from "./number-text.js";

/** Python's float syntax after stripping: digits with single `_` between them, optional exponent. */
const DECIMAL_FLOAT = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const SPECIAL_FLOAT = /^([+-]?)(?:(inf|infinity)|nan)$/i;

function floatFromString(s: string): number | undefined {
  const text = asciiNumberText(s);
  if (text === undefined) return undefined;
  if (DECIMAL_FLOAT.test(text)) return Number(text.replace(/_/g, ""));
  const special = SPECIAL_FLOAT.exec(text);
  if (!special) return undefined;
  if (special[2] === undefined) return NaN;
  return special[1] === "-" ? -Infinity : Infinity;
}

/**
 * Python `float(v)`; `undefined` where Python raises. Booleans give 1.0/0.0, ints round to the
 * nearest double (too large raises, as Python's OverflowError), strings follow Python's float
 * syntax (`" 1_000 "`, `"1e3"`, `"-inf"`, `"NaN"`, non-ASCII digits); lists, dicts and `None` fail.
 * @example pyFloat(" 2.5 ") → 2.5
 */
export function pyFloat(v: PyValue): number | undefined {
  if (v === null) return undefined;
  switch (typeof v) {
    case "boolean":
      return v ? 1 : 0;
    case "number":
      return v;
    case "bigint": {
      const n = Number(v);
      return Number.isFinite(n) ? n : undefined;
    }
    case "string":
      return floatFromString(v);
  }
  return v instanceof PyFloat ? v.value : undefined;
}
