// summarization and batch_check in process: real cipher and gateway against the loopback env.fake.
// The engine is replaced by a small deterministic renderer here (its own conformance tests cover
// the text); what matters is the route: options passed, caching, line references, failures.
import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Provider } from "../src/deps.js";
import { contentHash, latestTraceSummaryKey, summaryCacheKey, type SummaryCacheKeyParts } from "../src/llm/summary-cache-keys.js";
import { FAKE_ROUTES, type FakeBehaviour } from "./fake-provider.js";
import { project } from "./helpers/harness.js";
import { createLlmHarness, TEST_KEYS, useLlmTestEnv } from "./llm-harness.js";

const engine = vi.hoisted(() => ({ requests: [] as Record<string, any>[] }));

vi.mock("tracescribe", async (importOriginal) => {
  const real = await importOriginal<typeof import("tracescribe")>();
  return {
    ...real,
    render: (request: Record<string, any>) => {
      engine.requests.push(request);
      if (request["data"]?.trace?.properties?.unrenderable) {
        throw new real.TracescribeError("unrenderable", { type: "validation_error", code: "unrenderable", detail: "Cannot render this data: test", attr: "data" }, "test");
      }
      // One line per JSON line, numbered like the engine (`L<n>: `, zero-padded).
      const lines = JSON.stringify(request["data"], null, 2).split("\n");
      const width = String(lines.length).length;
      const text = lines.map((line, i) => `L${String(i + 1).padStart(width, "0")}: ${line}`).join("\n");
      return { text, metadata: {} };
    },
  };
});

const SUMMARY_PATH = `${project()}/llm_analytics/summarization`;
const BATCH_PATH = `${SUMMARY_PATH}/batch_check/`;
const SERVER_KEY = "sk-server-SECRET-wide-openai-key";

const trace = (id: string, extra: Record<string, unknown> = {}) => ({
  summarize_type: "trace",
  data: {
    trace: { id, properties: { $ai_trace_id: id, $ai_span_name: "agent", ...extra } },
    hierarchy: [{ event: { id: `${id}-gen`, event: "$ai_generation", properties: { $ai_model: "gpt-4.1" } }, children: [] }],
  },
});
const answer = (title: string, summary: string) => JSON.stringify({ title, summary });

const env = useLlmTestEnv({ config: { openaiApiKey: SERVER_KEY } });
beforeEach(() => {
  engine.requests.length = 0;
});

const summarize = (body: unknown) => env.h.call("POST", `${SUMMARY_PATH}/`, { json: body });

describe("which LLM is used", () => {
  it("answers 503 saying how to configure one when there is neither a project key nor OPENAI_API_KEY", async () => {
    const bare = await createLlmHarness(env.fake);
    try {
      const reply = await bare.call("POST", SUMMARY_PATH, { json: trace("t1") });
      expect(reply.status).toBe(503);
      expect(reply.body.code).toBe("llm_not_configured");
      expect(reply.body.detail).toContain("llm_analytics/provider_keys");
      expect(reply.body.detail).toContain("OPENAI_API_KEY");
      expect(env.fake.requests).toHaveLength(0);
    } finally {
      bare.dispose();
    }
  });

  it("falls back to the server-wide OpenAI key", async () => {
    const reply = await summarize(trace("t1"));
    expect(reply.status).toBe(200);
    const [call] = env.fake.requestsTo("openai.chat");
    expect(call?.apiKey).toBe(SERVER_KEY);
    expect(reply.body.metadata.provider).toBe("openai");
    expect(reply.body.metadata.model).toBe("gpt-4.1-mini");
  });

  it.each(["anthropic", "gemini"] as const)("prefers the project's active %s key and records its use", async (provider) => {
    const created = await env.h.call("POST", `${project()}/llm_analytics/provider_keys/`, {
      json: { provider, name: "mine", api_key: TEST_KEYS[provider], set_as_active: true },
    });
    env.h.clock.advance(5000);
    const reply = await summarize(trace("t1"));
    expect(reply.status).toBe(200);
    expect(reply.body.metadata.provider).toBe(provider);
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(0);
    expect(env.fake.requestsTo(FAKE_ROUTES[provider].completion)[0]?.apiKey).toBe(TEST_KEYS[provider]);
    const key = await env.h.call("GET", `${project()}/llm_analytics/provider_keys/${created.body.id}`);
    expect(key.body.last_used_at).toBe("2025-01-01T00:00:05.000Z");
  });

  it("answers 500 with a fix when the active key cannot be decrypted, and marks it error", async () => {
    const created = await env.h.call("POST", `${project()}/llm_analytics/provider_keys/`, {
      json: { provider: "openai", name: "mine", api_key: TEST_KEYS.openai, set_as_active: true },
    });
    await env.h.store.providerKeys.update("1", created.body.id, { ciphertext: "v1:deadbeef:AAAA:AAAA:AAAA" });
    const reply = await summarize(trace("t1"));
    expect(reply.status).toBe(500);
    expect(reply.body.code).toBe("llm_key_undecryptable");
    expect(reply.body.detail).toContain("TRACESCRIBE_SECRET_KEY");
    expect((await env.h.store.providerKeys.get("1", created.body.id))?.state).toBe("error");
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(0);
  });
});

describe("a summary", () => {
  it("renders with line numbers on, markers and truncation off, and asks for strict JSON", async () => {
    env.fake.completionText = answer("Agent answers a greeting", "## Summary\n\n- The agent starts [L01].\n- Model call [L02-04].");
    // A non-BMP character (two UTF-16 units, one code point) so text_repr_length must count code points.
    const reply = await summarize({ ...trace("t1", { note: "launch \u{1F680}" }), mode: "detailed" });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("X-Tracescribe-Cache")).toBe("miss");
    expect(reply.body.text_repr).toContain("\u{1F680}");
    expect(engine.requests[0]).toMatchObject({
      event_type: "$ai_trace",
      options: { include_line_numbers: true, include_markers: false, truncated: false },
    });
    expect(reply.body).toEqual({
      summary: "## Summary\n\n- The agent starts [L01].\n- Model call [L02-04].",
      title: "Agent answers a greeting",
      text_repr: expect.stringMatching(/^L01: \{/),
      metadata: {
        text_repr_length: [...reply.body.text_repr].length,
        model: "gpt-4.1-mini",
        provider: "openai",
        summarize_type: "trace",
        mode: "detailed",
        removed_line_refs: [],
      },
    });
    const body = env.fake.requestsTo("openai.chat")[0]?.body as Record<string, any>;
    expect(body["model"]).toBe("gpt-4.1-mini");
    expect(body["response_format"]).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
    expect(body["messages"][1].content).toContain(reply.body.text_repr);
    expect(body["messages"][1].content).toContain("t1");
  });

  it("uses a different system prompt per mode", async () => {
    await summarize({ ...trace("t1"), mode: "minimal" });
    await summarize({ ...trace("t1"), mode: "detailed" });
    const [minimal, detailed] = env.fake.requestsTo("openai.chat").map((r) => (r.body as any).messages[0].content as string);
    expect(minimal).not.toBe(detailed);
    expect(minimal).toContain("3-5 bullets");
    expect(detailed).toContain("5-10 bullets");
  });

  it("summarises an event under its own id and event type", async () => {
    const reply = await summarize({
      summarize_type: "event",
      data: { event: { id: "ev-1", event: "$ai_span", properties: { $ai_trace_id: "t1" } } },
    });
    expect(reply.status).toBe(200);
    expect(engine.requests[0]).toMatchObject({ event_type: "$ai_span", data: { id: "ev-1" } });
    expect(reply.body.metadata.summarize_type).toBe("event");
  });

  it("passes a requested model on", async () => {
    const reply = await summarize({ ...trace("t1"), model: "gpt-4o" });
    expect(reply.body.metadata.model).toBe("gpt-4o");
    expect((env.fake.requestsTo("openai.chat")[0]?.body as any).model).toBe("gpt-4o");
  });
});

describe("line references", () => {
  it("removes references to lines that do not exist and reports them", async () => {
    env.fake.completionText = answer(
      "Title [L2] with ref",
      "## Summary\n\n- Real line [L1].\n- Invented line [L999].\n- Range past the end [L2-500].\n- Mixed [L1-3, L700-710].\n- Bare L4 and bare L9999 here.",
    );
    const reply = await summarize(trace("t1"));
    expect(reply.status).toBe(200);
    expect(reply.body.summary).toBe(
      "## Summary\n\n- Real line [L1].\n- Invented line.\n- Range past the end.\n- Mixed [L1-3].\n- Bare L4 and bare here.",
    );
    expect(reply.body.metadata.removed_line_refs).toEqual(["L999", "L2-500", "L700-710", "L9999"]);
    expect(reply.body.title).toBe("Title with ref");
    // Every reference left points at a line of text_repr.
    const labels = new Set((reply.body.text_repr as string).split("\n").map((l) => Number(/^L(\d+):/.exec(l)?.[1])));
    for (const ref of (reply.body.summary as string).matchAll(/L(\d+)(?:-(\d+))?/g)) {
      expect(labels.has(Number(ref[1]))).toBe(true);
      if (ref[2] !== undefined) expect(labels.has(Number(ref[2]))).toBe(true);
    }
  });
});

describe("cache", () => {
  it("answers a repeat from the cache without calling the model", async () => {
    const first = await summarize(trace("t1"));
    const second = await summarize(trace("t1"));
    expect(second.status).toBe(200);
    expect(second.headers.get("X-Tracescribe-Cache")).toBe("hit");
    expect(second.body).toEqual(first.body);
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(1);
  });

  it("force_refresh skips the read and overwrites the entry", async () => {
    env.fake.completionText = answer("Old", "- old [L1]");
    await summarize(trace("t1"));
    env.fake.completionText = answer("New", "- new [L1]");
    const forced = await summarize({ ...trace("t1"), force_refresh: true });
    expect(forced.body.title).toBe("New");
    expect(forced.headers.get("X-Tracescribe-Cache")).toBe("miss");
    const after = await summarize(trace("t1"));
    expect(after.body.title).toBe("New");
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(2);
  });

  it("never answers changed data with a stale summary (same trace id)", async () => {
    env.fake.completionText = answer("Before", "- before [L1]");
    await summarize(trace("t1"));
    env.fake.completionText = answer("After", "- after [L1]");
    const changed = await summarize(trace("t1", { $ai_new_event: true }));
    expect(changed.body.title).toBe("After");
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(2);
  });

  it("keeps modes, models and events apart", async () => {
    await summarize({ ...trace("t1"), mode: "minimal" });
    await summarize({ ...trace("t1"), mode: "detailed" });
    await summarize({ ...trace("t1"), model: "gpt-4o" });
    const event = (id: string) => ({ summarize_type: "event", data: { event: { id, event: "$ai_generation", properties: { $ai_trace_id: "t1" } } } });
    await summarize(event("e1"));
    await summarize(event("e2"));
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(5);
  });

  it("expires after the configured TTL", async () => {
    const short = await createLlmHarness(env.fake, { config: { openaiApiKey: SERVER_KEY, summaryCacheTtlSeconds: 10 } });
    try {
      await short.call("POST", SUMMARY_PATH, { json: trace("t1") });
      short.clock.advance(9_000);
      await short.call("POST", SUMMARY_PATH, { json: trace("t1") });
      expect(env.fake.requestsTo("openai.chat")).toHaveLength(1);
      short.clock.advance(2_000);
      const expired = await short.call("POST", SUMMARY_PATH, { json: trace("t1") });
      expect(expired.headers.get("X-Tracescribe-Cache")).toBe("miss");
      expect(env.fake.requestsTo("openai.chat")).toHaveLength(2);
    } finally {
      short.dispose();
    }
  });

  it("defaults to one hour", async () => {
    await summarize(trace("t1"));
    env.h.clock.advance(3_599_000);
    await summarize(trace("t1"));
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(1);
    env.h.clock.advance(2_000);
    await summarize(trace("t1"));
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(2);
  });

  it("keys differ by mode, model, type, entity, provider and content (property)", () => {
    const parts = fc.record({
      projectId: fc.string({ minLength: 1, maxLength: 8 }),
      summarizeType: fc.constantFrom("trace" as const, "event" as const),
      entityId: fc.string({ minLength: 1, maxLength: 12 }),
      mode: fc.constantFrom("minimal" as const, "detailed" as const),
      provider: fc.constantFrom("openai" as const, "anthropic" as const, "gemini" as const),
      model: fc.string({ minLength: 1, maxLength: 12 }),
      contentHash: fc.string({ maxLength: 64 }).map(contentHash),
    });
    type Parts = SummaryCacheKeyParts;
    const field = fc.constantFrom<keyof Parts>("projectId", "summarizeType", "entityId", "mode", "provider", "model", "contentHash");
    // b differs from a in exactly the chosen field, whichever it is.
    const changeOne = (a: Parts, key: keyof Parts): Parts => {
      const providers: Provider[] = ["openai", "anthropic", "gemini"];
      switch (key) {
        case "summarizeType":
          return { ...a, summarizeType: a.summarizeType === "trace" ? "event" : "trace" };
        case "mode":
          return { ...a, mode: a.mode === "minimal" ? "detailed" : "minimal" };
        case "provider":
          return { ...a, provider: providers[(providers.indexOf(a.provider) + 1) % providers.length]! };
        case "contentHash":
          return { ...a, contentHash: contentHash(a.contentHash) };
        default:
          return { ...a, [key]: `${a[key]}x` };
      }
    };
    fc.assert(
      fc.property(parts, field, (a, key) => {
        const b = changeOne(a, key);
        const changed = (Object.keys(a) as (keyof Parts)[]).filter((k) => a[k] !== b[k]);
        expect(changed).toEqual([key]);
        expect(summaryCacheKey(b)).not.toBe(summaryCacheKey(a));
      }),
      { seed: 20_260_127, numRuns: 1000 },
    );
    // Equal parts (as distinct objects) give equal keys.
    fc.assert(
      fc.property(parts, (a) => {
        expect(summaryCacheKey({ ...a })).toBe(summaryCacheKey(a));
      }),
      { seed: 20_260_127, numRuns: 300 },
    );
    // A ':' inside a part cannot shift the boundaries between parts of the summary key either.
    const base: Parts = {
      projectId: "1",
      summarizeType: "trace",
      entityId: "t1",
      mode: "minimal",
      provider: "openai",
      model: "gpt-4.1-mini",
      contentHash: contentHash("x"),
    };
    // Each pair would collide if the parts were joined with ':' unencoded.
    expect(summaryCacheKey({ ...base, projectId: "1:event", summarizeType: "trace", entityId: "x" })).not.toBe(
      summaryCacheKey({ ...base, projectId: "1", summarizeType: "event", entityId: "trace:x" }),
    );
    expect(summaryCacheKey({ ...base, entityId: "t:minimal:openai", mode: "detailed", provider: "gemini", model: "m" })).not.toBe(
      summaryCacheKey({ ...base, entityId: "t", mode: "minimal", provider: "openai", model: "detailed:gemini:m" }),
    );
    expect(summaryCacheKey({ ...base, model: "m:x", contentHash: "h" })).not.toBe(summaryCacheKey({ ...base, model: "m", contentHash: "x:h" }));
    // A ':' inside an id cannot shift the boundaries between parts.
    expect(latestTraceSummaryKey("1:a", "b", "minimal")).not.toBe(latestTraceSummaryKey("1", "a:b", "minimal"));
  });
});

describe("bad requests", () => {
  it.each([
    [{ data: trace("t1").data }, "summarize_type"],
    [{ ...trace("t1"), mode: "verbose" }, "mode"],
    [{ summarize_type: "trace" }, "data"],
  ])("400 with field errors for %j", async (body, attr) => {
    const reply = await summarize(body);
    expect(reply.status).toBe(400);
    expect(reply.body.attr).toBe(attr);
  });

  it.each([
    [{ summarize_type: "trace", data: { trace: { id: "t" } } }, "Trace summarization requires 'trace' and 'hierarchy' fields"],
    [{ summarize_type: "trace", data: { trace: {}, hierarchy: [] } }, "Trace summarization requires 'trace' and 'hierarchy' fields"],
    [{ summarize_type: "trace", data: { trace: { properties: {} }, hierarchy: [] } }, "Trace must have either '$ai_trace_id' or 'id'"],
    [{ summarize_type: "event", data: { trace: {} } }, "Event summarization requires 'event' field"],
    [{ summarize_type: "event", data: { event: { event: "$ai_span" } } }, "Event must have an 'id' field"],
  ])("400 %#: %s", async (body, detail) => {
    const reply = await summarize(body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ detail, attr: null });
    expect(env.fake.requests).toHaveLength(0);
  });

  it("passes the engine's 400 body through", async () => {
    const reply = await summarize(trace("t1", { unrenderable: true }));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ type: "validation_error", code: "unrenderable", detail: "Cannot render this data: test", attr: "data" });
  });
});

describe("provider failures", () => {
  const cases: [string, number, string, FakeBehaviour][] = [
    ["401", 502, "llm_invalid_key", { kind: "status", status: 401 }],
    ["429", 502, "llm_rate_limited", { kind: "status", status: 429 }],
    ["500", 502, "llm_provider_error", { kind: "status", status: 500 }],
    ["malformed JSON", 502, "llm_bad_response", { kind: "malformed" }],
    ["content that is not JSON", 502, "llm_bad_response", { kind: "ok", text: "Sure! Here is a summary." }],
    ["JSON of the wrong shape", 502, "llm_bad_response", { kind: "ok", text: '{"summary": 5}' }],
    ["no answer", 504, "llm_timeout", { kind: "timeout" }],
    ["a hang-up", 502, "llm_connection", { kind: "hangup" }],
  ];
  it.each(cases)("%s → %i %s, nothing cached, no provider text", async (_, status, code, behaviour) => {
    env.fake.script("openai.chat", behaviour);
    const reply = await summarize(trace("t1"));
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ type: "server_error", code, error: "Failed to generate summary" });
    expect(reply.body.detail).toMatch(/^Failed to generate summary: /);
    expect(reply.text).not.toContain("SECRET");
    expect(reply.text).not.toContain("fake provider");
    const retry = await summarize(trace("t1"));
    expect(retry.status).toBe(200);
    expect(retry.headers.get("X-Tracescribe-Cache")).toBe("miss");
  });

  it("names the project key to replace when the provider rejects it", async () => {
    const created = await env.h.call("POST", `${project()}/llm_analytics/provider_keys/`, {
      json: { provider: "anthropic", name: "mine", api_key: TEST_KEYS.anthropic, set_as_active: true },
    });
    env.fake.script("anthropic.messages", { kind: "status", status: 401 });
    const reply = await summarize(trace("t1"));
    expect(reply.status).toBe(502);
    expect(reply.body.detail).toContain(created.body.id);
    expect(reply.text).not.toContain("SECRET");
  });
});

describe("batch_check", () => {
  it("returns the cached subset in request order, from the cache only", async () => {
    env.fake.completionText = answer("Trace one", "- one [L1]");
    await summarize(trace("t1"));
    env.fake.completionText = answer("Trace two", "- two [L1]");
    await summarize(trace("t2"));
    env.fake.completionText = answer("Detailed three", "- three [L1]");
    await summarize({ ...trace("t3"), mode: "detailed" });
    const calls = env.fake.requests.length;

    const reply = await env.h.call("POST", BATCH_PATH, { json: { trace_ids: ["t3", "t2", "missing", "t1"] } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      summaries: [
        { trace_id: "t2", title: "Trace two", cached: true },
        { trace_id: "t1", title: "Trace one", cached: true },
      ],
    });
    const detailed = await env.h.call("POST", BATCH_PATH, { json: { trace_ids: ["t1", "t3"], mode: "detailed" } });
    expect(detailed.body.summaries).toEqual([{ trace_id: "t3", title: "Detailed three", cached: true }]);
    expect(env.fake.requests.length).toBe(calls);
  });

  it("returns exactly the cached subset, in request order (property)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            id: fc.stringMatching(/^[A-Za-z0-9:_-]{1,12}$/),
            mode: fc.constantFrom("minimal" as const, "detailed" as const, null),
          }),
          { maxLength: 25 },
        ),
        fc.constantFrom("minimal" as const, "detailed" as const),
        async (traces, mode) => {
          // A fresh id space per run: the harness (and its cache) is shared by all runs.
          const prefix = `r${run++}-`;
          const cached = new Set<string>();
          for (const trace of traces) {
            if (trace.mode === null) continue;
            cached.add(`${prefix + trace.id}|${trace.mode}`);
            await env.h.store.summaryCache.set(
              latestTraceSummaryKey("1", prefix + trace.id, trace.mode),
              JSON.stringify({ title: `title of ${trace.id}` }),
              env.h.clock.now + 60_000,
            );
          }
          const ids = traces.map((trace) => prefix + trace.id).reverse();
          const reply = await env.h.call("POST", BATCH_PATH, { json: { trace_ids: ids, mode } });
          expect(reply.status).toBe(200);
          const expected = ids
            .filter((id) => cached.has(`${id}|${mode}`))
            .map((id) => ({ trace_id: id, title: `title of ${id.slice(prefix.length)}`, cached: true }));
          expect(reply.body.summaries).toEqual(expected);
        },
      ),
      { seed: 20_260_127, numRuns: 60 },
    );
    expect(env.fake.requests).toHaveLength(0);
  });

  it("works without any LLM configured and forgets expired entries", async () => {
    await summarize(trace("t1"));
    const reply = await env.h.call("POST", BATCH_PATH, { json: { trace_ids: ["t1"] } });
    expect(reply.body.summaries).toHaveLength(1);
    env.h.clock.advance(3_601_000);
    const expired = await env.h.call("POST", BATCH_PATH, { json: { trace_ids: ["t1"] } });
    expect(expired.body).toEqual({ summaries: [] });
  });

  it("is scoped to the project", async () => {
    await summarize(trace("t1"));
    const otherKey = await env.h.key({ projects: ["2"] });
    const reply = await env.h.call("POST", `${project("2")}/llm_analytics/summarization/batch_check`, {
      key: otherKey,
      json: { trace_ids: ["t1"] },
    });
    expect(reply.body).toEqual({ summaries: [] });
  });

  it("validates its input", async () => {
    expect((await env.h.call("POST", BATCH_PATH, { json: { trace_ids: [] } })).body).toEqual({ summaries: [] });
    const tooMany = await env.h.call("POST", BATCH_PATH, { json: { trace_ids: Array.from({ length: 101 }, (_, i) => `t${i}`) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.attr).toBe("trace_ids");
    const hundred = await env.h.call("POST", BATCH_PATH, { json: { trace_ids: Array.from({ length: 100 }, (_, i) => `t${i}`) } });
    expect(hundred.status).toBe(200);
    expect((await env.h.call("POST", BATCH_PATH, { json: {} })).body.attr).toBe("trace_ids");
    expect((await env.h.call("POST", BATCH_PATH, { json: { trace_ids: [" "] } })).status).toBe(400);
    expect((await env.h.call("POST", BATCH_PATH, { json: { trace_ids: ["a"], mode: "x" } })).body.attr).toBe("mode");
  });
});
