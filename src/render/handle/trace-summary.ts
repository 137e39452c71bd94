/**
 * The one-line summary of a trace-tree node (spec §12.3): a name and, in parentheses, latency,
 * time to first token, cost, model and an error or evaluation verdict.
 */
import { UnrenderableError } from "../../errors.js";
import { formatFixed, pyFloat, pyStr } from "../../python/index.js";
import { firstTruthy, isList, isTruthy, type PyDict, type PyValue } from "../../value/py-value.js";
import { evaluationVerdict } from "../../format/evaluation-verdict.js";

/** The tree label of each expandable event kind; every other event is an `[EVENT]`. */
export const NODE_KINDS: Readonly<Record<string, string>> = Object.freeze({
  $ai_generation: "[GEN]",
  $ai_span: "[SPAN]",
  $ai_embedding: "[EMBED]",
  $ai_evaluation: "[EVAL]",
});

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

/**
 * Joins a name with its parts the way Python's `name + " (…)"` does: strings concatenate; a list
 * name is extended in place by the characters of the suffix; any other type cannot be added to.
 */
function joinSummary(name: PyValue, parts: readonly string[]): string {
  if (parts.length === 0) return pyStr(name);
  const suffix = ` (${parts.join(", ")})`;
  if (typeof name === "string") return name + suffix;
  if (isList(name)) return pyStr([...name, ...Array.from(suffix)]);
  throw new UnrenderableError(`a node name of type ${typeof name} cannot be joined with its details`);
}

function generationLike(properties: PyDict, fallbackName: string, withTtft: boolean): string {
  const name = firstTruthy(properties, ["$ai_span_name", "$ai_model"]) ?? fallbackName;
  const parts: string[] = [];
  pushMeasure(parts, properties, "$ai_latency", 2, seconds);
  if (withTtft) pushMeasure(parts, properties, "$ai_time_to_first_token", 2, seconds, "TTFT: ");
  pushMeasure(parts, properties, "$ai_total_cost_usd", 4, dollars);
  pushText(parts, properties, "$ai_model");
  if (isTruthy(properties.get("$ai_is_error")) || isTruthy(properties.get("$ai_error"))) parts.push("ERROR");
  return joinSummary(name, parts);
}

/**
 * The summary of a node whose event is `eventName` with `properties`.
 * @throws {UnrenderableError} where the reference cannot build the string (see §12.3).
 */
export function nodeSummary(eventName: PyValue | undefined, properties: PyDict): string {
  switch (eventName) {
    case "$ai_generation":
      return generationLike(properties, "generation", true);
    case "$ai_embedding":
      return generationLike(properties, "embedding", false);
    case "$ai_span": {
      const name = properties.has("$ai_span_name") ? (properties.get("$ai_span_name") as PyValue) : "span";
      const parts: string[] = [];
      pushMeasure(parts, properties, "$ai_latency", 2, seconds);
      if (isTruthy(properties.get("$ai_is_error"))) parts.push("ERROR");
      return joinSummary(name, parts);
    }
    case "$ai_evaluation": {
      const name = properties.has("$ai_evaluation_name")
        ? (properties.get("$ai_evaluation_name") as PyValue)
        : "evaluation";
      const parts: string[] = [];
      pushText(parts, properties, "$ai_evaluation_runtime");
      const verdict = evaluationVerdict(properties);
      if (verdict !== "UNKNOWN") parts.push(verdict);
      return joinSummary(name, parts);
    }
    default:
      return plainEventSummary(eventName);
  }
}

/** The summary of an event that is none of the four node kinds: its name (`unknown` when absent). */
export function plainEventSummary(eventName: PyValue | undefined): string {
  return eventName === undefined ? "unknown" : pyStr(eventName);
}
