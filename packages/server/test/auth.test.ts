import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hashApiKeySecret } from "../src/auth/tokens.js";
import { databaseBytes } from "./helpers/database-files.js";
import { createHarness, type Harness, project } from "./helpers/harness.js";

let h: Harness;
afterEach(() => h.close());

describe("authentication", () => {
  it("answers 401 without credentials, with a WWW-Authenticate challenge", async () => {
    h = await createHarness();
    const reply = await h.call("GET", `${project()}/llm_prompts/`, { key: null });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(reply.body).toMatchObject({ type: "authentication_error", code: "not_authenticated" });
    expect(reply.body.detail).toContain("Authorization: Bearer");
  });

  it("answers 401 for a header that is not a bearer token", async () => {
    h = await createHarness();
    const reply = await h.call("GET", `${project()}/llm_prompts/`, {
      key: null,
      headers: { Authorization: `Basic ${Buffer.from("a:b").toString("base64")}` },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.detail).toMatch(/Malformed Authorization header/);
  });

  it("answers 401 for an unknown key", async () => {
    h = await createHarness();
    const reply = await h.call("GET", `${project()}/llm_prompts/`, { key: "phx_not-a-real-key" });
    expect(reply.status).toBe(401);
    expect(reply.body.detail).toBe("Invalid personal API key.");
  });

  it("authenticates before routing, so anonymous callers cannot probe paths", async () => {
    h = await createHarness();
    expect((await h.call("GET", `${project()}/no-such-route/`, { key: null })).status).toBe(401);
  });

  it("stores only the SHA-256 hash of a key, never the secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tracescribe-auth-"));
    try {
      h = await createHarness({ databasePath: join(dir, "db.sqlite") });
      const secret = await h.key({ scopes: ["llm_prompt:read"] });
      expect((await h.call("GET", `${project()}/llm_prompts/`, { key: secret })).status).toBe(200);
      h.close();
      const bytes = databaseBytes(join(dir, "db.sqlite")).toString("latin1");
      expect(bytes).not.toContain(secret);
      expect(bytes).not.toContain(secret.slice(4));
      expect(bytes).toContain(hashApiKeySecret(secret));
      h = await createHarness();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("projects", () => {
  it("answers 404, not 403, for a project the key does not reach", async () => {
    h = await createHarness();
    const otherProjectKey = await h.key({ projects: ["2"], scopes: ["llm_prompt:read"] });
    expect((await h.call("GET", `${project("1")}/llm_prompts/`, { key: otherProjectKey })).status).toBe(404);
    // Even where the key also lacks the scope: the project check comes first, revealing nothing.
    expect((await h.call("POST", `${project("1")}/llm_prompts/`, { key: otherProjectKey, json: {} })).status).toBe(404);
    expect((await h.call("GET", `${project("2")}/llm_prompts/`, { key: otherProjectKey })).status).toBe(200);
  });

  it("lets a key listed for several projects, or for *, reach each of them", async () => {
    h = await createHarness();
    const two = await h.key({ projects: ["1", "2"] });
    const all = await h.key({ projects: ["*"] });
    for (const id of ["1", "2"]) expect((await h.call("GET", `${project(id)}/llm_prompts/`, { key: two })).status).toBe(200);
    expect((await h.call("GET", `${project("3")}/llm_prompts/`, { key: two })).status).toBe(404);
    expect((await h.call("GET", `${project("99")}/llm_prompts/`, { key: all })).status).toBe(200);
  });

  it("never shows one project's objects through another project's path", async () => {
    h = await createHarness();
    const all = await h.key({ projects: ["*"] });
    const created = await h.call("POST", `${project("1")}/llm_prompts/`, { key: all, json: { name: "p", prompt: "x" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await h.call("GET", `${project("2")}/llm_prompts/${id}/`, { key: all })).status).toBe(404);
    expect((await h.call("PATCH", `${project("2")}/llm_prompts/${id}/`, { key: all, json: { prompt: "y" } })).status).toBe(404);
    expect((await h.call("GET", `${project("2")}/llm_prompts/name/p/`, { key: all })).status).toBe(404);
    expect((await h.call("GET", `${project("2")}/llm_prompts/`, { key: all })).body.count).toBe(0);
  });
});

describe("rate limits", () => {
  const limited = () =>
    createHarness({
      config: {
        rateLimitEnabled: true,
        rateLimits: {
          default: [{ limit: 2, windowSeconds: 60 }],
          summarization: [{ limit: 1, windowSeconds: 60 }],
          translate: [{ limit: 1, windowSeconds: 3600 }],
        },
      },
    });

  it("answers 429 with Retry-After once a key's budget is spent, and resets with the window", async () => {
    h = await limited();
    h.clock.now = Date.UTC(2025, 0, 1, 0, 0, 0); // the start of a minute window
    expect((await h.call("GET", `${project()}/llm_prompts/`)).status).toBe(200);
    h.clock.advance(15_000);
    expect((await h.call("GET", `${project()}/llm_prompts/`)).status).toBe(200);
    const refused = await h.call("GET", `${project()}/llm_prompts/`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("45");
    expect(refused.body).toMatchObject({ type: "throttled_error", code: "throttled" });
    h.clock.advance(45_000);
    expect((await h.call("GET", `${project()}/llm_prompts/`)).status).toBe(200);
  });

  it("counts per key: another key keeps its own budget", async () => {
    h = await limited();
    const other = await h.key();
    for (let i = 0; i < 2; i++) await h.call("GET", `${project()}/llm_prompts/`);
    expect((await h.call("GET", `${project()}/llm_prompts/`)).status).toBe(429);
    expect((await h.call("GET", `${project()}/llm_prompts/`, { key: other })).status).toBe(200);
  });

  it("keeps the summarization and translate budgets apart from the default one", async () => {
    h = await limited();
    for (let i = 0; i < 2; i++) await h.call("GET", `${project()}/llm_prompts/`);
    expect((await h.call("GET", `${project()}/llm_prompts/`)).status).toBe(429);
    expect((await h.call("POST", `${project()}/llm_analytics/translate/`, { json: {} })).status).not.toBe(429);
    const second = await h.call("POST", `${project()}/llm_analytics/translate/`, { json: {} });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("Retry-After"))).toBeGreaterThan(60);
  });

  it("does not count requests refused before the budget (401, 403)", async () => {
    h = await limited();
    const reader = await h.key({ scopes: ["llm_prompt:read"] });
    for (let i = 0; i < 5; i++) {
      expect((await h.call("POST", `${project()}/llm_prompts/`, { key: reader, json: {} })).status).toBe(403);
    }
    expect((await h.call("GET", `${project()}/llm_prompts/`, { key: reader })).status).toBe(200);
  });
});
