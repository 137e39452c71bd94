/**
 * OpenAI Responses API items inside a message array (spec §6.5): calls, call outputs, reasoning,
 * tool catalogues and any future item type, each with its own body.
 */
import type { State } from "../render/state.js";
import { formatThousands, jsonDumps, pyStr } from "../python/index.js";
import { firstTruthy, isDict, isList, isTruthy, type PyDict, type PyValue } from "../value/py-value.js";
import { isPlainTextType, payloadText, renderToolBlock } from "./content.js";
import { codePointLength } from "./text.js";
import { toolCallLine } from "./tool-calls.js";
import { formatToolLines } from "./tools.js";

/** String values longer than this (code points) are hidden in a generic item's dump. */
const FIELD_CAP = 2000;

/** Keys a generic item's signature already shows, or that are opaque, left out of its dump. */
const SIGNATURE_KEYS: ReadonlySet<string> = new Set([
  "type",
  "id",
  "call_id",
  "name",
  "arguments",
  "input",
  "status",
  "encrypted_content",
]);

/**
 * Whether a message is a Responses item: a truthy non-plain-text `type` and none of the keys
 * `role`, `content`, `tool_calls`.
 * @example isResponsesItem(new Map([["type", "web_search_call"]])) // true
 */
export function isResponsesItem(message: PyDict): boolean {
  const type = message.get("type");
  return (
    isTruthy(type) &&
    !isPlainTextType(type) &&
    !message.has("role") &&
    !message.has("content") &&
    !message.has("tool_calls")
  );
}

/** `name(<arguments>)` / `name(<input>)` / `name()`, the name being the first truthy of `name`, `type`. */
function itemSignature(item: PyDict): string {
  const name = pyStr(firstTruthy(item, ["name", "type"]) ?? null);
  const args = item.get("arguments");
  if (args !== undefined && args !== null) return toolCallLine(name, args);
  const input = item.get("input");
  return input !== undefined && isTruthy(input) ? `${name}(${pyStr(input)})` : `${name}()`;
}

/** A copy of `value` with every string over {@link FIELD_CAP} code points replaced by a note. */
function hideLongStrings(value: PyValue): PyValue {
  if (typeof value === "string") {
    if (value.length <= FIELD_CAP) return value;
    const n = codePointLength(value);
    return n > FIELD_CAP ? `[${formatThousands(n)} chars not shown]` : value;
  }
  if (isList(value)) return value.map(hideLongStrings);
  if (isDict(value)) {
    const copy = new Map<string, PyValue>();
    for (const [key, item] of value) copy.set(key, hideLongStrings(item));
    return copy;
  }
  return value;
}

/** A Responses item of a type the reference has no row for: signature, status, remaining fields. */
function genericItem(item: PyDict): string {
  let text = itemSignature(item);
  const status = item.get("status");
  if (status !== undefined && isTruthy(status)) text += ` (${pyStr(status)})`;
  const rest = new Map<string, PyValue>();
  for (const [key, value] of item) if (!SIGNATURE_KEYS.has(key)) rest.set(key, hideLongStrings(value));
  return rest.size > 0 ? `${text}\n${jsonDumps(rest, 2)}` : text;
}

/**
 * The body lines of a message chosen by its `type` (the first five rows of §6.5, whatever other
 * keys it has), or `undefined` when its type has no row and it is rendered as a normal message.
 * A `function` block renders nothing here and, when it is a Responses item, its generic body.
 * @example responsesItemBody(new Map([["type", "reasoning"], ["summary", []]]), state) // ["[reasoning summary not recorded]"]
 */
export function responsesItemBody(message: PyDict, state: State): string[] | undefined {
  switch (message.get("type")) {
    case "function_call":
    case "custom_tool_call":
      return [state.truncate(itemSignature(message))];
    case "function_call_output":
    case "custom_tool_call_output": {
      const output = message.get("output");
      const text = payloadText(output === undefined || output === null ? message.get("content") : output);
      return [text === "" ? "[tool output not recorded]" : state.truncate(text)];
    }
    case "reasoning": {
      const summary = message.get("summary");
      const text = payloadText(isTruthy(summary) ? summary : message.get("content"));
      return [text === "" ? "[reasoning summary not recorded]" : state.truncate(text)];
    }
    case "additional_tools": {
      const lines = formatToolLines(message.get("tools"), state);
      return lines.length > 0 ? lines : ["[tool catalog not recorded]"];
    }
    case "tool-call":
    case "tool_use": {
      const text = renderToolBlock(message);
      return text === undefined || text === "" ? [] : [state.truncate(text)];
    }
    default:
      if (isResponsesItem(message)) return [state.truncate(genericItem(message))];
      return undefined;
  }
}
