/**
 * The one-line summary of a trace-tree node (spec §12.3): a name and, in parentheses, latency,
 * time to first token, cost, model and an error or evaluation verdict.
 */
import { UnrenderableError } from "../../errors.js";
import { formatFixed, pyFloat, pyStr } from "../../python/index.js";
import { firstTruthy, getOr, isList, isTruthy, type PyDict, type PyValue } from "../../value/py-value.js";
import { evaluationVerdict } from "../../format/evaluation-verdict.js";

/** The tree label of each expandable event kind; every other event is an `[EVENT]`. */
export const NODE_KINDS = Object.freeze({
  $ai_generation: "[GEN]",
  $ai_span: "[SPAN]",
  $ai_embedding: "[EMBED]",
  $ai_evaluation: "[EVAL]",
});

/** The name of an expandable event kind. */
export type NodeKindName = keyof typeof NODE_KINDS;

/** `name` when it names an expandable kind (an own key of {@link NODE_KINDS}), else `undefined`. */
export function nodeKindName(name: PyValue | undefined): NodeKindName | undefined {
  return typeof name === "string" && Object.hasOwn(NODE_KINDS, name) ? (name as NodeKindName) : undefined;
}

/**
 * Pushes `label` + `"%.{digits}f"` of Python's `float(value)` with its unit, when the property is
 * present and not null; where `float()` fails the label stays but the unit (and a `$`) is dropped.
 * @throws {UnrenderableError} for an integer past the double range.
 */
function pushMeasure(parts: string[], properties: PyDict, key: string, digits: number, unit: (fixed: string) => string, label = ""): void {
  const value = properties.get(key);
  if (value === undefined || value === null) return;
  // Python's float() of an integer beyond the double range raises OverflowError, which the
  // reference does not catch (only a failed conversion falls back to str()).
  if (typeof value === "bigint" && !Number.isFinite(Number(value))) {
    throw new UnrenderableError(`${key} is an integer too large for a float`, `properties.${key}`);
  }
  const number = pyFloat(value);
  parts.push(label + (number === undefined ? pyStr(value) : unit(formatFixed(number, digits))));
}

const seconds = (fixed: string): string => `${fixed}s`;
const dollars = (fixed: string): string => `$${fixed}`;

/** Pushes `$ai_model` (or another string-valued part) when truthy; a non-string cannot be joined. */
function pushText(parts: string[], properties: PyDict, key: string): void {
  const value = properties.get(key);
  if (!isTruthy(value)) return;
  if (typeof value !== "string") throw new UnrenderableError(`${key} must be a string`, `properties.${key}`);
  parts.push(value);
}

/** A node's one-line summary, and its properties as the reference leaves them after building it. */
export interface NodeSummary {
  readonly text: string;
  /** The node's properties, or a copy whose list name carries the appended suffix (see below). */
  readonly properties: PyDict;
}

/**
 * Joins the name read from `properties[key]` (or a string default) with its parts the way Python's
 * `name += " (…)"` does: strings concatenate; a list is extended by the characters of the suffix,
 * in place, so the node's own text rendered afterwards sees the longer list; any other type cannot
 * be added to.
 */
function joinSummary(properties: PyDict, key: string, name: PyValue, parts: readonly string[]): NodeSummary {
  if (parts.length === 0) return { text: pyStr(name), properties };
  const suffix = ` (${parts.join(", ")})`;
  if (typeof name === "string") return { text: name + suffix, properties };
  if (isList(name)) {
    const extended = [...name, ...Array.from(suffix)];
    return { text: pyStr(extended), properties: new Map(properties).set(key, extended) };
  }
  throw new UnrenderableError(`a node name of type ${typeof name} cannot be joined with its details`);
}

function generationLike(properties: PyDict, fallbackName: string, withTtft: boolean): NodeSummary {
  const key = isTruthy(properties.get("$ai_span_name")) ? "$ai_span_name" : "$ai_model";
  const name = firstTruthy(properties, [key]) ?? fallbackName;
  const parts: string[] = [];
  pushMeasure(parts, properties, "$ai_latency", 2, seconds);
  if (withTtft) pushMeasure(parts, properties, "$ai_time_to_first_token", 2, seconds, "TTFT: ");
  pushMeasure(parts, properties, "$ai_total_cost_usd", 4, dollars);
  pushText(parts, properties, "$ai_model");
  if (isTruthy(properties.get("$ai_is_error")) || isTruthy(properties.get("$ai_error"))) parts.push("ERROR");
  return joinSummary(properties, key, name, parts);
}

/**
 * The summary of an expandable node (a generation, span, embedding or evaluation) whose event
 * is `eventName` with `properties`; other events are summarised by {@link plainEventSummary}.
 * @throws {UnrenderableError} where the reference cannot build the string (see §12.3).
 */
export function nodeSummary(eventName: NodeKindName, properties: PyDict): NodeSummary {
  switch (eventName) {
    case "$ai_generation":
      return generationLike(properties, "generation", true);
    case "$ai_embedding":
      return generationLike(properties, "embedding", false);
    case "$ai_span": {
      const parts: string[] = [];
      pushMeasure(parts, properties, "$ai_latency", 2, seconds);
      if (isTruthy(properties.get("$ai_is_error"))) parts.push("ERROR");
      return joinSummary(properties, "$ai_span_name", getOr(properties, "$ai_span_name", "span"), parts);
    }
    case "$ai_evaluation": {
      const parts: string[] = [];
      pushText(parts, properties, "$ai_evaluation_runtime");
      const verdict = evaluationVerdict(properties);
      if (verdict !== "UNKNOWN") parts.push(verdict);
      const name = getOr(properties, "$ai_evaluation_name", "evaluation");
      return joinSummary(properties, "$ai_evaluation_name", name, parts);
    }
  }
}

/** The summary of an event that is none of the four node kinds: its name (`unknown` when absent). */
export function plainEventSummary(eventName: PyValue | undefined): string {
  return eventName === undefined ? "unknown" : pyStr(eventName);
}
