/**
 * The public surface: the exact list of exports, and a user's handler replacing a built-in one
 * while keeping the shared services (truncation, markers, line numbers, the budget).
 */
import { describe, expect, it } from "vitest";
import * as tracescribe from "../src/index.js";
import { defaultHandlers, render, renderJson, safeRender, safeRenderJson, TracescribeError, type EventHandler } from "../src/index.js";

describe("public API", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(tracescribe).sort()).toEqual(
      [
        "DEFAULT_SETTINGS",
        "JsonSyntaxError",
        "PackedDict",
        "PyFloat",
        "TracescribeError",
        "buildHierarchy",
        "defaultHandlers",
        "fromJs",
        "isDict",
        "isList",
        "jsonDumps",
        "parseJson",
        "pyRepr",
        "pyStr",
        "pyUpper",
        "render",
        "renderJson",
        "renderOptionsSchema",
        "renderRequestSchema",
        "safeRender",
        "safeRenderJson",
      ].sort(),
    );
  });

  it("throws a TracescribeError carrying the reference's 400 body", () => {
    expect(() => render({ event_type: "$ai_nothing", data: {} })).toThrow(TracescribeError);
    const result = safeRender({ event_type: "$ai_nothing", data: {} });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.status).toBe(400);
      expect(result.error.body).toEqual({ event_type: ['"$ai_nothing" is not a valid choice.'] });
    }
  });

  it("answers malformed JSON text with a parse_error 400", () => {
    const result = tracescribe.safeRenderJson('{"event_type": ');
    expect(result.success ? "rendered" : result.error.code).toBe("parse_error");
  });

  it("answers 400, not a 500 as the reference does, for an id too large for JSON", () => {
    const result = safeRenderJson('{"event_type": "$ai_span", "data": {"id": 1e400, "event": "$ai_span", "properties": {}}}');
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.body).toMatchObject({ code: "unrenderable", attr: "data.id" });
  });

  it("keeps 1.0 a float when the request arrives as JSON text, and reads 1.0 as 1 from an object", () => {
    const text = '{"event_type": "$ai_span", "data": {"id": "s", "event": "$ai_span", "properties": {"$ai_input_state": [1.0, 1e-07]}}}';
    expect(renderJson(text).text).toContain("[\n  1.0,\n  1e-07\n]");
    const fromObject = render(JSON.parse(text));
    expect(fromObject.text).toContain("[\n  1,\n  1e-07\n]");
  });

  it("lets a user replace the span handler and keep truncation, markers, line numbers and the budget", () => {
    const terseSpan: EventHandler = (event, state) => {
      const output = event.properties.get("$ai_output_state");
      return [`STEP ${String(event.properties.get("$ai_span_name"))}`, state.truncate(typeof output === "string" ? output : "")];
    };
    const request = {
      event_type: "$ai_span",
      data: { id: "s1", event: "$ai_span", properties: { $ai_span_name: "fetch", $ai_output_state: "x".repeat(30) } },
      options: { truncate_buffer: 10, include_line_numbers: true },
    };
    const { text } = render(request, { handlers: { $ai_span: terseSpan } });
    expect(text).toBe(`L1: STEP fetch\nL2: xxxxx\nL3: \nL4: <<<TRUNCATED|${btoa("x".repeat(20))}|20>>>\nL5: \nL6: xxxxx`);
    const budgeted = render({ ...request, options: { max_length: 12 } }, { handlers: { $ai_span: terseSpan } });
    expect(budgeted.metadata.truncated).toBe(true);
    expect(budgeted.text).toBe("STEP fetch\nx");
    // the defaults are untouched
    expect(render(request).text).toMatch(/^L0?1: FETCH\nL0?2: ={80}\n/);
    expect(Object.isFrozen(defaultHandlers)).toBe(true);
  });

  it("renders a custom event name through a handler added to the table", () => {
    const feedback: EventHandler = (event) => [`FEEDBACK: ${String(event.properties.get("score"))}`];
    const event = { id: "f1", event: "$ai_feedback", properties: { score: 5 } };
    const handlers = { handlers: { $ai_feedback: feedback } };
    expect(render({ event_type: "$ai_generation", data: event }, handlers).text).toBe("FEEDBACK: 5");
    // without the handler, an unknown event renders as a generation (the reference's rule): empty
    expect(render({ event_type: "$ai_generation", data: event }).text).toBe("");
  });
});
