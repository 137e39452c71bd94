/**
 * Tool-call lines (spec §6.6): `name(k=v, …)` call signatures and the `Tool calls: N` block that
 * follows a message body.
 */
import { InvalidDataError, UnrenderableError } from "../errors.js";
import { JsonSyntaxError, jsonDumps, parseJson, pyStr } from "../python/index.js";
import { getOr, isDict, isList, isTruthy, type PyValue } from "../value/py-value.js";

/**
 * Parses tool-call arguments the way the reference does where it catches only decode errors
 * (`catchValueError` false: the call-line formatter) or decode and value errors (true: a stream's
 * `partial_json`). `undefined` when the text is caught as not JSON.
 * @throws {InvalidDataError} for an over-long int literal the caller does not catch (the
 *   reference's `ValueError`, answered 400 "Invalid data format").
 * @throws {UnrenderableError} for nesting past the recursion limit (a crash there).
 */
export function parseArguments(text: string, catchValueError: boolean): PyValue | undefined {
  try {
    return parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const kind = error.pythonError;
    if (kind === "RecursionError") throw new UnrenderableError("tool-call arguments nest too deeply for Python's json.loads");
    if (kind === "ValueError" && !catchValueError) throw new InvalidDataError(error.message);
    return undefined;
  }
}

/**
 * One call line from a name and its arguments: `name(k1=<json>, …)` for a non-empty object (or a
 * string holding one), `name(<args>)` for other truthy args, else `name()`.
 * @example toolCallLine("f", '{"city": "Zürich"}') // 'f(city="Z\\u00fcrich")'
 * @example toolCallLine(null, "{}") // "None({})" — the raw string, since the object is empty
 * @throws {InvalidDataError} for a string holding an int literal of more than 4300 digits.
 * @throws {UnrenderableError} for a string nesting deeper than the parser's limit.
 */
export function toolCallLine(name: PyValue, args: PyValue | undefined): string {
  const label = pyStr(name);
  const parsed = typeof args === "string" && args !== "" ? parseArguments(args, false) : args;
  if (isDict(parsed) && parsed.size > 0) {
    const pairs: string[] = [];
    for (const [key, value] of parsed) pairs.push(`${key}=${jsonDumps(value)}`);
    return `${label}(${pairs.join(", ")})`;
  }
  // The raw args, not the parse result: a string `"{}"` prints `name({})` and `"null"` prints `name(null)`.
  if (args !== undefined && isTruthy(args)) return `${label}(${pyStr(args)})`;
  return `${label}()`;
}

/**
 * The call line of one `tool_calls` entry: OpenAI `{function: {name, arguments}}`, else LangChain
 * `{name, args}`; a non-object entry prints via `str()`.
 * @example toolCallEntry(new Map([["name", "f"], ["args", null]])) // "f()"
 */
export function toolCallEntry(entry: PyValue): string {
  if (!isDict(entry)) return pyStr(entry);
  const fn = entry.get("function");
  if (isDict(fn)) return toolCallLine(getOr(fn, "name", "unknown"), fn.get("arguments") ?? "");
  return toolCallLine(getOr(entry, "name", "unknown"), getOr(entry, "args", ""));
}

/** What Python's `for entry in tool_calls` visits: list items, string code points, dict keys. */
function iterateToolCalls(toolCalls: PyValue): readonly PyValue[] {
  if (isList(toolCalls)) return toolCalls;
  if (typeof toolCalls === "string") return Array.from(toolCalls);
  if (isDict(toolCalls)) return [...toolCalls.keys()];
  // The reference iterates the value and crashes on a number or `True`.
  throw new UnrenderableError(`tool_calls of type ${typeof toolCalls} cannot be iterated`);
}

/**
 * The lines after a message body for a truthy `tool_calls`: `""`, `Tool calls: N`, one `  - <call>`
 * per entry. A string counts its characters, an object its keys (the reference iterates them).
 * @example toolCallsLines([new Map([["name", "f"]])]) // ["", "Tool calls: 1", "  - f()"]
 * @throws {UnrenderableError} for a number or `true`, which the reference cannot iterate.
 */
export function toolCallsLines(toolCalls: PyValue): string[] {
  const entries = iterateToolCalls(toolCalls);
  const lines = ["", `Tool calls: ${entries.length}`];
  for (const entry of entries) lines.push(`  - ${toolCallEntry(entry)}`);
  return lines;
}
