/**
 * Conversion of {@link PyValue}s back to plain JavaScript JSON values, for results handed to
 * JavaScript callers (response metadata) that are printed with `JSON.stringify`.
 */
import { PyFloat, type PyValue } from "../value/py-value.js";

/** A value `JSON.stringify` writes as JSON. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The plain JavaScript value a JSON client would get from the reference's response, i.e. what
 * `JSON.parse` makes of Python's `json.dumps(v)`:
 * - dicts become plain objects (own data properties, so a `"__proto__"` key stays a key); their
 *   key order is the source order except that JavaScript lists integer-like keys first;
 * - integral floats (`PyFloat`) become numbers, so `1.0` prints as `1`;
 * - ints beyond ±2^53 (`bigint`) become the nearest double, exactly as `JSON.parse` of the
 *   reference's output rounds them (a bigint would make `JSON.stringify` throw);
 * - NaN and ±Infinity stay numbers, which `JSON.stringify` writes as `null`.
 * Callers that need the reference's exact bytes serialise the {@link PyValue} with `jsonDumps`.
 * @example toJs(new Map([["a", new PyFloat(1)]])) → {a: 1}
 */
export function toJs(v: PyValue): JsonValue {
  if (v === null || typeof v === "boolean" || typeof v === "string" || typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof PyFloat) return v.value;
  if (Array.isArray(v)) return v.map(toJs);
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of v) {
    Object.defineProperty(out, key, { value: toJs(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
