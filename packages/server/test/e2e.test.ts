/**
 * End to end: the real `tracescribe-server` process on a loopback port, with a temporary database
 * and the fake LLM provider, driven over HTTP through every endpoint.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_SCOPES } from "../src/auth/scopes.js";
import { hashApiKeySecret } from "../src/auth/tokens.js";
import { type FakeProvider, startFakeProvider } from "./fake-provider.js";
import { databaseBytes } from "./helpers/database-files.js";
import { type CallOptions, readReply, type Reply, requestInit } from "./helpers/harness.js";
import { removeDir, runBin, type ServerProcess, startServerProcess } from "./helpers/server-process.js";

const CORPUS = join(import.meta.dirname, "../../../fixtures/conformance");
const PROVIDER_SECRET = "sk-e2e-secret-provider-key-0123456789";

let fake: FakeProvider;
let server: ServerProcess;
let admin: string;
let reader: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  server = await startServerProcess({
    env: {
      OPENAI_BASE_URL: fake.urls.openai,
      ANTHROPIC_BASE_URL: fake.urls.anthropic,
      GEMINI_BASE_URL: fake.urls.gemini,
      TRACESCRIBE_BODY_LIMIT_BYTES: "200000",
    },
  });
  admin = await server.createApiKey("1", "*");
  reader = await server.createApiKey("1", "llm_prompt:read");
}, 60_000);

afterAll(async () => {
  await server?.kill("SIGKILL");
  await fake?.close();
  if (server !== undefined) removeDir(server.dir);
});

/** One request to the server process, with the admin key unless `options.key` says otherwise. */
async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  return readReply(await fetch(`${server.url}${path}`, requestInit(method, options, admin)));
}

const P = "/api/environments/1";

describe("the server process", () => {
  it("prints a new API key once, and only its hash reaches the database", () => {
    expect(admin).toMatch(/^phx_[A-Za-z0-9_-]{43}$/);
    const bytes = databaseBytes(server.databasePath).toString("latin1");
    expect(bytes).not.toContain(admin);
    expect(bytes).not.toContain(admin.slice(4));
    // Positive control: the scan does see the api_keys row (its stored hash).
    expect(bytes).toContain(hashApiKeySecret(admin));
  });

  it("serves the OpenAPI 3.1 document with every route of the scope table", async () => {
    const reply = await call("GET", "/api/schema/", { key: null });
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe("3.1.0");
    for (const route of ROUTE_SCOPES) {
      const path = `/api/environments/{project_id}/${route.path.replace(/:(\w+)/g, "{$1}")}`;
      expect(reply.body.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
  });

  it("answers 401, 403 and 404 as the auth rules say", async () => {
    expect((await call("GET", `${P}/llm_prompts/`, { key: null })).status).toBe(401);
    expect((await call("GET", `${P}/llm_prompts/`, { key: "phx_unknown" })).status).toBe(401);
    expect((await call("POST", `${P}/llm_prompts/`, { key: reader, json: { name: "x", prompt: "y" } })).status).toBe(403);
    expect((await call("GET", "/api/environments/2/llm_prompts/")).status).toBe(404);
  });

  it("answers a body over TRACESCRIBE_BODY_LIMIT_BYTES with a JSON 413", async () => {
    const reply = await call("POST", `${P}/llm_analytics/text_repr/`, { body: JSON.stringify({ data: "x".repeat(300_000) }) });
    expect(reply.status).toBe(413);
    expect(reply.body.detail).toContain("200000 bytes");
  });

  it("answers invalid JSON with a 400, not a 500", async () => {
    const reply = await fetch(`${server.url}${P}/llm_prompts/`, {
      method: "POST",
      headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
      body: "{",
    });
    expect(reply.status).toBe(400);
  });
});

describe("llm_prompts over HTTP", () => {
  it("creates, versions, fetches by name, lists and soft-deletes", async () => {
    const created = await call("POST", `${P}/llm_prompts/`, { json: { name: "e2e-prompt", prompt: "v1" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patched = await call("PATCH", `${P}/llm_prompts/${id}/`, { json: { prompt: "v2" } });
    expect(patched.body.version).toBe(2);
    expect((await call("GET", `${P}/llm_prompts/${id}/?version=1`, { key: reader })).body.prompt).toBe("v1");
    expect((await call("GET", `${P}/llm_prompts/name/e2e-prompt/`, { key: reader })).body).toMatchObject({ id, version: 2 });
    expect((await call("GET", `/api/projects/1/llm_prompts/?limit=1`, { key: reader })).body.count).toBeGreaterThanOrEqual(1);
    expect((await call("DELETE", `${P}/llm_prompts/${id}/`)).status).toBe(405);
    expect((await call("PATCH", `${P}/llm_prompts/${id}/`, { json: { deleted: true } })).status).toBe(200);
    expect((await call("GET", `${P}/llm_prompts/name/e2e-prompt/`)).status).toBe(404);
  });
});

describe("text_repr over HTTP", () => {
  it("answers as the conformance corpus expects", async () => {
    for (const name of ["gen_openai_chat_basic", "err_body_not_object"]) {
      const body = readFileSync(join(CORPUS, "requests", `${name}.json`), "utf8");
      const expected = JSON.parse(readFileSync(join(CORPUS, "expected", `${name}.json`), "utf8"));
      const reply = await call("POST", `${P}/llm_analytics/text_repr/`, { body });
      if ("text" in expected) {
        expect(reply.status, name).toBe(200);
        expect(reply.body).toEqual(expected);
      } else {
        expect(reply.status, name).toBe(expected.status);
        expect(reply.body).toEqual(expected.error);
      }
    }
  });
});

describe("provider keys, summarization and translate over HTTP (fake provider)", () => {
  let keyId: string;

  it("creates a provider key after validating it live, masked, and makes it active", async () => {
    const reply = await call("POST", `${P}/llm_analytics/provider_keys/`, {
      json: { provider: "openai", name: "e2e", api_key: PROVIDER_SECRET, set_as_active: true },
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body).toMatchObject({ provider: "openai", name: "e2e", state: "ok", api_key_masked: "sk-e...6789" });
    expect(reply.text).not.toContain(PROVIDER_SECRET);
    expect(fake.requestsTo("openai.models").some((r) => r.apiKey === PROVIDER_SECRET)).toBe(true);
    keyId = reply.body.id;
  });

  it("lists, retrieves, renames (PATCH and PUT) and validates it", async () => {
    const list = await call("GET", `${P}/llm_analytics/provider_keys/`);
    expect(list.status).toBe(200);
    expect(list.body.results.map((k: { id: string }) => k.id)).toContain(keyId);
    expect((await call("GET", `${P}/llm_analytics/provider_keys/${keyId}/`)).body.id).toBe(keyId);
    expect((await call("PATCH", `${P}/llm_analytics/provider_keys/${keyId}/`, { json: { name: "renamed" } })).body.name).toBe("renamed");
    const put = await call("PUT", `${P}/llm_analytics/provider_keys/${keyId}/`, { json: { name: "replaced", provider: "openai" } });
    expect(put.status, put.text).toBe(200);
    expect(put.body.name).toBe("replaced");
    const validated = await call("POST", `${P}/llm_analytics/provider_keys/${keyId}/validate/`);
    expect(validated.status).toBe(200);
    expect(validated.body.state).toBe("ok");
    expect(validated.text).not.toContain(PROVIDER_SECRET);
  });

  it("summarizes with the active key, then answers from the cache without an LLM call", async () => {
    const data = {
      event: {
        id: "e2e-event-1",
        event: "$ai_generation",
        properties: { $ai_input: [{ role: "user", content: "hi" }], $ai_output_choices: [{ role: "assistant", content: "hello" }] },
      },
    };
    const first = await call("POST", `${P}/llm_analytics/summarization/`, { json: { summarize_type: "event", mode: "minimal", data } });
    expect(first.status, first.text).toBe(200);
    expect(first.body.summary).toBeDefined();
    const chats = fake.requestsTo("openai.chat").length;
    expect(chats).toBeGreaterThan(0);
    expect(fake.requestsTo("openai.chat").at(-1)?.apiKey).toBe(PROVIDER_SECRET);
    const second = await call("POST", `${P}/llm_analytics/summarization/`, { json: { summarize_type: "event", mode: "minimal", data } });
    expect(second.status).toBe(200);
    expect(second.body.summary).toEqual(first.body.summary);
    expect(fake.requestsTo("openai.chat").length).toBe(chats);
  });

  it("answers batch_check from the cache only", async () => {
    const chats = fake.requestsTo("openai.chat").length;
    const reply = await call("POST", `${P}/llm_analytics/summarization/batch_check/`, { json: { trace_ids: ["nope"], mode: "minimal" } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ summaries: [] });
    expect(fake.requestsTo("openai.chat").length).toBe(chats);
  });

  it("translates", async () => {
    fake.script("openai.chat", { kind: "ok", text: JSON.stringify({ translation: "Hello", detected_language: "es" }) });
    const reply = await call("POST", `${P}/llm_analytics/translate/`, { json: { text: "Hola", target_language: "en" } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.translation).toBe("Hello");
  });

  it("never writes the provider key's plaintext to the database files", async () => {
    const db = new Database(server.databasePath, { readonly: true });
    const row = db.prepare("SELECT ciphertext FROM provider_keys WHERE id = ?").get(keyId) as { ciphertext: string } | undefined;
    db.close();
    expect(row?.ciphertext).toMatch(/^v1:/);
    const bytes = databaseBytes(server.databasePath).toString("latin1");
    expect(bytes).not.toContain(PROVIDER_SECRET);
    // Positive control: the scan does see the provider_keys row (its stored ciphertext).
    expect(bytes).toContain(row!.ciphertext);
  });

  it("deletes it with 204", async () => {
    expect((await call("DELETE", `${P}/llm_analytics/provider_keys/${keyId}/`)).status).toBe(204);
    expect((await call("GET", `${P}/llm_analytics/provider_keys/${keyId}/`)).status).toBe(404);
  });
});

describe("durability", () => {
  it("keeps every acknowledged write when the process is killed mid-request, and stops cleanly on SIGTERM", async () => {
    const acknowledged: string[] = [];
    const writes = Array.from({ length: 40 }, (_, i) =>
      call("POST", `${P}/llm_prompts/`, { json: { name: `crash-${i}`, prompt: "x".repeat(2000) } })
        .then((reply) => {
          if (reply.status === 201) acknowledged.push(reply.body.id);
        })
        .catch(() => undefined), // requests cut off by the kill
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    await server.kill("SIGKILL");
    await Promise.all(writes);

    const db = new Database(server.databasePath);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    // No prompt row lost its first version: each write was all or nothing.
    const orphans = db
      .prepare("SELECT count(*) AS n FROM prompts p WHERE NOT EXISTS (SELECT 1 FROM prompt_versions v WHERE v.prompt_id = p.id AND v.version = 1)")
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    db.close();

    server = await startServerProcess({ dir: server.dir, env: server.env });
    for (const id of acknowledged) {
      expect((await call("GET", `${P}/llm_prompts/${id}/`)).status, id).toBe(200);
    }
    expect(await server.kill("SIGTERM")).toBe(0);
    server = await startServerProcess({ dir: server.dir, env: server.env }); // afterAll kills this one
  });
});

describe("the command line", () => {
  it("refuses unknown scopes, naming the valid ones", async () => {
    const run = await runBin(["create-api-key", "--project", "1", "--scopes", "everything"], server.env, server.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown scope everything: expected any of llm_provider_key:read");
    expect(run.stdout).toBe("");
  });

  it("refuses an unusable environment before opening anything", async () => {
    const run = await runBin([], { ...server.env, PORT: "eighty" }, server.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT="eighty": expected a whole number');
  });
});
