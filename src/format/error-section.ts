/**
 * The error section of generations and embeddings (spec §8): an error object as YAML-like lines,
 * anything else via `str()`. Never truncated.
 */
import { UnrenderableError } from "../errors.js";
import { pyStr } from "../python/index.js";
import { isDict, isList, isTruthy, type PyDict, type PyList, type PyValue } from "../value/py-value.js";
import { SEP } from "./rules.js";
import { parseArguments } from "./tool-calls.js";

/** What the reference prints when only `$ai_is_error` says something went wrong. */
const NO_DETAILS = "An error occurred (no details available)";

function pushYaml(value: PyDict | PyList, indent: string, out: string[]): void {
  const deeper = `${indent}  `;
  if (isDict(value)) {
    for (const [key, item] of value) {
      if (isDict(item) || isList(item)) {
        out.push(`${indent}${key}:`);
        pushYaml(item, deeper, out);
      } else {
        out.push(`${indent}${key}: ${pyStr(item)}`);
      }
    }
    return;
  }
  for (const item of value) {
    if (isDict(item) || isList(item)) {
      out.push(`${indent}-`);
      pushYaml(item, deeper, out);
    } else {
      out.push(`${indent}- ${pyStr(item)}`);
    }
  }
}

/**
 * YAML-like lines for an object or list: `key: value` for scalars (via `str()`, strings raw),
 * `key:` then a block two spaces deeper for containers, `- value` / `-` for list items.
 * @example yamlLines(new Map([["a", [1, new Map([["b", null]])]]])) // ["a:", "  - 1", "  -", "    b: None"]
 */
export function yamlLines(value: PyDict | PyList): string[] {
  const out: string[] = [];
  pushYaml(value, "", out);
  return out;
}

/** `json.loads` of a string `$ai_error`, `undefined` where the reference catches the failure. */
function parseErrorText(text: string): PyValue | undefined {
  try {
    return parseArguments(text, true);
  } catch (error) {
    // Same failure, but named after the property rather than after tool-call arguments.
    if (error instanceof UnrenderableError) throw new UnrenderableError("$ai_error nests too deeply for Python's json.loads");
    throw error;
  }
}

/**
 * The body of the section: YAML for a non-empty object (or a string holding one), else `str()`.
 * The reference's parse catches decode and value errors only, so an over-long int literal leaves
 * the string raw while nesting past Python's recursion limit escapes as a crash.
 */
function errorBody(error: PyValue | undefined): string[] {
  const parsed = typeof error === "string" ? parseErrorText(error) : error;
  if (isDict(parsed) && parsed.size > 0) return yamlLines(parsed);
  if (error !== undefined && isTruthy(error)) return [pyStr(error)];
  return [NO_DETAILS];
}

/**
 * The §8 section for an event's properties, starting with `""` and ending with `""`: shown when
 * `$ai_error` or `$ai_is_error` is truthy (the string `"false"` counts); `[]` otherwise.
 * @example formatErrorLines(new Map([["$ai_is_error", true]])) // ["", SEP, "", "ERROR:", "", "An error occurred (no details available)", ""]
 * @throws {UnrenderableError} when a string `$ai_error` nests deeper than the parser's limit.
 */
export function formatErrorLines(properties: PyDict): string[] {
  const error = properties.get("$ai_error");
  if (!isTruthy(error) && !isTruthy(properties.get("$ai_is_error"))) return [];
  return ["", SEP, "", "ERROR:", "", ...errorBody(error), ""];
}
