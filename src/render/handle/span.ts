/**
 * `$ai_span` (spec §11): a titled step with its error and its input and output states.
 */
import { UnrenderableError } from "../../errors.js";
import { EQ, SEP } from "../../format/rules.js";
import { jsonDumps, pyStr, pyUpper } from "../../python/index.js";
import { getOr, isDict, isTruthy, type PyValue } from "../../value/py-value.js";
import type { EventHandler, State } from "../state.js";
import { stateBody, withStateFallback } from "./state-block.js";

/** An error shown as is: strings verbatim, dicts as pretty JSON, anything else through `str()`. */
function errorText(error: PyValue): string {
  if (typeof error === "string") return error;
  return isDict(error) ? jsonDumps(error, 2) : pyStr(error);
}

/** `SEP`, label and body of one state, or nothing for a falsy state. */
function stateSection(label: string, value: PyValue | undefined, state: State): readonly string[] {
  if (value === undefined || !isTruthy(value)) return [];
  return [SEP, ...withStateFallback(label, value, () => ["", label, "", ...stateBody(value, state)])];
}

/**
 * Renders a span: upper-cased `$ai_span_name` (default `SPAN`) over a rule, then an error section
 * when `$ai_error` is truthy (`$ai_is_error` is ignored here, as in the reference), then the states.
 */
export const span: EventHandler = (event, state) => {
  const properties = event.properties;
  const name = getOr(properties, "$ai_span_name", "Span");
  if (typeof name !== "string") {
    throw new UnrenderableError("$ai_span_name must be a string", "properties.$ai_span_name");
  }
  const lines = [pyUpper(name), EQ];
  const error = properties.get("$ai_error");
  if (error !== undefined && isTruthy(error)) lines.push(SEP, "", "ERROR:", "", errorText(error));
  lines.push(
    ...stateSection("INPUT STATE:", properties.get("$ai_input_state"), state),
    ...stateSection("OUTPUT STATE:", properties.get("$ai_output_state"), state),
  );
  return lines;
};
