// translate in process: real gateway against the loopback env.fake.
import { beforeEach, describe, expect, it } from "vitest";
import type { FakeBehaviour } from "./fake-provider.js";
import { project } from "./helpers/harness.js";
import { createLlmHarness, TEST_KEYS, useLlmTestEnv } from "./llm-harness.js";

const PATH = `${project()}/llm_analytics/translate/`;
const SERVER_KEY = "sk-server-SECRET-wide-openai-key";

const env = useLlmTestEnv({ config: { openaiApiKey: SERVER_KEY } });
beforeEach(() => {
  env.fake.completionText = JSON.stringify({ translation: "Hello, how are you?", detected_language: "es" });
});

const translate = (body: unknown) => env.h.call("POST", PATH, { json: body });

describe("translate", () => {
  it("answers {translation, detected_language, provider} and sends the text as is", async () => {
    const text = "Hola, ¿cómo estás?";
    const reply = await translate({ text, target_language: "en" });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ translation: "Hello, how are you?", detected_language: "es", provider: "openai" });
    const call = env.fake.requestsTo("openai.chat")[0];
    expect(call?.apiKey).toBe(SERVER_KEY);
    const body = call?.body as any;
    expect(body.messages[1].content).toBe(text);
    expect(body.messages[0].content).toContain("English (en)");
    expect(body.response_format.json_schema.strict).toBe(true);
  });

  it("defaults to English and passes unknown language codes as given", async () => {
    await translate({ text: "Bonjour" });
    await translate({ text: "Bonjour", target_language: "tlh" });
    const [first, second] = env.fake.requestsTo("openai.chat").map((r) => (r.body as any).messages[0].content as string);
    expect(first).toContain("English (en)");
    expect(second).toContain('the language "tlh"');
  });

  it("keeps the original's surrounding blank lines and indentation", async () => {
    env.fake.completionText = JSON.stringify({ translation: "  - one\n  - two\n\n", detected_language: "de" });
    const reply = await translate({ text: "\n\n  - eins\n  - zwei\n", target_language: "en" });
    expect(reply.body.translation).toBe("\n\n  - one\n  - two\n");
  });

  it("answers null for a detected language that is not a code", async () => {
    env.fake.completionText = JSON.stringify({ translation: "Hi", detected_language: "Spanish, probably" });
    expect((await translate({ text: "Hola" })).body.detected_language).toBeNull();
  });

  it("uses the project's active key", async () => {
    await env.h.call("POST", `${project()}/llm_analytics/provider_keys/`, {
      json: { provider: "gemini", name: "g", api_key: TEST_KEYS.gemini, set_as_active: true },
    });
    const reply = await translate({ text: "Hola" });
    expect(reply.body.provider).toBe("gemini");
    expect(env.fake.requestsTo("gemini.generate")[0]?.apiKey).toBe(TEST_KEYS.gemini);
  });

  it("accepts 10,000 characters (code points) and refuses 10,001", async () => {
    expect((await translate({ text: "a".repeat(10_000) })).status).toBe(200);
    // 10,000 emoji are 20,000 UTF-16 units but 10,000 characters, as Python counts them.
    expect((await translate({ text: "😀".repeat(10_000) })).status).toBe(200);
    const tooLong = await translate({ text: "a".repeat(10_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ attr: "text", detail: "Ensure this field has no more than 10000 characters." });
    expect(env.fake.requestsTo("openai.chat")).toHaveLength(2);
  });

  it.each([
    [{}, "text"],
    [{ text: "   " }, "text"],
    [{ text: 5 }, "text"],
    [{ text: "x", target_language: "a-very-long-code" }, "target_language"],
  ])("400 for %j", async (body, attr) => {
    const reply = await translate(body);
    expect(reply.status).toBe(400);
    expect(reply.body.attr).toBe(attr);
  });

  it("answers 503 with how to configure an LLM when there is none", async () => {
    const bare = await createLlmHarness(env.fake);
    try {
      const reply = await bare.call("POST", PATH, { json: { text: "Hola" } });
      expect(reply.status).toBe(503);
      expect(reply.body.detail).toContain("OPENAI_API_KEY");
    } finally {
      bare.dispose();
    }
  });

  const failures: [string, number, FakeBehaviour][] = [
    ["401", 502, { kind: "status", status: 401 }],
    ["429", 502, { kind: "status", status: 429 }],
    ["500", 502, { kind: "status", status: 500 }],
    ["malformed JSON", 502, { kind: "malformed" }],
    ["plain text instead of JSON", 502, { kind: "ok", text: "Hello" }],
    ["no answer", 504, { kind: "timeout" }],
  ];
  it.each(failures)("%s → %i without the provider's text", async (_, status, behaviour) => {
    env.fake.script("openai.chat", behaviour);
    const reply = await translate({ text: "Hola" });
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ type: "server_error", error: "Translation failed" });
    expect(reply.text).not.toContain("SECRET");
    expect(reply.text).not.toContain("fake provider");
  });
});
