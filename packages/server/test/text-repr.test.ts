import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, project } from "./helpers/harness.js";

const CORPUS = join(import.meta.dirname, "../../../fixtures/conformance");
const names = readdirSync(join(CORPUS, "requests"))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -".json".length))
  .sort();

type Expected =
  | { text: string; metadata: Record<string, unknown> }
  | { error: Record<string, unknown>; status: number };

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ config: { bodyLimitBytes: 1_000_000 } });
});
afterAll(() => h.close());

const path = `${project()}/llm_analytics/text_repr/`;

describe("text_repr answers as the reference (fixtures/conformance)", () => {
  it("has a corpus to check", () => {
    expect(names.length).toBeGreaterThan(100);
  });

  it.each(names)("%s", async (name) => {
    const body = readFileSync(join(CORPUS, "requests", `${name}.json`), "utf8");
    const expected = JSON.parse(readFileSync(join(CORPUS, "expected", `${name}.json`), "utf8")) as Expected;
    const reply = await h.call("POST", path, { body, headers: { "Content-Type": "application/json" } });
    if ("text" in expected) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body).toEqual({ text: expected.text, metadata: expected.metadata });
    } else if (expected.status === 400) {
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(expected.error);
    } else {
      // Where the reference crashes (500), the engine answers a 400 saying what it cannot render.
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
    }
  });
});

describe("text_repr at the HTTP edge", () => {
  it("passes a body that is not JSON to the engine, which answers 400", async () => {
    const reply = await h.call("POST", path, { body: "{not json", headers: { "Content-Type": "application/json" } });
    expect(reply.status).toBe(400);
    expect(typeof reply.body).toBe("object");
  });

  it("refuses a body that starts with a byte-order mark, as DRF's parser and the CLI do", async () => {
    const reply = await h.call("POST", path, { body: '\ufeff{"event_type": "$ai_span"}', headers: { "Content-Type": "application/json" } });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toBe("JSON parse error - Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
  });

  it("refuses a body that is not UTF-8 with the decoder's message, as DRF's parser does", async () => {
    const body = new Uint8Array([...new TextEncoder().encode('{"event_type": "$ai_span", "x": "'), 0xff, 0x22, 0x7d]);
    const reply = await h.call("POST", path, { body, headers: { "Content-Type": "application/json" } });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toBe("JSON parse error - 'utf-8' codec can't decode byte 0xff in position 33: invalid start byte");
  });

  it("drops an incomplete character at the end of the body, as DRF's stream reader does", async () => {
    const request = '{"event_type": "$ai_span", "data": {"id": "s", "event": "$ai_span", "properties": {}}}';
    const body = new Uint8Array([...new TextEncoder().encode(request), 0xe2, 0x82]);
    const reply = await h.call("POST", path, { body, headers: { "Content-Type": "application/json" } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.metadata.event_id).toBe("s");
  });

  it("reads the body whatever its content type, as the CLI reads a file", async () => {
    // A request the engine renders (200), so equal replies mean the body was read both times, not refused both times.
    const name = names.find((candidate) => "text" in (JSON.parse(readFileSync(join(CORPUS, "expected", `${candidate}.json`), "utf8")) as Expected));
    expect(name).toBeDefined();
    const body = readFileSync(join(CORPUS, "requests", `${name}.json`), "utf8");
    const json = await h.call("POST", path, { body, headers: { "Content-Type": "application/json" } });
    const plain = await h.call("POST", path, { body });
    expect(json.status, json.text).toBe(200);
    expect(plain.status, plain.text).toBe(200);
    expect(typeof json.body.text).toBe("string");
    expect(plain.body).toEqual(json.body);
  });

  it("needs llm_analytics:write", async () => {
    const reader = await h.key({ scopes: ["llm_prompt:read"] });
    expect((await h.call("POST", path, { key: reader, body: "{}" })).status).toBe(403);
    expect((await h.call("POST", path, { key: null, body: "{}" })).status).toBe(401);
  });

  it("answers 413 for a body over the limit", async () => {
    const reply = await h.call("POST", path, { body: JSON.stringify({ data: "x".repeat(1_100_000) }) });
    expect(reply.status).toBe(413);
  });
});
