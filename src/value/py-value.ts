/**
 * The value model every renderer works on: JSON as the reference's Python sees it.
 *
 * Plain JavaScript values lose three distinctions the reference prints (spec §4.4):
 * integer versus float (`1` and `1.0`), exact big integers, and the order of integer-like
 * object keys. So parsed data is held as:
 *
 * | Python   | here                                                                 |
 * |----------|----------------------------------------------------------------------|
 * | `None`   | `null`                                                               |
 * | `bool`   | `boolean`                                                            |
 * | `str`    | `string` (may hold lone surrogates, as Python's `str` may)           |
 * | `int`    | `number` with an integral value, or `bigint` beyond ±2^53            |
 * | `float`  | `number` with a non-integral value (incl. NaN, ±Infinity), or a      |
 * |          | {@link PyFloat} box when the value is integral (`1.0`, `-0.0`, `1e16`) |
 * | `list`   | `PyValue[]`                                                          |
 * | `dict`   | `ReadonlyMap<string, PyValue>` in insertion order (a repeated key    |
 * |          | keeps its first place): a `Map`, or the {@link PackedDict} the JSON   |
 * |          | parser makes                                                         |
 *
 * Boxing only integral floats keeps the common case (ints, fractional floats) primitive. Test a
 * value with {@link isDict}, not `instanceof Map`.
 */
import { isPackedDict, type PackedDict } from "./packed-dict.js";

export type PyValue = null | boolean | string | number | bigint | PyFloat | PyList | PyDict;

/** A Python list. */
export type PyList = PyValue[];

/** A Python dict with string keys, in source order: a `Map` or a {@link PackedDict}. */
export type PyDict = ReadonlyMap<string, PyValue>;

/** A float whose value is integral (`1.0`, `-0.0`, `1e300`): boxed so it is not taken for an int. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** The Python type names the reference prints (`[Unparsed input format: dict]`). */
export type PyTypeName = "NoneType" | "bool" | "int" | "float" | "str" | "list" | "dict";

/** Whether `v` is a Python `dict`. */
export function isDict(v: unknown): v is PyDict {
  return v instanceof Map || isPackedDict(v);
}

/** Whether `v` is a Python `list`. */
export function isList(v: PyValue | undefined): v is PyList {
  return Array.isArray(v);
}

/**
 * Python's `d.get(key, fallback)`: the value under `key` when the key exists (even `None`), else
 * `fallback`.
 * @example getOr(new Map([["a", null]]), "a", "x") // null
 */
export function getOr(dict: PyDict, key: string, fallback: PyValue): PyValue {
  // A PyDict never holds undefined, so only a missing key reads as undefined.
  const value = dict.get(key);
  return value === undefined ? fallback : value;
}

/** Whether `v` is a Python `int` (booleans excluded). */
export function isInt(v: PyValue | undefined): v is number | bigint {
  return typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
}

/** Whether `v` is an int or a float (booleans excluded). */
export function isNumber(v: unknown): v is number | bigint | PyFloat {
  return typeof v === "number" || typeof v === "bigint" || v instanceof PyFloat;
}

/** Builds a float value, boxing it when its value is integral so it stays a float. */
export function makeFloat(n: number): number | PyFloat {
  // -0 is integral too, so it is boxed and keeps printing as the float -0.0.
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Builds an int value from a bigint, unboxing it when it is a safe JavaScript integer. */
export function makeInt(n: bigint): number | bigint {
  return n >= MIN_SAFE && n <= MAX_SAFE ? Number(n) : n;
}

/** The numeric value of an int or float as a double (big ints round to nearest). */
export function toDouble(v: number | bigint | PyFloat): number {
  return v instanceof PyFloat ? v.value : Number(v);
}

/** Python's `type(v).__name__`. */
export function pyTypeName(v: PyValue): PyTypeName {
  if (v === null) return "NoneType";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "string":
      return "str";
    case "bigint":
      return "int";
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    default:
      if (v instanceof PyFloat) return "float";
      return Array.isArray(v) ? "list" : "dict";
  }
}

/** Python truthiness: `None`, `False`, `0`, `0.0`, `""`, `[]`, `{}` are false; NaN is true. */
export function isTruthy(v: PyValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      return v.length > 0;
    case "number":
      return v !== 0;
    case "bigint":
      return v !== 0n;
    default:
      if (v instanceof PyFloat) return v.value !== 0;
      return Array.isArray(v) ? v.length > 0 : v.size > 0;
  }
}

/** `d.get(key)` for a value that may not be a dict: `undefined` when absent or not a dict. */
export function getKey(d: PyValue | undefined, key: string): PyValue | undefined {
  return isDict(d) ? d.get(key) : undefined;
}

/** The first truthy value among `keys` of `d` (Python's `d.get(a) or d.get(b) or …`). */
export function firstTruthy(d: PyDict, keys: readonly string[]): PyValue | undefined {
  for (const key of keys) {
    const v = d.get(key);
    if (isTruthy(v)) return v;
  }
  return undefined;
}
