import { describe, expect, it } from "vitest";
import { SEP } from "../../src/format/rules.js";
import { parseJson } from "../../src/python/index.js";
import { createState, toEventInput } from "../../src/render/create-state.js";
import { defaultHandlers } from "../../src/render/handle/index.js";
import { evaluation } from "../../src/render/handle/evaluation.js";
import { DEFAULT_SETTINGS } from "../../src/render/settings.js";
import type { PyDict } from "../../src/value/py-value.js";

const state = createState(DEFAULT_SETTINGS, defaultHandlers);
const line = (properties: string) =>
  evaluation(toEventInput(parseJson(`{"id": "e", "event": "$ai_evaluation", "properties": ${properties}}`) as PyDict), state)[2];

describe("evaluation (§10)", () => {
  it("frames one verdict line", () => {
    const event = toEventInput(parseJson('{"event": "$ai_evaluation", "properties": {"$ai_evaluation_result": true}}') as PyDict);
    expect(evaluation(event, state)).toEqual([SEP, "", "EVALUATION: Unknown evaluation | Result: PASS", ""]);
  });
  it("shows runtime, judge model and raw reasoning", () => {
    expect(line('{"$ai_evaluation_name": "T", "$ai_evaluation_result": "false", "$ai_evaluation_runtime": "llm_judge", "$ai_evaluation_model": "m", "$ai_evaluation_reasoning": "a\\nb"}')).toBe(
      "EVALUATION: T | Result: FAIL (llm_judge/m) | Reasoning: a\nb",
    );
    expect(line('{"$ai_evaluation_name": null, "$ai_evaluation_result": 1, "$ai_evaluation_runtime": "llm_judge"}')).toBe(
      "EVALUATION: None | Result: UNKNOWN (llm_judge)",
    );
    expect(line('{"$ai_evaluation_applicable": false, "$ai_evaluation_result": true, "$ai_evaluation_runtime": 1.0}')).toBe(
      "EVALUATION: Unknown evaluation | Result: N/A (1.0)",
    );
  });
});
