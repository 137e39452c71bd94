/**
 * Python value semantics the reference leaks into its text (spec §4.4): a number-preserving JSON
 * parser, `json.dumps`, `str`/`repr`, float formatting, `float()`/`int()` conversion,
 * `ast.literal_eval` and full Unicode upper-casing. Every renderer calls these; none re-implements
 * them.
 */
export { JsonSyntaxError, MAX_DEPTH } from "./errors.js";
export { parseJson, type ParseJsonOptions } from "./parse-json.js";
export { fromJs } from "./from-js.js";
export { jsonDumps } from "./json-dumps.js";
export { intRepr, isPrintable, pyRepr, pyStr, stringRepr } from "./repr.js";
export { floatRepr, formatFixed, formatThousands } from "./float-format.js";
export { pyFloat } from "./py-float.js";
export { parsePyInt } from "./py-int.js";
export { literalEvalState, type LiteralState } from "./literal-eval.js";
export { pyUpper } from "./upper.js";
