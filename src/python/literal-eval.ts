/**
 * `ast.literal_eval` of a span/trace state string, classified the way the span renderer uses the
 * result (spec §11): a list or dict is re-printed as JSON, anything else prints the string.
 *
 * The reference evaluates the string, then `json.dumps` the result when it is a list or dict.
 * ValueError and SyntaxError there (bad syntax, non-literal names, json's int digit limit) print
 * the string truncated; any other exception (TypeError for unhashable keys or values JSON cannot
 * encode, RecursionError) falls through to the untruncated `str(state)` fallback.
 */
import { makeFloat, makeInt, type PyValue } from "../value/py-value.js";
import { INT_MAX_STR_DIGITS } from "./errors.js";
import { jsonFloat, JsonMembers, type Dumpable } from "./json-dumps.js";
import {
  type LiteralConstant,
  type LiteralNode,
  NotALiteral,
  ParserExhausted,
  parseLiteral,
  type PyComplex,
} from "./literal-parse.js";

/** What `ast.literal_eval` of a span/trace state string gives, as the span renderer needs it (§11). */
export type LiteralState =
  /** A list or dict, already converted as `json.dumps` would see it (tuples → lists, keys → strings). */
  | { readonly kind: "container"; readonly value: Dumpable }
  /** A scalar, tuple, set, a syntax error or a non-literal name: print the original string (truncated). */
  | { readonly kind: "verbatim" }
  /** Evaluation failed otherwise, or JSON cannot encode the result: print the original string untruncated. */
  | { readonly kind: "fallback" };

/** A Python object `literal_eval` can produce. */
type Evaluated = LiteralConstant | EvaluatedTuple | Evaluated[] | EvaluatedDict | EvaluatedSet;

interface EvaluatedTuple {
  readonly kind: "tuple";
  readonly items: readonly Evaluated[];
}

/** A dict keyed by Python equality ({@link hashKey}); entries keep the first key object. */
interface EvaluatedDict {
  readonly kind: "dict";
  readonly entries: Map<string, { readonly key: Evaluated; value: Evaluated }>;
}

interface EvaluatedSet {
  readonly kind: "set";
}

/** Python raised ValueError (or SyntaxError): the state prints verbatim. */
class PyValueError extends Error {}
/** Python raised another exception: the state takes the fallback. */
class PyOtherError extends Error {}

const VERBATIM: LiteralState = { kind: "verbatim" };
const FALLBACK: LiteralState = { kind: "fallback" };

/**
 * A string equal for exactly the values Python's `==`/`hash` treat as the same dict key:
 * `1`, `1.0`, `True` and `(1+0j)` are one key; unhashable values raise TypeError.
 */
function hashKey(v: Evaluated): string {
  if (v === null) return "None";
  switch (typeof v) {
    case "string":
      return `s${JSON.stringify(v)}`;
    case "boolean":
      return v ? "n1" : "n0";
    case "bigint":
      return `n${v}`;
    case "number":
      return Number.isInteger(v) ? `n${BigInt(v)}` : `f${v}`;
  }
  if (Array.isArray(v)) throw new PyOtherError("unhashable type: 'list'");
  switch (v.kind) {
    case "complex":
      return v.im === 0 ? hashKey(v.re) : `c${v.re},${v.im}`;
    case "bytes":
      return `b${JSON.stringify(v.text)}`;
    case "ellipsis":
      return "...";
    case "tuple":
      return `(${v.items.map(hashKey).join(",")})`;
    case "dict":
      throw new PyOtherError("unhashable type: 'dict'");
    case "set":
      throw new PyOtherError("unhashable type: 'set'");
  }
}

function isPlainNumber(v: Evaluated): v is bigint | number {
  return typeof v === "bigint" || typeof v === "number";
}

function isNumeric(v: Evaluated): v is bigint | number | PyComplex {
  return isPlainNumber(v) || (typeof v === "object" && v !== null && !Array.isArray(v) && v.kind === "complex");
}

/** `_convert_num`: a constant int, float or complex (not bool), else "malformed node". */
function evaluateNumber(node: LiteralNode): bigint | number | PyComplex {
  if (node.type === "constant" && isNumeric(node.value)) return node.value;
  throw new PyValueError("malformed node or string");
}

/** `_convert_signed_num`: a number with at most one unary sign. */
function evaluateSignedNumber(node: LiteralNode): bigint | number | PyComplex {
  if (node.type !== "unary") return evaluateNumber(node);
  const operand = evaluateNumber(node.operand);
  if (node.op === "+") return operand;
  if (typeof operand === "bigint") return -operand;
  if (typeof operand === "number") return -operand;
  return { kind: "complex", re: -operand.re, im: -operand.im };
}

/** `ast.literal_eval`'s `_convert`, keeping Python's evaluation order (it decides which error wins). */
function evaluate(node: LiteralNode): Evaluated {
  switch (node.type) {
    case "constant":
      return node.value;
    case "tuple":
      return { kind: "tuple", items: node.items.map(evaluate) };
    case "list":
      return node.items.map(evaluate);
    case "set":
      // set() consumes the items one by one, hashing each before the next is converted.
      for (const item of node.items) hashKey(evaluate(item));
      return { kind: "set" };
    case "emptySet":
      return { kind: "set" };
    case "dict": {
      // dict(zip(keys, values)) converts key i, then value i, then inserts (hashes) key i.
      const entries: EvaluatedDict["entries"] = new Map();
      node.keys.forEach((keyNode, i) => {
        const key = evaluate(keyNode);
        const value = evaluate(node.values[i] as LiteralNode);
        const hash = hashKey(key);
        const existing = entries.get(hash);
        if (existing) existing.value = value;
        else entries.set(hash, { key, value });
      });
      return { kind: "dict", entries };
    }
    case "binary": {
      const left = evaluateSignedNumber(node.left);
      const right = evaluateNumber(node.right);
      if (isPlainNumber(left) && !isPlainNumber(right)) {
        const re = Number(left);
        return { kind: "complex", re: node.op === "+" ? re + right.re : re - right.re, im: node.op === "+" ? right.im : -right.im };
      }
      throw new PyValueError("malformed node or string");
    }
    case "unary":
      return evaluateSignedNumber(node);
    case "name":
      throw new PyValueError(`malformed node or string: name ${node.id}`);
    case "malformed":
      throw new PyValueError(`malformed node or string: ${node.what}`);
  }
}

/** Python int → PyValue int; json.dumps raises ValueError past the int digit limit. */
function jsonInt(n: bigint): PyValue {
  const digits = n < 0n ? (-n).toString() : n.toString();
  if (digits.length > INT_MAX_STR_DIGITS) throw new PyValueError("Exceeds the limit for integer string conversion");
  return makeInt(n);
}

/** `json.dumps`'s conversion of a dict key to a string. */
function jsonKey(key: Evaluated): string {
  if (key === null) return "null";
  switch (typeof key) {
    case "string":
      return key;
    case "boolean":
      return key ? "true" : "false";
    case "bigint":
      return String(jsonInt(key));
    case "number":
      return jsonFloat(key);
  }
  throw new PyOtherError("keys must be str, int, float, bool or None");
}

/**
 * The value as `json.dumps` sees it: tuples become lists, dict keys strings; sets, bytes, complex
 * numbers and `...` raise TypeError. Keys and values are visited in json's order, so the first
 * failure is the one Python meets.
 */
function toJsonValue(v: Evaluated): Dumpable {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return jsonInt(v);
  if (typeof v === "number") return makeFloat(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  switch (v.kind) {
    case "tuple":
      return v.items.map(toJsonValue);
    case "dict": {
      // Two keys that differ in Python but print alike (`1` and `'1'`) give json.dumps a repeated
      // key, which it writes twice.
      const members: [string, Dumpable][] = [];
      for (const { key, value } of v.entries.values()) members.push([jsonKey(key), toJsonValue(value)]);
      return new JsonMembers(members);
    }
    default:
      throw new PyOtherError(`Object of type ${v.kind} is not JSON serializable`);
  }
}

/** Python's `compile()` refuses NUL and cannot encode lone surrogates to UTF-8 (a ValueError). */
const UNCOMPILABLE = /\0|\p{Cs}/u;

/**
 * Python `ast.literal_eval(s)` classified for span states (§11): `container` for a list or dict
 * JSON can encode (converted as `json.dumps` sees it), `verbatim` for scalars, tuples, sets,
 * syntax errors and non-literals like `true`/`null`, `fallback` for other failures (unhashable
 * keys, sets/bytes/complex inside a container, parser recursion exhausted).
 *
 * Deep nesting cannot overflow the stack: Python's tokenizer allows at most 200 open brackets
 * (beyond that a SyntaxError, so `verbatim`), and this parser enforces the same limit.
 * Not modelled: `\N{name}` escapes (the name table is not carried): a container holding one
 * prints verbatim instead of as JSON; f-strings with replacement fields count as syntax errors.
 * @example literalEvalState("{'a': True}") → { kind: "container", value: Map { "a" → true } }
 */
export function literalEvalState(s: string): LiteralState {
  // literal_eval strips leading spaces and tabs only.
  const source = s.replace(/^[ \t]+/, "");
  if (UNCOMPILABLE.test(source)) return VERBATIM;
  let node: LiteralNode;
  let hasUnknownText: boolean;
  try {
    ({ node, hasUnknownText } = parseLiteral(source));
  } catch (error) {
    if (error instanceof NotALiteral) return VERBATIM;
    if (error instanceof ParserExhausted) return FALLBACK;
    throw error;
  }
  try {
    const result = evaluate(node);
    const isContainer = Array.isArray(result) || (typeof result === "object" && result !== null && result.kind === "dict");
    if (!isContainer) return VERBATIM;
    const value = toJsonValue(result);
    // A `\N{name}` string would print a character we cannot name; the string itself is the
    // closest honest output.
    return hasUnknownText ? VERBATIM : { kind: "container", value };
  } catch (error) {
    if (error instanceof PyValueError) return VERBATIM;
    if (error instanceof PyOtherError) return FALLBACK;
    throw error;
  }
}
