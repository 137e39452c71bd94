/**
 * Content extraction (spec §6.4): turns a message `content` of any shape into one string. Tool
 * blocks become call lines, text blocks their text, and whatever is not understood a Python repr.
 */
import { UnrenderableError } from "../errors.js";
import { jsonDumps, pyRepr, pyStr, pyUpper } from "../python/index.js";
import { getOr, isDict, isList, isTruthy, type PyDict, type PyList, type PyValue } from "../value/py-value.js";
import { capCodePoints } from "./text.js";
import { parseArguments, toolCallLine } from "./tool-calls.js";

/** Block types whose text is shown without a `[TYPE]` label. */
const PLAIN_TEXT_TYPES: ReadonlySet<string> = new Set(["text", "input_text", "output_text", "summary_text"]);

/** Block types that make a content list take the tool-aware rendering. */
const TOOL_BLOCK_TYPES: ReadonlySet<string> = new Set(["tool-call", "tool_use", "function"]);

/** Reprs of content that could not be read are cut to this many code points. */
const REPR_CAP = 500;

/** Whether `type` is one of the plain-text block types (`text`, `input_text`, …). */
export function isPlainTextType(type: PyValue | undefined): boolean {
  return typeof type === "string" && PLAIN_TEXT_TYPES.has(type);
}

/**
 * Rejects a `type` the reference cannot look up in its type sets: a list or object is unhashable
 * there, so the whole request fails.
 * @throws {UnrenderableError}
 */
export function assertHashableType(type: PyValue | undefined): void {
  if (isList(type) || isDict(type)) throw new UnrenderableError(`a message or block "type" must not be a ${isList(type) ? "list" : "dict"}`);
}

/** `repr(value)[:500]`, plus `...` when cut and `ellipsis` is set. */
function cappedRepr(value: PyValue, ellipsis: boolean): string {
  return capCodePoints(pyRepr(value), REPR_CAP, ellipsis ? "..." : "");
}

/** Whether a block takes the tool-aware rendering: a tool `type`, or a `content` object naming a tool. */
function isToolBlock(block: PyDict): boolean {
  const type = block.get("type");
  assertHashableType(type);
  if (typeof type === "string" && TOOL_BLOCK_TYPES.has(type)) return true;
  const content = block.get("content");
  return isDict(content) && content.has("toolName");
}

/** `str(value)` for the `text`/`content` of a dict: `text` when present, else `content`, else its JSON dump. */
function extractObject(value: PyDict): string {
  if (value.has("text")) return pyStr(value.get("text") ?? null);
  if (value.has("content")) return extractNested(value.get("content") ?? null);
  return jsonDumps(value);
}

/**
 * The plain list rule: text parts separated by blank lines, non-text block types labelled
 * `[TYPE]`. `undefined` when nothing was taken (the caller then prints a repr). A taken block
 * whose truthy `type` is not a string answers the repr of the whole list, cut without `...`:
 * the reference reads the type inside a catch-all that answers with that repr. (A list/object
 * `type` that must fail the request has already failed the tool-block scan of the caller.)
 */
function extractPlainList(list: PyList): string | undefined {
  const parts: string[] = [];
  let taken = false;
  for (const item of list) {
    if (typeof item === "string") {
      if (taken) parts.push("");
      parts.push(item);
      taken = true;
      continue;
    }
    if (!isDict(item)) continue;
    const text = isTruthy(item.get("text")) ? item.get("text") : item.get("content");
    if (text === undefined || !isTruthy(text)) continue;
    if (taken) parts.push("");
    taken = true;
    const type = item.get("type");
    if (isTruthy(type)) {
      if (typeof type !== "string") return cappedRepr(list, false);
      if (!PLAIN_TEXT_TYPES.has(type)) parts.push(`[${pyUpper(type)}]`, "");
    }
    parts.push(pyStr(text as PyValue));
  }
  return taken ? parts.join("\n") : undefined;
}

/** Extraction reached through a dict's `content`: no tool-block handling, bad types degrade to a repr. */
function extractNested(value: PyValue): string {
  if (typeof value === "string") return value;
  if (isDict(value)) return extractObject(value);
  if (isList(value)) {
    const text = extractPlainList(value);
    if (text !== undefined) return text;
  }
  return cappedRepr(value, true);
}

/** The argument of a `tool_use` block: `input`, or when that is falsy the parsed `partial_json` of a stream. */
function toolUseInput(block: PyDict): PyValue {
  const input = getOr(block, "input", new Map<string, PyValue>());
  if (isTruthy(input) || !block.has("partial_json")) return input;
  const partial = block.get("partial_json") ?? null;
  // `json.loads` of a non-string raises a TypeError the reference does not catch.
  if (typeof partial !== "string") throw new UnrenderableError("partial_json must be a string");
  return parseArguments(partial, true) ?? input;
}

/**
 * One element of a content list in the tool-aware rendering: a call line for a tool block,
 * `undefined` (dropped) for `function` blocks, empty object results and non-text scalars.
 * @example renderToolBlock(new Map([["type", "tool_use"], ["name", "f"]])) // "f()"
 */
export function renderToolBlock(block: PyValue): string | undefined {
  if (typeof block === "string") return block;
  if (!isDict(block)) return undefined;
  const type = block.get("type");
  if (type === "tool-call") {
    return toolCallLine(getOr(block, "toolName", "unknown"), getOr(block, "input", new Map()));
  }
  if (type === "tool_use") return toolCallLine(getOr(block, "name", "unknown"), toolUseInput(block));
  // Function blocks are turned into tool calls on the output side only; in content they vanish.
  if (type === "function") return undefined;
  const content = block.get("content");
  if (isDict(content)) {
    // Both the call and the result of this (Vercel) shape render as a call line: the reference
    // checks for `toolName` before it ever looks at `result`.
    if (content.has("toolName")) return toolCallLine(content.get("toolName") ?? null, content.get("args"));
    // So the result label is only reached without a `toolName`, and its name is always the default.
    if (content.has("result")) return "[Tool result: unknown]";
  }
  const text = extractObject(block);
  return text === "" ? undefined : text;
}

/** The tool-aware rendering of a content list: kept elements joined by a blank line, or `undefined`. */
function extractToolList(list: PyList): string | undefined {
  const kept: string[] = [];
  for (const item of list) {
    const text = renderToolBlock(item);
    if (text !== undefined) kept.push(text);
  }
  return kept.length > 0 ? kept.join("\n\n") : undefined;
}

/**
 * The text of a message's `content` (§6.4): strings as they are, objects by `text`/`content`/JSON
 * dump, block lists by the tool-aware or the plain list rule, anything else a repr cut to 500.
 * Not truncated: the caller truncates the whole result.
 * @example extractContent([new Map([["type", "text"], ["text", "a"]]), new Map([["type", "tool_result"], ["content", "b"]])]) // "a\n\n[TOOL_RESULT]\n\nb"
 * @throws {UnrenderableError} for a block `type` that is a list/object, or a non-string `partial_json`.
 */
export function extractContent(content: PyValue): string {
  if (isList(content)) {
    // The reference looks for a tool block in order and stops at the first; elements up to it
    // have had their `type` looked up in a set, which is where a list/object type fails.
    if (content.some((item) => isDict(item) && isToolBlock(item))) {
      const text = extractToolList(content);
      if (text !== undefined) return text;
    }
    const text = extractPlainList(content);
    if (text !== undefined) return text;
    return cappedRepr(content, true);
  }
  return extractNested(content);
}

/**
 * The §6.5 payload text of a tool result or reasoning summary: `null`/absent → `""`, a string
 * itself, an empty list/object → `""`, else {@link extractContent} (so `0` → `"0"`, `false` → `"False"`).
 * @example payloadText([]) // ""
 */
export function payloadText(value: PyValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if ((isList(value) && value.length === 0) || (isDict(value) && value.size === 0)) return "";
  return extractContent(value);
}
