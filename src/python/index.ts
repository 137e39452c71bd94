/**
 * Python value semantics the reference leaks into its text (spec §4.4): a number-preserving JSON
 * parser, `json.dumps`, `str`/`repr`, float formatting, `float()`/`int()` conversion,
 * `ast.literal_eval` and full Unicode upper-casing. Every renderer calls these; none re-implements
 * them.
 */
import type { PyValue } from "../value/py-value.js";

export { JsonSyntaxError, MAX_DEPTH } from "./errors.js";
export { parseJson, type ParseJsonOptions } from "./parse-json.js";
export { jsonDumps } from "./json-dumps.js";
export { intRepr, isPrintable, isPrintableString, pyRepr, pyStr, stringRepr } from "./repr.js";
export { floatRepr, formatFixed, formatThousands } from "./float-format.js";

/**
 * Converts a plain JavaScript value (as from `JSON.parse` or user code) into a {@link PyValue}.
 * Rule for numbers: an integral `number` is an int, any other a float. `undefined` object members
 * are dropped (as `JSON.stringify` does), `undefined` list items become `None`.
 * @throws {TypeError} for cycles, functions, symbols and nesting over {@link MAX_DEPTH}.
 */
export function fromJs(value: unknown): PyValue {
  void value;
  throw new Error("not implemented");
}

/** Python `float(v)`; `undefined` where Python raises. */
export function pyFloat(v: PyValue): number | undefined {
  void v;
  throw new Error("not implemented");
}

/** Python `int(s)` for a string (whitespace, sign, `_` between digits); `undefined` where it raises. */
export function parsePyInt(s: string): bigint | undefined {
  void s;
  throw new Error("not implemented");
}

/** What `ast.literal_eval` of a span/trace state string gives, as the span renderer needs it (§11). */
export type LiteralState =
  /** A list or dict, already converted as `json.dumps` would see it (tuples → lists, keys → strings). */
  | { readonly kind: "container"; readonly value: PyValue }
  /** A scalar, tuple, set, a syntax error or a non-literal name: print the original string (truncated). */
  | { readonly kind: "verbatim" }
  /** Evaluation failed otherwise, or JSON cannot encode the result: print the original string untruncated. */
  | { readonly kind: "fallback" };

/** Python `ast.literal_eval(s)` classified for span states (§11). */
export function literalEvalState(s: string): LiteralState {
  void s;
  throw new Error("not implemented");
}

/** Python 3.11 `str.upper()` (full case mapping, Unicode 14: later additions stay unchanged). */
export function pyUpper(s: string): string {
  void s;
  throw new Error("not implemented");
}
