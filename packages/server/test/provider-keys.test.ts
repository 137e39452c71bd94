// provider_keys in process: the real cipher and gateway against the loopback fake, a temp SQLite file.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { providerKeyAad, reencryptProviderKeys } from "../src/crypto/index.js";
import type { Provider } from "../src/deps.js";
import { FAKE_ROUTES, type FakeBehaviour } from "./fake-provider.js";
import { databaseBytes } from "./helpers/database-files.js";
import { project } from "./helpers/harness.js";
import { createLlmHarness, TEST_KEYS, useLlmTestEnv } from "./llm-harness.js";

const KEYS_PATH = `${project()}/llm_analytics/provider_keys`;
const PROVIDERS: Provider[] = ["openai", "anthropic", "gemini"];

const env = useLlmTestEnv();

const create = (provider: Provider, extra: Record<string, unknown> = {}) =>
  env.h.call("POST", `${KEYS_PATH}/`, { json: { provider, name: `${provider} key`, api_key: TEST_KEYS[provider], ...extra } });

/** Asserts that no response text, log line or recorded body contains a secret. */
function expectNoSecret(...texts: string[]): void {
  for (const text of [...texts, ...env.h.logs]) expect(text).not.toContain("SECRET");
}

describe("create", () => {
  it.each(PROVIDERS)("stores a validated %s key, masked, state ok, without the key in the answer", async (provider) => {
    const reply = await create(provider);
    expect(reply.status).toBe(201);
    const key = TEST_KEYS[provider];
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      provider,
      name: `${provider} key`,
      state: "ok",
      error_message: null,
      api_key_masked: `${key.slice(0, 4)}...${key.slice(-4)}`,
      created_at: "2025-01-01T00:00:00.000Z",
      created_by: { id: expect.any(String), label: "admin" },
      last_used_at: null,
    });
    expect(reply.body).not.toHaveProperty("api_key");
    expectNoSecret(reply.text);
    // Validated live against the provider, with the key in that provider's header.
    const calls = env.fake.requestsTo(FAKE_ROUTES[provider].models);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.apiKey).toBe(key);
  });

  it("accepts google as an alias of gemini and trims the key", async () => {
    const reply = await env.h.call("POST", KEYS_PATH, {
      json: { provider: "google", name: "g", api_key: `  ${TEST_KEYS.gemini}\n` },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.provider).toBe("gemini");
    expect(env.fake.requestsTo("gemini.models")[0]?.apiKey).toBe(TEST_KEYS.gemini);
  });

  it("requires api_key with PostHog's message", async () => {
    const reply = await env.h.call("POST", KEYS_PATH, { json: { provider: "openai", name: "x" } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ attr: "api_key", detail: "API key is required when creating a new provider key." });
  });

  it("rejects unknown providers and bad names with field errors", async () => {
    const bad = await env.h.call("POST", KEYS_PATH, { json: { provider: "cohere", name: "x", api_key: "k" } });
    expect(bad.status).toBe(400);
    expect(bad.body.attr).toBe("provider");
    expect(bad.body.detail).toContain("openai, anthropic, gemini");
    const blank = await env.h.call("POST", KEYS_PATH, { json: { provider: "openai", name: " ", api_key: TEST_KEYS.openai } });
    expect(blank.status).toBe(400);
    expect(blank.body.attr).toBe("name");
    expect(env.fake.requests).toHaveLength(0);
  });

  it("refuses keys with characters an HTTP header cannot carry, before any call", async () => {
    for (const apiKey of ["sk-proj-with space-123", "sk-proj-ünïcode-12345"]) {
      const reply = await env.h.call("POST", KEYS_PATH, { json: { provider: "openai", name: "x", api_key: apiKey } });
      expect(reply.status).toBe(400);
      expect(reply.body.attr).toBe("api_key");
      expect(reply.body.detail).toMatch(/printable ASCII/);
    }
    expect(env.fake.requests).toHaveLength(0);
  });

  it.each([
    ["openai", "pk-not-openai-1234567890", /OpenAI keys start with "sk-"/],
    ["anthropic", "sk-proj-openai-style-12345", /Anthropic keys start with "sk-ant-"/],
  ] as const)("checks the %s prefix before any call", async (provider, apiKey, message) => {
    const reply = await env.h.call("POST", KEYS_PATH, { json: { provider, name: "x", api_key: apiKey } });
    expect(reply.status).toBe(400);
    expect(reply.body.attr).toBe("api_key");
    expect(reply.body.detail).toMatch(message);
    expect(env.fake.requests).toHaveLength(0);
  });

  const failures: [string, FakeBehaviour, string][] = [
    ["401", { kind: "status", status: 401 }, "Invalid API key"],
    ["403", { kind: "status", status: 403 }, "Invalid API key"],
    ["429", { kind: "status", status: 429 }, "Rate limited, please try again later"],
    ["500", { kind: "status", status: 500 }, "Validation failed, please try again"],
    ["malformed JSON", { kind: "malformed" }, "Validation failed, please try again"],
    ["no answer", { kind: "timeout" }, "did not answer in time"],
    ["a hang-up", { kind: "hangup" }, "Could not connect to"],
  ];
  describe.each(PROVIDERS)("when %s validation fails", (provider) => {
    it.each(failures)("answers 400 for %s, saves nothing and never echoes the provider", async (_, behaviour, message) => {
      env.fake.always(FAKE_ROUTES[provider].models, behaviour);
      const reply = await create(provider);
      expect(reply.status).toBe(400);
      expect(reply.body.attr).toBe("api_key");
      expect(reply.body.detail).toContain(message);
      expect(reply.text).not.toContain("fake provider");
      expectNoSecret(reply.text);
      const list = await env.h.call("GET", KEYS_PATH);
      expect(list.body.count).toBe(0);
    });
  });

  it("set_as_active makes the new key the project's active key", async () => {
    const first = await create("openai", { set_as_active: true });
    expect((await env.h.store.projectSettings.get("1")).activeProviderKeyId).toBe(first.body.id);
    await create("anthropic");
    expect((await env.h.store.projectSettings.get("1")).activeProviderKeyId).toBe(first.body.id);
    const third = await create("gemini", { set_as_active: true });
    expect((await env.h.store.projectSettings.get("1")).activeProviderKeyId).toBe(third.body.id);
  });

  it("masks a key of 8 characters or fewer as ****", async () => {
    const reply = await env.h.call("POST", KEYS_PATH, { json: { provider: "gemini", name: "short", api_key: "AIza1234" } });
    expect(reply.status).toBe(201);
    expect(reply.body.api_key_masked).toBe("****");
  });
});

describe("list and retrieve", () => {
  it("lists newest first with pagination and masked keys only", async () => {
    const ids: string[] = [];
    for (const provider of PROVIDERS) {
      ids.push((await create(provider)).body.id);
      env.h.clock.advance(1000);
    }
    const page = await env.h.call("GET", `${KEYS_PATH}/?limit=2`);
    expect(page.status).toBe(200);
    expect(page.body.count).toBe(3);
    expect(page.body.results.map((k: { id: string }) => k.id)).toEqual([ids[2], ids[1]]);
    expect(page.body.next).toContain("offset=2");
    expectNoSecret(page.text);
    const rest = await env.h.call("GET", page.body.next.replace("http://localhost", ""));
    expect(rest.body.results.map((k: { id: string }) => k.id)).toEqual([ids[0]]);
  });

  it("retrieves by id; another project's key and malformed ids are 404", async () => {
    const created = await create("openai");
    const one = await env.h.call("GET", `${KEYS_PATH}/${created.body.id}/`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);

    const otherKey = await env.h.key({ projects: ["2"] });
    const other = await env.h.call("GET", `${project("2")}/llm_analytics/provider_keys/${created.body.id}`, { key: otherKey });
    expect(other.status).toBe(404);
    expect((await env.h.call("GET", `${KEYS_PATH}/not-a-uuid`)).status).toBe(404);
    expect((await env.h.call("GET", `${KEYS_PATH}/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe("update", () => {
  it("renames without touching the secret or calling the provider", async () => {
    const created = await create("openai");
    env.fake.reset();
    const reply = await env.h.call("PATCH", `${KEYS_PATH}/${created.body.id}/`, { json: { name: "renamed" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...created.body, name: "renamed" });
    expect(env.fake.requests).toHaveLength(0);
  });

  it("validates a new key against the STORED provider (not OpenAI, the reference's bug)", async () => {
    const created = await create("gemini");
    env.fake.reset();
    const newKey = "AIzaSy-SECRET-rotated-gemini-99999";
    const reply = await env.h.call("PATCH", `${KEYS_PATH}/${created.body.id}`, { json: { api_key: newKey } });
    expect(reply.status).toBe(200);
    expect(reply.body.api_key_masked).toBe("AIza...9999");
    expect(env.fake.requestsTo("gemini.models")).toHaveLength(1);
    expect(env.fake.requestsTo("openai.models")).toHaveLength(0);
    const record = await env.h.store.providerKeys.get("1", created.body.id);
    expect(env.h.cipher.decrypt(record!.ciphertext, providerKeyAad("1", created.body.id, "gemini"))).toBe(newKey);
  });

  it("checks the stored provider's prefix: an OpenAI-style key for an Anthropic entry is refused", async () => {
    const created = await create("anthropic");
    env.fake.reset();
    const reply = await env.h.call("PATCH", `${KEYS_PATH}/${created.body.id}`, { json: { api_key: "sk-proj-SECRET-wrong-provider" } });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/sk-ant-/);
    expect(env.fake.requests).toHaveLength(0);
  });

  it("keeps the old key when the new one fails validation", async () => {
    const created = await create("openai");
    env.fake.always("openai.models", { kind: "status", status: 401 });
    const reply = await env.h.call("PATCH", `${KEYS_PATH}/${created.body.id}`, { json: { api_key: "sk-proj-SECRET-bad-new-key" } });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toBe("Invalid API key");
    const record = await env.h.store.providerKeys.get("1", created.body.id);
    expect(record?.maskedKey).toBe(created.body.api_key_masked);
    expect(env.h.cipher.decrypt(record!.ciphertext, providerKeyAad("1", created.body.id, "openai"))).toBe(TEST_KEYS.openai);
  });

  it("refuses to change the provider, accepts the same one", async () => {
    const created = await create("openai");
    const change = await env.h.call("PATCH", `${KEYS_PATH}/${created.body.id}`, { json: { provider: "anthropic" } });
    expect(change.status).toBe(400);
    expect(change.body).toMatchObject({ attr: "provider", code: "immutable" });
    const same = await env.h.call("PATCH", `${KEYS_PATH}/${created.body.id}`, { json: { provider: "openai", name: "n" } });
    expect(same.status).toBe(200);
  });

  it("set_as_active on PATCH makes an ok key active", async () => {
    const created = await create("openai");
    const reply = await env.h.call("PATCH", `${KEYS_PATH}/${created.body.id}`, { json: { set_as_active: true } });
    expect(reply.status).toBe(200);
    expect((await env.h.store.projectSettings.get("1")).activeProviderKeyId).toBe(created.body.id);
  });

  it("PUT is a full update: name and provider required, the secret optional and checked as on PATCH", async () => {
    const created = await create("anthropic");
    const path = `${KEYS_PATH}/${created.body.id}/`;
    const missing = await env.h.call("PUT", path, { json: { name: "only a name" } });
    expect(missing.status).toBe(400);
    expect(missing.body.attr).toBe("provider");
    env.fake.reset();
    const renamed = await env.h.call("PUT", path, { json: { name: "full", provider: "anthropic" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...created.body, name: "full" });
    expect(env.fake.requests).toHaveLength(0);
    const moved = await env.h.call("PUT", path, { json: { name: "full", provider: "openai" } });
    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({ attr: "provider", code: "immutable" });
    const newKey = "sk-ant-SECRET-put-rotated-77777";
    const rotated = await env.h.call("PUT", path, { json: { name: "full", provider: "anthropic", api_key: newKey } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.api_key_masked).toBe("sk-a...7777");
    expect(env.fake.requestsTo("anthropic.models")).toHaveLength(1);
    const record = await env.h.store.providerKeys.get("1", created.body.id);
    expect(env.h.cipher.decrypt(record!.ciphertext, providerKeyAad("1", created.body.id, "anthropic"))).toBe(newKey);
  });

  it("404s for another project's key", async () => {
    const created = await create("openai");
    const otherKey = await env.h.key({ projects: ["2"] });
    const reply = await env.h.call("PATCH", `${project("2")}/llm_analytics/provider_keys/${created.body.id}`, {
      key: otherKey,
      json: { name: "stolen" },
    });
    expect(reply.status).toBe(404);
  });
});

describe("delete", () => {
  it("deletes (204), then 404, and clears the active key", async () => {
    const created = await create("openai", { set_as_active: true });
    const reply = await env.h.call("DELETE", `${KEYS_PATH}/${created.body.id}/`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe("");
    expect((await env.h.call("GET", `${KEYS_PATH}/${created.body.id}`)).status).toBe(404);
    expect((await env.h.call("DELETE", `${KEYS_PATH}/${created.body.id}`)).status).toBe(404);
    expect((await env.h.store.projectSettings.get("1")).activeProviderKeyId).toBeNull();
  });

  it("hands the active role to a replacement of the same provider", async () => {
    const active = await create("openai", { set_as_active: true });
    const spare = await create("openai");
    const gemini = await create("gemini");
    const wrongProvider = await env.h.call("DELETE", `${KEYS_PATH}/${active.body.id}?replacement_key_id=${gemini.body.id}`);
    expect(wrongProvider.status).toBe(400);
    expect(wrongProvider.body.detail).toBe("Replacement key must be from the same provider");
    const missing = await env.h.call("DELETE", `${KEYS_PATH}/${active.body.id}?replacement_key_id=${crypto.randomUUID()}`);
    expect(missing.body.detail).toBe("Replacement key not found");
    const ok = await env.h.call("DELETE", `${KEYS_PATH}/${active.body.id}?replacement_key_id=${spare.body.id}`);
    expect(ok.status).toBe(204);
    expect((await env.h.store.projectSettings.get("1")).activeProviderKeyId).toBe(spare.body.id);
  });
});

describe("validate", () => {
  it("stores the live outcome and answers 200 even when the key is invalid", async () => {
    const created = await create("anthropic");
    const path = `${KEYS_PATH}/${created.body.id}/validate/`;

    env.fake.script("anthropic.models", { kind: "status", status: 401 });
    const invalid = await env.h.call("POST", path);
    expect(invalid.status).toBe(200);
    expect(invalid.body).toMatchObject({ state: "invalid", error_message: "Invalid API key" });
    expect((await env.h.call("GET", `${KEYS_PATH}/${created.body.id}`)).body.state).toBe("invalid");

    env.fake.script("anthropic.models", { kind: "status", status: 429 });
    const limited = await env.h.call("POST", path);
    expect(limited.body).toMatchObject({ state: "error", error_message: "Rate limited, please try again later" });

    env.fake.script("anthropic.models", { kind: "timeout" });
    expect((await env.h.call("POST", path)).body.state).toBe("error");

    const ok = await env.h.call("POST", path);
    expect(ok.body).toMatchObject({ state: "ok", error_message: null });
    expect(env.fake.requestsTo("anthropic.models").every((r) => r.apiKey === TEST_KEYS.anthropic)).toBe(true);
    expectNoSecret(invalid.text, limited.text, ok.text);
  });

  it("marks a key that no configured master key opens as error, never treating it as plaintext", async () => {
    const created = await create("openai");
    env.h.close();
    const other = await createLlmHarness(env.fake, { databasePath: env.h.databasePath, masterKeys: [randomBytes(32)] });
    try {
      const adminKey = await other.key();
      env.fake.reset();
      const reply = await other.call("POST", `${KEYS_PATH}/${created.body.id}/validate`, { key: adminKey });
      expect(reply.status).toBe(200);
      expect(reply.body.state).toBe("error");
      expect(reply.body.error_message).toMatch(/cannot be decrypted.*TRACESCRIBE_SECRET_KEY/);
      expect(env.fake.requests).toHaveLength(0);
    } finally {
      other.dispose();
    }
    await env.replaceHarness();
  });
});

describe("encryption at rest", () => {
  it("never writes a plaintext key to the database file (or its WAL)", async () => {
    for (const provider of PROVIDERS) {
      const created = await create(provider);
      expect(created.status, created.text).toBe(201);
    }
    const patched = await create("openai");
    expect(patched.status, patched.text).toBe(201);
    const before = (await env.h.store.providerKeys.get("1", patched.body.id))?.ciphertext;
    const patch = await env.h.call("PATCH", `${KEYS_PATH}/${patched.body.id}`, { json: { api_key: "sk-proj-SECRET-patched-key-77777" } });
    expect(patch.status, patch.text).toBe(200);
    const rows = await env.h.store.providerKeys.all();
    expect(rows).toHaveLength(PROVIDERS.length + 1);
    expect(rows.every((row) => row.ciphertext.startsWith(`v1:${env.h.cipher.currentKeyId}:`))).toBe(true);
    const after = rows.find((row) => row.id === patched.body.id)?.ciphertext;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    env.h.close();
    const bytes = databaseBytes(env.h.databasePath);
    for (const secret of [...Object.values(TEST_KEYS), "sk-proj-SECRET-patched-key-77777"]) {
      expect(bytes.includes(Buffer.from(secret)), `${secret} found in the database files`).toBe(false);
    }
    expect(bytes.includes(Buffer.from("SECRET"))).toBe(false);
    // Positive control: the scan does see every stored row, the patched one's new ciphertext included.
    for (const row of rows) expect(bytes.includes(Buffer.from(row.ciphertext)), row.id).toBe(true);
    await env.replaceHarness();
  });

  it("rotates the master key: old rows still work, re-encryption moves them to the new key", async () => {
    const oldKey = randomBytes(32);
    await env.replaceHarness({ masterKeys: [oldKey] });
    const created = await create("openai");
    const oldId = env.h.cipher.currentKeyId;
    env.h.close();

    const newKey = randomBytes(32);
    const rotated = await createLlmHarness(env.fake, { databasePath: env.h.databasePath, masterKeys: [newKey, oldKey] });
    try {
      const adminKey = await rotated.key();
      const before = await rotated.call("POST", `${KEYS_PATH}/${created.body.id}/validate`, { key: adminKey });
      expect(before.body.state).toBe("ok");
      const report = await reencryptProviderKeys(rotated.store.providerKeys, rotated.cipher);
      expect(report).toEqual({ reencrypted: 1, alreadyCurrent: 0, failed: [] });
      const [row] = await rotated.store.providerKeys.all();
      expect(row?.ciphertext.startsWith(`v1:${rotated.cipher.currentKeyId}:`)).toBe(true);
      expect(rotated.cipher.currentKeyId).not.toBe(oldId);
    } finally {
      rotated.dispose();
    }

    // Without the old key, the re-encrypted row still decrypts and validates.
    const newOnly = await createLlmHarness(env.fake, { databasePath: env.h.databasePath, masterKeys: [newKey] });
    try {
      env.fake.reset();
      const reply = await newOnly.call("POST", `${KEYS_PATH}/${created.body.id}/validate`, { key: await newOnly.key() });
      expect(reply.body.state).toBe("ok");
      expect(env.fake.requestsTo("openai.models")[0]?.apiKey).toBe(TEST_KEYS.openai);
    } finally {
      newOnly.dispose();
    }
    await env.replaceHarness();
  });
});
