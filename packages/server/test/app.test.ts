import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, project } from "./helpers/harness.js";

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ config: { bodyLimitBytes: 1000 } });
});
afterEach(() => h.close());

describe("routing", () => {
  it("accepts paths with and without a trailing slash", async () => {
    expect((await h.call("GET", `${project()}/llm_prompts/`)).status).toBe(200);
    expect((await h.call("GET", `${project()}/llm_prompts`)).status).toBe(200);
  });

  it("serves /api/projects/ as an alias of /api/environments/, as PostHog rewrites it", async () => {
    const reply = await h.call("GET", "/api/projects/1/llm_prompts/");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it("answers unknown paths with a JSON 404", async () => {
    for (const path of ["/nope", "/api/environments/1/nope/", "/api/environments/1"]) {
      const reply = await h.call("GET", path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).toMatchObject({ type: "invalid_request", code: "not_found" });
    }
  });

  it("answers a known path with a wrong method with a JSON 405 and Allow", async () => {
    const reply = await h.call("DELETE", `${project()}/llm_prompts/`);
    expect(reply.status).toBe(405);
    expect(reply.headers.get("Allow")).toBe("GET, POST");
    expect(reply.body).toMatchObject({ code: "method_not_allowed", detail: 'Method "DELETE" not allowed.' });
  });

  it("has no DELETE for prompts (PostHog soft-deletes with PATCH)", async () => {
    const reply = await h.call("DELETE", `${project()}/llm_prompts/${crypto.randomUUID()}/`);
    expect(reply.status).toBe(405);
    expect(reply.headers.get("Allow")).toBe("GET, PATCH");
  });
});

describe("bad input never yields a 500 or a stack trace", () => {
  it("answers malformed JSON with a 400 saying the body must be JSON", async () => {
    const reply = await h.call("POST", `${project()}/llm_prompts/`, {
      body: '{"name": "x", ',
      headers: { "Content-Type": "application/json" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: "validation_error", code: "parse_error" });
    expect(reply.body.detail).toMatch(/valid JSON/);
  });

  it("answers a non-JSON media type with a JSON 415", async () => {
    const reply = await h.call("POST", `${project()}/llm_prompts/`, {
      body: "name=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(reply.status).toBe(415);
    expect(reply.body).toMatchObject({ code: "unsupported_media_type" });
  });

  it("lists every field error, the first repeated in detail/attr", async () => {
    const reply = await h.call("POST", `${project()}/llm_prompts/`, { json: { name: "bad name!" } });
    expect(reply.status).toBe(400);
    expect(reply.body.attr).toBe("name");
    expect(reply.body.errors.map((e: { attr: string }) => e.attr).sort()).toEqual(["name", "prompt"]);
  });

  it("answers a body over the limit (declared length) with a JSON 413 naming the limit", async () => {
    const reply = await h.call("POST", `${project()}/llm_prompts/`, { json: { name: "x", prompt: "y".repeat(2000) } });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ code: "payload_too_large" });
    expect(reply.body.detail).toContain("1000 bytes");
    // The unread body must not be taken for the next request on a kept-alive connection.
    expect(reply.headers.get("Connection")).toBe("close");
  });

  it("answers a streamed body over the limit (no Content-Length) with a JSON 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(600));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const reply = await h.call("POST", `${project()}/llm_analytics/text_repr/`, {
      body: stream,
      headers: { "Content-Type": "application/json" },
    });
    expect(reply.status).toBe(413);
  });

  it("answers an unexpected failure with a generic 500 and logs the stack instead", async () => {
    h.store.close(); // every query now throws
    const reply = await h.call("GET", `${project()}/llm_prompts/`);
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ type: "server_error", code: "error", detail: "A server error occurred.", attr: null });
    expect(reply.text).not.toMatch(/at .*\.ts/);
    expect(h.logs.some((line) => line.includes("unexpected error"))).toBe(true);
    h = await createHarness(); // afterEach closes this one
  });
});

describe("GET /api/schema", () => {
  it("is an OpenAPI 3.1 document of the registered routes, with their scopes", async () => {
    const reply = await h.call("GET", "/api/schema", { key: null });
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toBe("3.1.0");
    const paths = reply.body.paths as Record<string, Record<string, any>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        "/api/environments/{project_id}/llm_prompts",
        "/api/environments/{project_id}/llm_prompts/{id}",
        "/api/environments/{project_id}/llm_prompts/name/{name}",
        "/api/environments/{project_id}/llm_analytics/text_repr",
      ]),
    );
    const create = paths["/api/environments/{project_id}/llm_prompts"]?.["post"];
    expect(create["x-required-scope"]).toBe("llm_prompt:write");
    expect(create.security).toEqual([{ PersonalApiKey: [] }]);
    expect(reply.body.components.securitySchemes.PersonalApiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("resolves every $ref and gives every operation responses and a unique operation key", async () => {
    const document = (await h.call("GET", "/api/schema")).body;
    const refs: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) {
          if (key === "$ref" && typeof child === "string") refs.push(child);
          else walk(child);
        }
      }
    };
    walk(document);
    expect(refs.length).toBeGreaterThan(0);
    expect(Object.keys(document.paths ?? {}).length).toBeGreaterThan(0);
    for (const ref of refs) {
      const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      expect(document.components?.[section ?? ""]?.[name ?? ""], ref).toBeDefined();
    }
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(Object.keys(operation.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const match of path.matchAll(/\{(\w+)\}/g)) {
          const declared = (operation.parameters ?? []).some((p: { name: string; in: string }) => p.in === "path" && p.name === match[1]);
          expect(declared, `${method} ${path} declares {${match[1]}}`).toBe(true);
        }
      }
    }
  });

  it("documents request bodies with the schemas that validate them", async () => {
    const reply = await h.call("GET", "/api/schema");
    const schemas = reply.body.components.schemas;
    expect(schemas.LlmPromptCreate.required).toEqual(expect.arrayContaining(["name"]));
    expect(schemas.LlmPromptCreate.properties.name.pattern).toBe("^[A-Za-z0-9_-]+$");
  });
});
