import { describe, expect, it } from "vitest";
import { EQ, SEP } from "../../src/format/rules.js";
import { renderJson, safeRenderJson } from "../../src/index.js";

const HEAD = ["TRACE", EQ, "", SEP, "", "TRACE HIERARCHY:", ""];
const traceRequest = (hierarchy: unknown, options: object = {}) =>
  JSON.stringify({ event_type: "$ai_trace", data: { trace: { id: "t" }, hierarchy }, options });

describe("trace tree (§12.2)", () => {
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
