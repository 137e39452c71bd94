import { describe, expect, it } from "vitest";
import { renderJson, safeRenderJson } from "../../src/index.js";

/** The one collapsed tree line of a trace holding a single node with `properties` (raw JSON). */
const request = (event: string, properties: string) =>
  `{"event_type": "$ai_trace", "data": {"trace": {"id": "t"}, "hierarchy": [{"event": {"id": "x", "event": "${event}", "properties": ${properties}}}]}, "options": {"collapsed": true}}`;
const treeLine = (event: string, properties: string) => renderJson(request(event, properties)).text.split("\n").at(-1);

describe("trace node summaries (§12.3)", () => {
  const huge = `1${"0".repeat(400)}`;

  it("fails on an integer too large for a float, as Python's float() raises OverflowError there", () => {
    for (const [event, key] of [
      ["$ai_span", "$ai_latency"],
      ["$ai_generation", "$ai_time_to_first_token"],
      ["$ai_embedding", "$ai_total_cost_usd"],
    ] as const) {
      const result = safeRenderJson(request(event, `{"${key}": ${huge}}`));
      expect(result.success ? result.data.text : result.error.code).toBe("unrenderable");
    }
  });

  it("still converts big integers that fit a double, and overflowing strings to inf", () => {
    expect(treeLine("$ai_span", '{"$ai_latency": 98765432109876543210}')).toBe("└─ [SPAN] span (98765432109876543488.00s)");
    expect(treeLine("$ai_span", `{"$ai_latency": "${huge}"}`)).toBe("└─ [SPAN] span (infs)");
    expect(treeLine("$ai_generation", `{"$ai_total_cost_usd": 1e400}`)).toBe("└─ [GEN] generation ($inf)");
  });
});

describe("list names (§12.3)", () => {
  const SEP = "-".repeat(80);
  const plain = (properties: string) =>
    renderJson(
      `{"event_type": "$ai_trace", "data": {"trace": {"id": "t"}, "hierarchy": [{"event": {"id": "e", "event": "$ai_evaluation", "properties": ${properties}}}]}, "options": {"include_markers": false}}`,
    ).text.split("\n").slice(7);

  it("extends the list in place, so the node's own text shows the longer list too", () => {
    // Python's `+=` on a list mutates the very list the properties hold; the evaluation body,
    // rendered after the summary, prints that list.
    const extended = "['q', ' ', '(', 'P', 'A', 'S', 'S', ')']";
    expect(plain('{"$ai_evaluation_name": ["q"], "$ai_evaluation_result": true}')).toEqual([
      `└─ [+] [EVAL] ${extended}`,
      `       ${SEP}`,
      "       ",
      `       EVALUATION: ${extended} | Result: PASS`,
      "       ",
    ]);
  });

  it("leaves a list name alone when there is nothing to append", () => {
    expect(plain('{"$ai_evaluation_name": ["q"]}')).toEqual([
      "└─ [+] [EVAL] ['q']",
      `       ${SEP}`,
      "       ",
      "       EVALUATION: ['q'] | Result: UNKNOWN",
      "       ",
    ]);
  });
});
