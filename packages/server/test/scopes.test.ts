import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_PREFIX } from "../src/auth/middleware.js";
import { lookupRoute, parseScopes, ROUTE_SCOPES, SCOPES } from "../src/auth/scopes.js";
import { createHarness, type Harness, project } from "./helpers/harness.js";

let h: Harness;
const keys = new Map<string, string>();
let otherProjectKey: string;
beforeAll(async () => {
  h = await createHarness();
  for (const scope of SCOPES) keys.set(scope, await h.key({ scopes: [scope] }));
  otherProjectKey = await h.key({ projects: ["2"], scopes: ["*"] });
});
afterAll(() => h.close());

/** A concrete path for a table pattern (ids that exist nowhere, which is fine: only the auth answer matters). */
const concrete = (pattern: string) =>
  `${project()}/${pattern.replace(":id", "00000000-0000-4000-8000-000000000000").replace(":name", "some-name")}/`;

describe("the route x scope matrix", () => {
  for (const route of ROUTE_SCOPES) {
    describe(`${route.method} ${route.path}`, () => {
      const path = concrete(route.path);
      const json = route.method === "GET" || route.method === "DELETE" ? undefined : {};

      it("answers 401 without a key", async () => {
        expect((await h.call(route.method, path, { key: null, json })).status).toBe(401);
      });

      it("answers 404 for a key of another project", async () => {
        expect((await h.call(route.method, path, { key: otherProjectKey, json })).status).toBe(404);
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
    for (const { method, subpath } of registered()) {
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
