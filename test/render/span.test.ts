import { describe, expect, it } from "vitest";
import { EQ, SEP } from "../../src/format/rules.js";
import { renderJson } from "../../src/index.js";

const spanText = (properties: string, options = "{}") =>
  renderJson(`{"event_type": "$ai_span", "data": {"id": "s", "event": "$ai_span", "properties": ${properties}}, "options": ${options}}`).text;

describe("span states (§11)", () => {
  it("prints a tool call whose name is null as None, as Python's str() does", () => {
    // The reference reads the name with a default that only applies to a missing key, so an
    // explicit null reaches the call line and prints `None`.
    const state = '{"__type": "tool_call_with_context", "tool_call": {"name": null, "args": {"q": 1}}}';
    expect(spanText(`{"$ai_input_state": ${state}}`)).toBe(
      ["SPAN", EQ, SEP, "", "INPUT STATE:", "", "", "Tool Call:", "  None(q=1)"].join("\n"),
    );
  });
  it("keeps the defaults for a missing tool name and null args", () => {
    const state = '{"__type": "tool_call_with_context", "tool_call": {"args": null}}';
    expect(spanText(`{"$ai_output_state": ${state}}`)).toBe(
      ["SPAN", EQ, SEP, "", "OUTPUT STATE:", "", "", "Tool Call:", "  unknown()"].join("\n"),
    );
  });
});
