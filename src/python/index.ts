/**
 * Python value semantics the reference leaks into its text (spec §4.4): a number-preserving JSON
 * parser, `json.dumps`, `str`/`repr`, float formatting, `float()`/`int()` conversion,
 * `ast.literal_eval` and full Unicode upper-casing. Every renderer calls these; none re-implements
 * them. STUB: signatures fixed, implementation pending.
 */
import type { PyValue } from "../value/py-value.js";

/** Raised when text is not valid JSON (or nests deeper than {@link MAX_DEPTH}). */
export class JsonSyntaxError extends Error {
  override name = "JsonSyntaxError";
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

/** Deepest nesting of lists/dicts accepted from outside (Python's own recursion limit is 1000). */
export const MAX_DEPTH = 1000;

/** Options of {@link parseJson}. */
export interface ParseJsonOptions {
  /** Accept the bare literals `NaN`, `Infinity`, `-Infinity` as Python's `json.loads` does. Default `true`. */
  readonly allowConstants?: boolean;
}

/**
 * Parses JSON text the way Python's `json.loads` does, keeping what `JSON.parse` loses: ints versus
 * floats, exact big ints, key order (duplicate keys keep their first position and last value).
 * Iterative: deep nesting never overflows the stack; over {@link MAX_DEPTH} levels is an error.
 * @throws {JsonSyntaxError}
 */
export function parseJson(text: string, options?: ParseJsonOptions): PyValue {
  void text;
  void options;
  throw new Error("not implemented");
}

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

/** Python `json.dumps(v)` (ensure_ascii, `", "`/`": "`), or with `indent: 2` the pretty form. */
export function jsonDumps(v: PyValue, indent?: 2): string {
  void v;
  void indent;
  throw new Error("not implemented");
}

/** Python `str(v)`: strings verbatim, `True`/`None`, float repr, list/dict repr. */
export function pyStr(v: PyValue): string {
  void v;
  throw new Error("not implemented");
}

/** Python `repr(v)`. */
export function pyRepr(v: PyValue): string {
  void v;
  throw new Error("not implemented");
}

/** Python `repr(float)`: `1.0`, `1e-07`, `1e+16`, `nan`, `inf`. */
export function floatRepr(n: number): string {
  void n;
  throw new Error("not implemented");
}

/** Python `"%.{digits}f" % n`: exact binary value rounded half-to-even, never exponent form. */
export function formatFixed(n: number, digits: number): string {
  void n;
  void digits;
  throw new Error("not implemented");
}

/** Python `"{:,}".format(n)` for an int. */
export function formatThousands(n: number | bigint): string {
  void n;
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
