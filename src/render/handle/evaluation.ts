/**
 * `$ai_evaluation` (spec §10): one verdict line. Reachable only through `data.event` or as a trace
 * node, since the endpoint has no evaluation event type.
 */
import { evaluationVerdict } from "../../format/evaluation-verdict.js";
import { SEP } from "../../format/rules.js";
import { pyStr } from "../../python/index.js";
import { getOr, isTruthy } from "../../value/py-value.js";
import type { EventHandler } from "../state.js";

/**
 * Renders `SEP`, `""`, `EVALUATION: <name> | Result: <verdict>[ (<runtime>)][ | Reasoning: <text>]`,
 * `""`. Nothing here is truncated; the reasoning keeps its newlines.
 * @example evaluation(toEventInput(event), state) // [SEP, "", "EVALUATION: Tone | Result: PASS (hog)", ""]
 */
export const evaluation: EventHandler = (event) => {
  const properties = event.properties;
  const name = pyStr(getOr(properties, "$ai_evaluation_name", "Unknown evaluation"));
  let line = `EVALUATION: ${name} | Result: ${evaluationVerdict(properties)}`;
  const runtime = properties.get("$ai_evaluation_runtime");
  const model = properties.get("$ai_evaluation_model");
  if (runtime === "llm_judge" && model !== undefined && isTruthy(model)) line += ` (llm_judge/${pyStr(model)})`;
  else if (runtime !== undefined && isTruthy(runtime)) line += ` (${pyStr(runtime)})`;
  const reasoning = properties.get("$ai_evaluation_reasoning");
  if (reasoning !== undefined && isTruthy(reasoning)) line += ` | Reasoning: ${pyStr(reasoning)}`;
  return [SEP, "", line, ""];
};
