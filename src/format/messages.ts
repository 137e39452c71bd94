/**
 * Messages (spec §6.1–6.3): the input and output sections of generations and embeddings and the
 * numbered message array they share with span and trace states.
 *
 * Section helpers come in two forms: `inputSection`/`outputSection` answer `undefined` when there
 * is no section, and the lines after the `INPUT:`/`OUTPUT:` label otherwise (possibly none: a list
 * of strings is an empty section); `formatInputLines`/`formatOutputLines` flatten that to `[]`.
 */
import type { State } from "../render/state.js";
import { jsonDumps, pyStr, pyUpper } from "../python/index.js";
import { firstTruthy, getOr, isDict, isList, isTruthy, type PyDict, type PyList, pyTypeName, type PyValue } from "../value/py-value.js";
import { assertHashableType, extractContent } from "./content.js";
import { isResponsesItem, responsesItemBody } from "./responses-items.js";
import { SEP } from "./rules.js";
import { capCodePoints } from "./text.js";
import { toolCallsLines } from "./tool-calls.js";

export { extractContent, payloadText } from "./content.js";
export { toolCallLine } from "./tool-calls.js";

/** An input that is neither a string nor a list is dumped, cut to this many code points. */
const UNPARSED_CAP = 500;

/** The body of one message: its Responses-item row, else its extracted and truncated content. */
function pushMessageBody(message: PyDict, state: State, out: string[]): void {
  const body = responsesItemBody(message, state);
  if (body !== undefined) {
    for (const line of body) out.push(line);
    return;
  }
  const content = message.get("content");
  if (content === undefined || !isTruthy(content)) return;
  const text = extractContent(content);
  if (text !== "") out.push(state.truncate(text));
}

/**
 * The §6.3 lines of a message array, starting with the first message's `""` header line: per
 * object `""`, `[i+1] ROLE`, `""`, its body, its tool calls, and `""`, SEP unless it stands at the
 * last index. Non-objects print nothing but keep their index, so numbering can have gaps and an
 * array ending in a non-object ends with a separator.
 * @example formatMessageArray([new Map([["role", "user"], ["content", "Hi"]])], state) // ["", "[1] USER", "", "Hi"]
 * @throws {UnrenderableError} for a list/object `type` or a numeric `tool_calls` (the reference crashes).
 */
export function formatMessageArray(messages: PyList, state: State): string[] {
  const out: string[] = [];
  const last = messages.length - 1;
  for (let i = 0; i <= last; i++) {
    const message = messages[i];
    if (!isDict(message)) continue;
    assertHashableType(message.get("type"));
    const role = firstTruthy(message, ["role", "type"]) ?? "unknown";
    out.push("", `[${i + 1}] ${pyUpper(pyStr(role))}`, "");
    pushMessageBody(message, state, out);
    const toolCalls = message.get("tool_calls");
    if (toolCalls !== undefined && isTruthy(toolCalls)) for (const line of toolCallsLines(toolCalls)) out.push(line);
    if (i !== last) out.push("", SEP);
  }
  return out;
}

/**
 * The §6.1 input section after its `INPUT:` label: `undefined` for a falsy input; `["", text]` for
 * a string (truncated); the message array for a list; `["", "[Unparsed input format: dict]", dump]`
 * otherwise (the JSON dump cut to 500 code points plus `...`).
 * @example inputSection("Hi", state) // ["", "Hi"]
 */
export function inputSection(input: PyValue | undefined, state: State): string[] | undefined {
  if (input === undefined || !isTruthy(input)) return undefined;
  if (typeof input === "string") return ["", state.truncate(input)];
  if (isList(input)) return formatMessageArray(input, state);
  return ["", `[Unparsed input format: ${pyTypeName(input)}]`, capCodePoints(jsonDumps(input), UNPARSED_CAP, "...")];
}

/**
 * The lines after `INPUT:` for `$ai_input` (see {@link inputSection}), `[]` when there is no
 * section. A trace reuses it for a message-list state as `["", "INPUT:", ...lines]`.
 * @example formatInputLines(null, state) // []
 */
export function formatInputLines(input: PyValue | undefined, state: State): string[] {
  return inputSection(input, state) ?? [];
}

/** A `{"object": "response"}` object's `output` when it is a non-empty list. */
function responseOutput(value: PyValue | undefined): PyList | undefined {
  if (!isDict(value) || value.get("object") !== "response") return undefined;
  const output = value.get("output");
  return isList(output) && output.length > 0 ? output : undefined;
}

/**
 * A chat message reduced to the three keys the reference keeps: `role` (`assistant` when absent),
 * `content`, and `tool_calls` replaced by the content's `tool-call`/`function` blocks when it has any.
 */
function normaliseMessage(message: PyDict): PyDict {
  const content = message.get("content") ?? null;
  let toolCalls = message.get("tool_calls") ?? null;
  if (isList(content)) {
    const calls: PyValue[] = [];
    for (const block of content) {
      if (!isDict(block)) continue;
      const type = block.get("type");
      const fn = block.get("function");
      if ((type === "tool-call" || type === "function") && isDict(fn)) calls.push(new Map([["function", fn]]));
    }
    if (calls.length > 0) toolCalls = calls;
  }
  return new Map<string, PyValue>([
    ["role", getOr(message, "role", "assistant")],
    ["content", content],
    ["tool_calls", toolCalls],
  ]);
}

/** The messages of `$ai_output_choices` (a list, or `{choices: [...]}`), normalised; entries without a message dropped. */
function choiceMessages(choices: PyValue | undefined): PyDict[] {
  const wrapped = isDict(choices) ? choices.get("choices") : undefined;
  const entries = isList(wrapped) ? wrapped : isList(choices) ? choices : [];
  const kept: PyDict[] = [];
  for (const entry of entries) {
    if (!isDict(entry)) continue;
    // The reference's Responses-item test looks a truthy type up in a set (a list/object fails
    // there); a falsy one such as `[]` passes, and normalisation then drops it.
    const type = entry.get("type");
    if (isTruthy(type)) assertHashableType(type);
    if (isResponsesItem(entry)) {
      kept.push(entry);
      continue;
    }
    const nested = entry.get("message");
    if (isDict(nested) && nested.size > 0) kept.push(normaliseMessage(nested));
    else if (entry.has("role") || entry.has("content")) kept.push(normaliseMessage(entry));
  }
  return kept;
}

/**
 * The §6.2 output section after its `OUTPUT:` label, `undefined` when there is none: a Responses
 * object's items, else a non-empty string `$ai_output` as `["", text]` (truncated), else the
 * normalised messages of `$ai_output_choices`. A non-string `$ai_output` is never rendered.
 * @example outputSection("Hello", undefined, state) // ["", "Hello"]
 */
export function outputSection(output: PyValue | undefined, choices: PyValue | undefined, state: State): string[] | undefined {
  const items = responseOutput(choices) ?? responseOutput(output);
  if (items !== undefined) return formatMessageArray(items, state);
  if (typeof output === "string" && output !== "") return ["", state.truncate(output)];
  const messages = choiceMessages(choices);
  return messages.length > 0 ? formatMessageArray(messages, state) : undefined;
}

/**
 * The lines after `OUTPUT:` for `$ai_output` and `$ai_output_choices` (see {@link outputSection}),
 * `[]` when there is no section. A trace passes a message-list state as `choices`.
 * @example formatOutputLines(undefined, [new Map([["content", "Hi"]])], state) // ["", "[1] ASSISTANT", "", "Hi"]
 */
export function formatOutputLines(output: PyValue | undefined, choices: PyValue | undefined, state: State): string[] {
  return outputSection(output, choices, state) ?? [];
}
