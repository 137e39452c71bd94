import { describe, expect, it } from "vitest";
import { SEP } from "../../src/format/rules.js";
import { parseJson } from "../../src/python/index.js";
import { createState, toEventInput } from "../../src/render/create-state.js";
import { defaultHandlers } from "../../src/render/handle/index.js";
import { generation } from "../../src/render/handle/generation.js";
import { DEFAULT_SETTINGS } from "../../src/render/settings.js";
import type { PyDict } from "../../src/value/py-value.js";

const state = createState(DEFAULT_SETTINGS, defaultHandlers);
const render = (properties: string) =>
  generation(toEventInput(parseJson(`{"id": "g", "properties": ${properties}}`) as PyDict), state).join("\n");

describe("generation (§5)", () => {
  it("renders empty properties as the empty string", () => {
    expect(render('{"$ai_input": [], "$ai_output": "", "$ai_output_choices": [], "$ai_tools": []}')).toBe("");
  });
  it("separates tools, input, output and error sections", () => {
    expect(render('{"$ai_tools": [{"name": "t"}], "$ai_input": "i", "$ai_output": "o", "$ai_error": "e"}')).toBe(
      [SEP, "", "AVAILABLE TOOLS: 1", "", "  t()", "", SEP, "", "INPUT:", "", "i", "", SEP, "", "OUTPUT:", "", "o", "", "", SEP, "", "ERROR:", "", "e", ""].join("\n"),
    );
  });
  it("starts an error-only event with a blank line", () => {
    expect(render('{"$ai_is_error": "false"}')).toBe(["", SEP, "", "ERROR:", "", "An error occurred (no details available)", ""].join("\n"));
  });
  it("never renders a non-string $ai_output", () => {
    expect(render('{"$ai_output": [{"role": "assistant", "content": "x"}]}')).toBe("");
  });
});
