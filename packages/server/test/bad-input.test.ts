/**
 * Seeded random input at every route: whatever arrives, the answer is JSON and never a 500 (so
 * never a stack trace). A failing case prints its seed and the request, to replay it.
 */

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_SCOPES } from "../src/auth/scopes.js";
import type { LlmGateway } from "../src/deps.js";
import { createHarness, type Harness, project } from "./helpers/harness.js";

// An LLM that answers, so a request that gets past validation is not failed by the stub.
const answeringLlm: LlmGateway = {
  validateKey: async () => ({ state: "ok", errorMessage: null }),
  complete: async () => ({ text: JSON.stringify({ title: "t", summary: "s", translation: "t", detected_language: null }), model: "m" }),
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ llm: answeringLlm, config: { bodyLimitBytes: 100_000, openaiApiKey: "sk-server-key" } });
});
afterAll(() => h.close());

const segment = fc.oneof(
  fc.constant("00000000-0000-4000-8000-000000000000"),
  fc.uuid(),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s) || "x"),
);
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.record({
    name: fc.oneof(fc.string(), fc.jsonValue()),
    prompt: fc.jsonValue(),
    deleted: fc.jsonValue(),
    provider: fc.oneof(fc.constantFrom("openai", "anthropic", "gemini"), fc.jsonValue()),
    api_key: fc.oneof(fc.string(), fc.jsonValue()),
    summarize_type: fc.oneof(fc.constantFrom("trace", "event"), fc.jsonValue()),
    mode: fc.oneof(fc.constantFrom("minimal", "detailed"), fc.jsonValue()),
    data: fc.jsonValue(),
    trace_ids: fc.jsonValue(),
    text: fc.oneof(fc.string(), fc.jsonValue()),
    event_type: fc.oneof(fc.constantFrom("$ai_generation", "$ai_span", "$ai_trace", "$ai_embedding"), fc.jsonValue()),
    options: fc.jsonValue(),
  }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
);
const query = fc.oneof(
  fc.constant(""),
  fc.record({ limit: fc.string({ maxLength: 6 }), offset: fc.string({ maxLength: 6 }), version: fc.string({ maxLength: 6 }) }, { requiredKeys: [] })
    .map((q) => `?${new URLSearchParams(q).toString()}`),
);

describe("random input never yields a 500", () => {
  it.each(ROUTE_SCOPES.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_, route) => {
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 2, maxLength: 2 }), body, query, fc.boolean(), async ([id, name], text, q, json) => {
        const path = `${project()}/${route.path.replace(":id", id ?? "x").replace(":name", name ?? "x")}/${q}`;
        const hasBody = route.method !== "GET" && route.method !== "DELETE";
        const reply = await h.call(route.method, path, {
          ...(hasBody && { body: text }),
          ...(hasBody && json && { headers: { "Content-Type": "application/json" } }),
        });
        expect(reply.status, `${route.method} ${path} ${text}`).toBeLessThan(500);
        if (reply.status !== 204) expect(typeof reply.body, reply.text).toBe("object");
      }),
      { numRuns: 60, seed: 20251127, verbose: true },
    );
    expect(h.logs.filter((line) => line.startsWith("unexpected error"))).toEqual([]);
  });
});
