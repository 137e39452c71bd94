// The gateway against the loopback fake: every provider's success path, request shape, and the
// mapping of 401/403/429/500/malformed/timeout/hang-up to fixed outcomes that never echo the body.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LlmGateway, Provider } from "../src/deps.js";
import { createLlmGateway, LlmError } from "../src/llm/index.js";
import { FAKE_ROUTES, startFakeProvider, type FakeProvider } from "./fake-provider.js";
import { TEST_KEYS } from "./llm-harness.js";

const PROVIDERS: Provider[] = ["openai", "anthropic", "gemini"];

let fake: FakeProvider;
let llm: LlmGateway;

beforeAll(async () => {
  fake = await startFakeProvider();
  llm = createLlmGateway({
    openaiBaseUrl: fake.urls.openai,
    anthropicBaseUrl: fake.urls.anthropic,
    geminiBaseUrl: fake.urls.gemini,
    timeoutMs: 500,
  });
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

describe.each(PROVIDERS)("validateKey with %s", (provider) => {
  it("is ok when the model list answers 200, and sends the key in the provider's header", async () => {
    await expect(llm.validateKey(provider, TEST_KEYS[provider])).resolves.toEqual({ state: "ok", errorMessage: null });
    const [request] = fake.requestsTo(FAKE_ROUTES[provider].models);
    expect(request?.apiKey).toBe(TEST_KEYS[provider]);
    if (provider === "gemini") {
      // The key travels in x-goog-api-key, never in the URL where access logs would keep it.
      expect(request?.query).not.toContain(TEST_KEYS.gemini);
    }
    if (provider === "anthropic") expect(request?.headers["anthropic-version"]).toBeTruthy();
  });

  it.each([
    [401, "invalid", "Invalid API key"],
    [403, "invalid", "Invalid API key"],
    [429, "error", "Rate limited, please try again later"],
    [500, "error", "Validation failed, please try again"],
    [503, "error", "Validation failed, please try again"],
  ] as const)("maps %i to %s with a fixed message", async (status, state, message) => {
    fake.always(FAKE_ROUTES[provider].models, { kind: "status", status });
    const result = await llm.validateKey(provider, TEST_KEYS[provider]);
    expect(result).toEqual({ state, errorMessage: message });
    // Exactly one call: the SDKs' retries are off, so a scripted failure surfaces once.
    expect(fake.requestsTo(FAKE_ROUTES[provider].models)).toHaveLength(1);
  });

  it("maps a malformed body to error", async () => {
    fake.always(FAKE_ROUTES[provider].models, { kind: "malformed" });
    await expect(llm.validateKey(provider, TEST_KEYS[provider])).resolves.toEqual({
      state: "error",
      errorMessage: "Validation failed, please try again",
    });
  });

  it("maps no answer to a timeout error", async () => {
    fake.always(FAKE_ROUTES[provider].models, { kind: "timeout" });
    const result = await llm.validateKey(provider, TEST_KEYS[provider]);
    expect(result.state).toBe("error");
    expect(result.errorMessage).toMatch(/did not answer in time/);
  });

  it("maps a dropped connection to a connection error", async () => {
    fake.always(FAKE_ROUTES[provider].models, { kind: "hangup" });
    const result = await llm.validateKey(provider, TEST_KEYS[provider]);
    expect(result.state).toBe("error");
    expect(result.errorMessage).toMatch(/^Could not connect to (OpenAI|Anthropic|Gemini)$/);
  });
});

describe("validateKey when nothing listens", () => {
  it("answers a connection error", async () => {
    const closed = await startFakeProvider();
    const url = closed.urls.openai;
    await closed.close();
    const gateway = createLlmGateway({ openaiBaseUrl: url, timeoutMs: 500 });
    await expect(gateway.validateKey("openai", TEST_KEYS.openai)).resolves.toEqual({
      state: "error",
      errorMessage: "Could not connect to OpenAI",
    });
  });
});

describe.each(PROVIDERS)("complete with %s", (provider) => {
  const schema = {
    type: "object",
    properties: { title: { type: "string" } },
    required: ["title"],
    additionalProperties: false,
  };

  it("returns the text and asks for structured output when given a schema", async () => {
    fake.script(FAKE_ROUTES[provider].completion, { kind: "ok", text: '{"title":"hello"}' });
    const result = await llm.complete({
      provider,
      apiKey: TEST_KEYS[provider],
      model: "my-model",
      system: "SYSTEM PROMPT",
      user: "USER PROMPT",
      jsonSchema: schema,
      timeoutMs: 10_000,
    });
    expect(result).toEqual({ text: '{"title":"hello"}', model: "my-model" });
    const [request] = fake.requestsTo(FAKE_ROUTES[provider].completion);
    expect(request?.apiKey).toBe(TEST_KEYS[provider]);
    const body = request?.body as Record<string, any>;
    const sent = JSON.stringify(body);
    expect(sent).toContain("SYSTEM PROMPT");
    expect(sent).toContain("USER PROMPT");
    if (provider === "openai") {
      expect(body["model"]).toBe("my-model");
      expect(body["response_format"]).toMatchObject({ type: "json_schema", json_schema: { strict: true, schema } });
    } else if (provider === "anthropic") {
      expect(body["model"]).toBe("my-model");
      expect(body["output_config"]).toEqual({ format: { type: "json_schema", schema } });
    } else {
      expect(request?.path).toBe("/v1beta/models/my-model:generateContent");
      expect(body["generationConfig"]).toMatchObject({ responseMimeType: "application/json", responseJsonSchema: schema });
    }
  });

  it("uses the provider's default model when none is given, and no schema for plain text", async () => {
    fake.script(FAKE_ROUTES[provider].completion, { kind: "ok", text: "Bonjour" });
    const result = await llm.complete({ provider, apiKey: TEST_KEYS[provider], system: "s", user: "u", timeoutMs: 10_000 });
    expect(result.text).toBe("Bonjour");
    expect(result.model).toBeTruthy();
    const sent = JSON.stringify(fake.requestsTo(FAKE_ROUTES[provider].completion)[0]?.body);
    expect(sent).not.toContain("json_schema");
    expect(sent).not.toContain("responseJsonSchema");
  });

  it.each([
    [{ kind: "status", status: 401 }, "invalid_key"],
    [{ kind: "status", status: 429 }, "rate_limited"],
    [{ kind: "status", status: 500 }, "provider_error"],
    [{ kind: "malformed" }, "bad_response"],
    [{ kind: "ok", text: "" }, "bad_response"],
    [{ kind: "timeout" }, "timeout"],
    [{ kind: "hangup" }, "connection"],
  ] as const)("throws LlmError for %j (%s) without the provider's text", async (behaviour, kind) => {
    fake.always(FAKE_ROUTES[provider].completion, behaviour);
    const error = await llm
      .complete({ provider, apiKey: TEST_KEYS[provider], system: "s", user: "u", timeoutMs: 10_000 })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).kind).toBe(kind);
    expect((error as LlmError).message).not.toContain("SECRET");
    expect((error as LlmError).message).not.toContain("fake provider");
  });
});
