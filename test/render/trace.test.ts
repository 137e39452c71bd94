import { describe, expect, it } from "vitest";
import { EQ, SEP } from "../../src/format/rules.js";
import { renderJson, safeRenderJson } from "../../src/index.js";

const HEAD = ["TRACE", EQ, "", SEP, "", "TRACE HIERARCHY:", ""];
const traceRequest = (hierarchy: unknown, options: object = {}) =>
  JSON.stringify({ event_type: "$ai_trace", data: { trace: { id: "t" }, hierarchy }, options });

describe("trace tree (§12.2)", () => {
  it("draws a plain event node whatever its properties hold, since they are never read", () => {
    const hierarchy = [
      { event: { id: "m", event: "$ai_metric", properties: null } },
      { event: { id: "f", event: "$ai_feedback", properties: [1] } },
      { id: "n", properties: "text" },
    ];
    expect(renderJson(traceRequest(hierarchy)).text).toBe(
      [
        ...HEAD,
        "├─ <<<EVENT_LINK|m|[EVENT]>>> $ai_metric",
        "├─ <<<EVENT_LINK|f|[EVENT]>>> $ai_feedback",
        "└─ <<<EVENT_LINK|n|[EVENT]>>> unknown",
      ].join("\n"),
    );
    expect(renderJson(traceRequest(hierarchy, { collapsed: true })).text).toBe(
      [...HEAD, "├─ [EVENT] $ai_metric", "├─ [EVENT] $ai_feedback", "└─ [EVENT] unknown"].join("\n"),
    );
  });

  it("still fails where the summary reads the properties of an expandable node", () => {
    for (const event of ["$ai_generation", "$ai_span", "$ai_embedding", "$ai_evaluation"]) {
      const result = safeRenderJson(traceRequest([{ event: { id: "x", event, properties: null } }], { collapsed: true }));
      expect(result.success ? "rendered" : result.error.code).toBe("unrenderable");
    }
  });

  /** A chain of `levels` nested plain events, the deepest one carrying `children`. */
  const chain = (levels: number, children: unknown) => {
    let node: Record<string, unknown> = { event: { id: "leaf", event: "$ai_metric" }, children };
    for (let i = 1; i < levels; i++) node = { event: { id: `n${i}`, event: "$ai_metric" }, children: [node] };
    return [node];
  };

  it("notes the depth limit before looking at what the children are", () => {
    // The reference checks the depth on entering a child list, so a child "list" past the limit
    // is never iterated and cannot fail.
    const lines = Array.from({ length: 11 }, (_, depth) => `${"   ".repeat(depth)}└─ [EVENT] $ai_metric`);
    for (const children of [{ bad: 1 }, "abc", 5, true]) {
      expect(renderJson(traceRequest(chain(11, children), { collapsed: true })).text).toBe(
        [...HEAD, ...lines, `${"   ".repeat(11)}  [... max depth reached]`].join("\n"),
      );
    }
  });

  it("rejects truthy children that are not a list within the depth limit", () => {
    for (const children of [{ bad: 1 }, "abc", 5, true]) {
      const result = safeRenderJson(traceRequest(chain(10, children), { collapsed: true }));
      expect(result.success ? "rendered" : result.error.code).toBe("unrenderable");
    }
  });
});
