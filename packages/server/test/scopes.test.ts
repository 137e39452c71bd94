import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_PREFIX } from "../src/auth/middleware.js";
import { lookupRoute, parseScopes, ROUTE_SCOPES, SCOPES } from "../src/auth/scopes.js";
import { providerKeyAad } from "../src/crypto/index.js";
import { createHarness, type Harness, project, stubCipher } from "./helpers/harness.js";

let h: Harness;
const keys = new Map<string, string>();
let otherProjectKey: string;
/** Objects that really exist in project 1, so a 404 for another project's key is the project check's doing. */
const real = { promptId: "", promptName: "scopes-real-prompt", providerKeyId: crypto.randomUUID() };
beforeAll(async () => {
  h = await createHarness();
  for (const scope of SCOPES) keys.set(scope, await h.key({ scopes: [scope] }));
  otherProjectKey = await h.key({ projects: ["2"], scopes: ["*"] });
  const prompt = await h.call("POST", `${project()}/llm_prompts/`, { json: { name: real.promptName, prompt: "hi" } });
  expect(prompt.status, prompt.text).toBe(201);
  real.promptId = prompt.body.id;
  await h.store.providerKeys.insert({
    id: real.providerKeyId,
    projectId: "1",
    provider: "openai",
    name: "scopes-real-key",
    state: "ok",
    errorMessage: null,
    ciphertext: stubCipher.encrypt("sk-scopes-real-key-0000", providerKeyAad("1", real.providerKeyId, "openai")),
    maskedKey: "sk-s...0000",
    createdAt: "2025-01-01T00:00:00.000Z",
    createdBy: null,
    lastUsedAt: null,
  });
});
afterAll(() => h.close());

/**
 * A concrete path for a table pattern. With `ids` "placeholder" the ids exist nowhere (fine where
 * only the auth answer matters, and nothing real gets changed); with "real" they name the prompt
 * and provider key created in project 1 above.
 */
const concrete = (pattern: string, ids: "placeholder" | "real" = "placeholder") => {
  const id = ids === "placeholder" ? "00000000-0000-4000-8000-000000000000" : pattern.startsWith("llm_prompts/") ? real.promptId : real.providerKeyId;
  const name = ids === "placeholder" ? "some-name" : real.promptName;
  return `${project()}/${pattern.replace(":id", id).replace(":name", name)}/`;
};

/** Asserts (with the admin key) that the real objects exist in project 1 and are unchanged. */
async function expectRealObjectsIntact(): Promise<void> {
  const prompt = await h.call("GET", `${project()}/llm_prompts/${real.promptId}/`);
  expect(prompt.status, prompt.text).toBe(200);
  expect(prompt.body).toMatchObject({ name: real.promptName, prompt: "hi", version: 1 });
  expect((await h.call("GET", `${project()}/llm_prompts/name/${real.promptName}/`)).status).toBe(200);
  const key = await h.call("GET", `${project()}/llm_analytics/provider_keys/${real.providerKeyId}/`);
  expect(key.status, key.text).toBe(200);
  expect(key.body).toMatchObject({ name: "scopes-real-key", state: "ok" });
}

describe("the route x scope matrix", () => {
  for (const route of ROUTE_SCOPES) {
    describe(`${route.method} ${route.path}`, () => {
      const path = concrete(route.path);
      const json = route.method === "GET" || route.method === "DELETE" ? undefined : {};

      it("answers 401 without a key", async () => {
        expect((await h.call(route.method, path, { key: null, json })).status).toBe(401);
      });

      it("answers 404 for a key of another project, even for objects that exist in this one", async () => {
        // Real ids: without the project check, this key (scope *) would reach the project's objects.
        await expectRealObjectsIntact();
        expect((await h.call(route.method, concrete(route.path, "real"), { key: otherProjectKey, json })).status).toBe(404);
        await expectRealObjectsIntact();
      });

      for (const scope of SCOPES) {
        const allowed = scope === route.scope;
        it(`${allowed ? "lets through" : "answers 403 for"} a key with only ${scope}`, async () => {
          const reply = await h.call(route.method, path, { key: keys.get(scope) ?? null, json });
          if (allowed) {
            expect([401, 403]).not.toContain(reply.status);
          } else {
            expect(reply.status).toBe(403);
            expect(reply.body.detail).toBe(`API key missing required scope '${route.scope}'.`);
          }
        });
      }
    });
  }
});

describe("the table and the app agree", () => {
  const registered = () =>
    h.app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith(`${PROJECT_PREFIX}:project_id/`))
      .map((r) => ({ method: r.method, subpath: r.path.slice(`${PROJECT_PREFIX}:project_id/`.length) }));

  it("has a scope for every registered project route (none is reachable without one)", () => {
    const routes = registered();
    expect(ROUTE_SCOPES.length).toBeGreaterThan(0);
    expect(routes.length).toBeGreaterThanOrEqual(ROUTE_SCOPES.length);
    for (const { method, subpath } of routes) {
      const lookup = lookupRoute(method, subpath);
      expect(lookup.kind, `${method} ${subpath}`).toBe("found");
      if (lookup.kind === "found") expect(lookup.route.path).toBe(subpath);
    }
  });

  it("has a registered route for every row of the table", () => {
    const routes = registered().map((r) => `${r.method} ${r.subpath}`);
    const missing = ROUTE_SCOPES.map((r) => `${r.method} ${r.path}`).filter((r) => !routes.includes(r));
    expect(missing).toEqual([]);
  });
});

describe("parseScopes", () => {
  it("accepts known scopes and *, dropping blanks and repeats", () => {
    expect(parseScopes("llm_prompt:read, llm_prompt:read,,llm_analytics:write")).toEqual(["llm_prompt:read", "llm_analytics:write"]);
    expect(parseScopes("*")).toEqual(["*"]);
  });

  it("names unknown scopes and lists the valid ones", () => {
    expect(() => parseScopes("llm_prompt:read,prompts:all")).toThrow(/Unknown scope prompts:all: expected any of llm_provider_key:read/);
    expect(() => parseScopes(" , ")).toThrow(/No scopes given/);
  });
});
