import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_PROMPT_BYTES } from "../src/routes/prompts.js";
import { createHarness, type Harness, project } from "./helpers/harness.js";

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ config: { maxPageSize: 5, defaultPageSize: 3, bodyLimitBytes: 4 * MAX_PROMPT_BYTES } });
});
afterEach(() => h.close());

const base = `${project()}/llm_prompts`;
const create = async (name: string, prompt: unknown = `prompt of ${name}`) => {
  const reply = await h.call("POST", `${base}/`, { json: { name, prompt } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; version: number; name: string };
};

describe("create", () => {
  it("answers 201 with version 1, the creator and timestamps from the clock", async () => {
    const reply = await h.call("POST", `${base}/`, { json: { name: "greeting", prompt: "Hello {{name}}" } });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      name: "greeting",
      prompt: "Hello {{name}}",
      version: 1,
      deleted: false,
      created_at: "2025-01-01T00:00:00.000Z",
      updated_at: "2025-01-01T00:00:00.000Z",
      created_by: { label: "admin" },
    });
    expect(reply.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts any JSON value as the prompt", async () => {
    for (const [i, prompt] of [[{ role: "system", content: "x" }], { a: [1, null, true] }, 42, null, ""].entries()) {
      const reply = await h.call("POST", `${base}/`, { json: { name: `p${i}`, prompt } });
      expect(reply.status).toBe(201);
      expect(reply.body.prompt).toEqual(prompt);
    }
  });

  it.each([
    ["a name with a space", { name: "a b", prompt: "x" }, "name", "Only letters, numbers, hyphens (-) and underscores (_) are allowed."],
    ["an empty name", { name: "", prompt: "x" }, "name", "The name must not be empty."],
    ["a long name", { name: "n".repeat(256), prompt: "x" }, "name", "The name must be at most 255 characters."],
    ["no prompt", { name: "ok" }, "prompt", "This field is required: the prompt as any JSON value (usually a string)."],
    ["a name that is not a string", { name: 5, prompt: "x" }, "name", undefined],
  ])("answers 400 for %s", async (_, json, attr, detail) => {
    const reply = await h.call("POST", `${base}/`, { json });
    expect(reply.status).toBe(400);
    expect(reply.body.attr).toBe(attr);
    if (detail !== undefined) expect(reply.body.detail).toBe(detail);
  });

  it("answers 400 for a prompt over 1,000,000 bytes of JSON", async () => {
    const reply = await h.call("POST", `${base}/`, { json: { name: "big", prompt: "é".repeat(MAX_PROMPT_BYTES / 2) } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ attr: "prompt", detail: "The prompt must be at most 1000000 bytes as compact JSON." });
  });

  it("answers 400 for a body that is not an object, about the request as a whole", async () => {
    const reply = await h.call("POST", `${base}/`, { json: ["name"] });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: "validation_error", attr: null });
  });

  it("refuses a name a live prompt of the project has", async () => {
    await create("dup");
    const reply = await h.call("POST", `${base}/`, { json: { name: "dup", prompt: "x" } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ type: "validation_error", code: "unique", attr: "name", detail: "A prompt with this name already exists." });
  });
});

describe("retrieve", () => {
  it("reads by id and by name", async () => {
    const p = await create("by-id");
    expect((await h.call("GET", `${base}/${p.id}/`)).body).toMatchObject({ id: p.id, name: "by-id" });
    expect((await h.call("GET", `${base}/name/by-id/`)).body).toMatchObject({ id: p.id, version: 1 });
  });

  it("answers 404 for unknown ids, malformed ids and unknown names", async () => {
    expect((await h.call("GET", `${base}/${crypto.randomUUID()}/`)).status).toBe(404);
    expect((await h.call("GET", `${base}/not-a-uuid/`)).status).toBe(404);
    const byName = await h.call("GET", `${base}/name/missing/`);
    expect(byName.status).toBe(404);
    expect(byName.body.detail).toBe("Prompt with name 'missing' not found.");
  });

  it("answers 400 for a version that is not a whole number of at least 1", async () => {
    const p = await create("v");
    for (const version of ["0", "-1", "x", "1.5"]) {
      const reply = await h.call("GET", `${base}/${p.id}/?version=${version}`);
      expect(reply.status, version).toBe(400);
      expect(reply.body.attr).toBe("version");
    }
  });
});

describe("update and versions", () => {
  it("adds version + 1 on every change of prompt and keeps older versions readable", async () => {
    const p = await create("versioned", "one");
    h.clock.advance(1000);
    const two = await h.call("PATCH", `${base}/${p.id}/`, { json: { prompt: "two" } });
    expect(two.body).toMatchObject({ version: 2, prompt: "two", created_at: "2025-01-01T00:00:00.000Z", updated_at: "2025-01-01T00:00:01.000Z" });
    const three = await h.call("PATCH", `${base}/${p.id}/`, { json: { prompt: { text: "three" } } });
    expect(three.body.version).toBe(3);

    expect((await h.call("GET", `${base}/${p.id}/`)).body).toMatchObject({ version: 3, prompt: { text: "three" } });
    expect((await h.call("GET", `${base}/${p.id}/?version=1`)).body).toMatchObject({ version: 1, prompt: "one" });
    expect((await h.call("GET", `${base}/name/versioned/?version=2`)).body).toMatchObject({ version: 2, prompt: "two" });
    const missing = await h.call("GET", `${base}/name/versioned/?version=4`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe("Prompt with name 'versioned' has no version 4.");
  });

  it("does not add a version when the prompt is unchanged or only the name changes", async () => {
    const p = await create("stable", "same");
    expect((await h.call("PATCH", `${base}/${p.id}/`, { json: { prompt: "same" } })).body.version).toBe(1);
    const renamed = await h.call("PATCH", `${base}/${p.id}/`, { json: { name: "renamed" } });
    expect(renamed.body).toMatchObject({ name: "renamed", version: 1 });
    expect((await h.call("GET", `${base}/name/stable/`)).status).toBe(404);
    expect((await h.call("GET", `${base}/name/renamed/`)).status).toBe(200);
  });

  it("refuses a rename onto another live prompt's name", async () => {
    await create("taken");
    const p = await create("mine");
    const reply = await h.call("PATCH", `${base}/${p.id}/`, { json: { name: "taken" } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: "unique", attr: "name" });
  });

  it("validates PATCH fields like create", async () => {
    const p = await create("strict");
    const reply = await h.call("PATCH", `${base}/${p.id}/`, { json: { name: "no spaces allowed", deleted: "yes" } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { attr: string }) => e.attr).sort()).toEqual(["deleted", "name"]);
  });

  it("soft-deletes with deleted: true, which hides the prompt and frees its name", async () => {
    const p = await create("doomed");
    const deleted = await h.call("PATCH", `${base}/${p.id}/`, { json: { deleted: true } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: p.id, deleted: true });
    expect((await h.call("GET", `${base}/${p.id}/`)).status).toBe(404);
    expect((await h.call("GET", `${base}/name/doomed/`)).status).toBe(404);
    expect((await h.call("PATCH", `${base}/${p.id}/`, { json: { deleted: false } })).status).toBe(404);
    expect((await h.call("GET", `${base}/`)).body.count).toBe(0);
    const again = await create("doomed");
    expect(again.id).not.toBe(p.id);
  });
});

describe("list", () => {
  it("pages with limit/offset and absolute next/previous links", async () => {
    for (const name of ["a", "b", "c", "d"]) {
      await create(name);
      h.clock.advance(1000);
    }
    const first = await h.call("GET", `${base}/?limit=2`);
    expect(first.body.count).toBe(4);
    expect(first.body.results.map((p: { name: string }) => p.name)).toEqual(["d", "c"]);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toBe(`http://localhost${base}/?limit=2&offset=2`);

    const second = await h.call("GET", new URL(first.body.next).pathname + new URL(first.body.next).search);
    expect(second.body.results.map((p: { name: string }) => p.name)).toEqual(["b", "a"]);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).toBe(`http://localhost${base}/?limit=2`);
  });

  it("uses the default page size and caps limit at the maximum", async () => {
    for (const name of ["a", "b", "c", "d", "e", "f", "g"]) await create(name);
    expect((await h.call("GET", `${base}/`)).body.results).toHaveLength(3);
    const capped = await h.call("GET", `${base}/?limit=1000`);
    expect(capped.body.results).toHaveLength(5);
    expect(capped.body.next).toContain("limit=5");
  });

  it("answers 400 for a limit or offset that is not a whole number", async () => {
    for (const query of ["limit=0", "limit=x", "offset=-1", "limit=2.5"]) {
      expect((await h.call("GET", `${base}/?${query}`)).status, query).toBe(400);
    }
  });

  it("lists each prompt once, at its latest version", async () => {
    const p = await create("one", "v1");
    await h.call("PATCH", `${base}/${p.id}/`, { json: { prompt: "v2" } });
    const list = await h.call("GET", `${base}/`);
    expect(list.body.count).toBe(1);
    expect(list.body.results[0]).toMatchObject({ version: 2, prompt: "v2" });
  });
});
