/**
 * The body of one span state (spec §11): the value a step received or produced, shown as
 * messages, a tool call in context, a tool result, pretty JSON or plain text, depending on its
 * shape. Trace-level states (§12.1) reuse the fallback rule.
 */
import { InvalidDataError, UnrenderableError } from "../../errors.js";
import { formatMessageArray, payloadText, toolCallLine } from "../../format/messages.js";
import { jsonDumps, literalEvalState, pyStr } from "../../python/index.js";
import { getOr, isDict, isList, isTruthy, type PyDict, type PyValue } from "../../value/py-value.js";
import type { State } from "../state.js";

/** Whether a list reads as a conversation: its first element is a dict with `role` or `content`. */
export function isMessageList(value: PyValue): value is PyValue[] {
  if (!isList(value)) return false;
  const first = value[0];
  return isDict(first) && (first.has("role") || first.has("content"));
}

/**
 * Runs `format`, and where the reference's own formatting of a state raises, gives what it prints
 * instead: the label followed by `str(state)`, untruncated.
 */
export function withStateFallback(
  label: string,
  value: PyValue,
  format: () => readonly string[],
): readonly string[] {
  try {
    return format();
  } catch (error) {
    if (error instanceof UnrenderableError || error instanceof InvalidDataError) {
      return ["", label, "", pyStr(value)];
    }
    throw error;
  }
}

/** A string state: Python literals that are containers are re-printed as pretty JSON. */
function stringState(text: string, state: State): string {
  const literal = literalEvalState(text);
  switch (literal.kind) {
    case "container":
      return state.truncate(jsonDumps(literal.value, 2));
    case "verbatim":
      return state.truncate(text);
    case "fallback":
      return text;
    default: {
      const unknown: never = literal;
      throw new TypeError(`unknown literal kind ${JSON.stringify(unknown)}`);
    }
  }
}

/** `__type: "tool_call_with_context"`: the inner state's messages and step budget, then the call. */
function toolCallWithContext(value: PyDict, state: State): string[] {
  const lines: string[] = [];
  const nested = value.get("state");
  if (isDict(nested)) {
    const messages = nested.get("messages");
    if (isList(messages) && messages.length > 0) lines.push(...formatMessageArray(messages, state));
    const remaining = nested.get("remaining_steps");
    if (remaining !== undefined && remaining !== null) lines.push("", `Remaining steps: ${pyStr(remaining)}`);
  }
  const call = value.get("tool_call");
  if (isDict(call) && call.size > 0) {
    // The defaults stand in for a missing key only: an explicit null name prints as `None`.
    const name = getOr(call, "name", "unknown");
    const args = getOr(call, "args", new Map<string, PyValue>());
    lines.push("", "Tool Call:", `  ${toolCallLine(name, args)}`);
  }
  return lines;
}

/** `type: "tool"`: a tool result with its name and status. */
function toolResult(value: PyDict, state: State): string[] {
  let header = "[TOOL RESULT]";
  const name = value.get("name");
  if (isTruthy(name)) {
    if (typeof name !== "string") throw new UnrenderableError("a tool result's name must be a string");
    header += ` ${name}`;
  }
  const status = value.get("status");
  if (isTruthy(status)) header += ` (${pyStr(status as PyValue)})`;
  const content = value.get("content");
  const payload = payloadText(content);
  return [header, "", payload === "" ? "[tool output not recorded]" : state.truncate(payload)];
}

/**
 * The lines of a span state after its label (`INPUT STATE:` / `OUTPUT STATE:`), for a truthy
 * state. May throw where the reference raises; wrap in {@link withStateFallback}.
 */
export function stateBody(value: PyValue, state: State): string[] {
  if (typeof value === "string") return [stringState(value, state)];
  if (isMessageList(value)) return formatMessageArray(value, state);
  if (isList(value)) return [state.truncate(jsonDumps(value, 2))];
  if (isDict(value)) {
    if (value.get("__type") === "tool_call_with_context") return toolCallWithContext(value, state);
    const messages = value.get("messages");
    if (isList(messages) && messages.length > 0) return formatMessageArray(messages, state);
    if (value.get("type") === "tool") return toolResult(value, state);
    return [state.truncate(jsonDumps(value, 2))];
  }
  return [pyStr(value)];
}
