/**
 * The `tracescribe` bin as a user (and ../shared/tools/conformance.mjs) runs it: the built
 * cli.js, fed files and stdin. The build runs before every test run (never a stale dist/), with
 * the project's own tsup config but into a private temporary directory under node_modules/.cache,
 * so it never cleans or races the dist/ that `npm run build` or anyone else produces.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformanceCase, conformanceCorpus, conformanceDir } from "./helpers.js";

const root = join(import.meta.dirname, "..");
// inside the project, so the build's external dependencies resolve from its node_modules
const cacheDir = join(root, "node_modules/.cache");
mkdirSync(cacheDir, { recursive: true });
const outDir = mkdtempSync(join(cacheDir, "tracescribe-cli-test-"));
const cli = join(outDir, "cli.js");

function run(args: string[], input?: string | Uint8Array) {
  return spawnSync(process.execPath, [cli, ...args], { input: input ?? "", encoding: "utf8", cwd: root });
}

beforeAll(() => {
  // the same build as `npm run build` (tsup.config.ts), minus the declaration files the bin does not use
  execFileSync("npx", ["tsup", "--out-dir", outDir, "--no-dts"], { cwd: root, stdio: "pipe" });
}, 120_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe("tracescribe render", () => {
  it("renders a request file and prints the response JSON", () => {
    const result = run(["render", join(conformanceDir, "requests/gen_openai_chat_basic.json")]);
    expect(result.status).toBe(0);
    const { expected } = conformanceCase("gen_openai_chat_basic");
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it("reads the request from stdin without a FILE", () => {
    const result = run(["render"], '{"event_type": "$ai_generation", "data": {"id": "g", "properties": {"$ai_input": "hi"}}}');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).text).toBe(`${"-".repeat(80)}\n\nINPUT:\n\nhi`);
  });

  it("--jsonl answers every line in order, invalid ones with {error, status}, and goes on", () => {
    const cases = conformanceCorpus();
    const lines = cases.map((c) => c.request.replace(/[\r\n]+/g, " "));
    const input = [...lines.slice(0, 40), "{not json", ...lines.slice(40)].join("\n");
    const result = run(["render", "--jsonl"], input);
    expect(result.status).toBe(0);
    const out = result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { status?: number; text?: string; metadata?: unknown });
    expect(out.length).toBe(cases.length + 1);
    expect(out[40]).toMatchObject({ status: 400, error: { code: "parse_error" } });
    const answers = [...out.slice(0, 40), ...out.slice(41)];
    let identical = 0;
    cases.forEach(({ file: name, expected }, i) => {
      const got = answers[i] ?? {};
      if (expected.status === 500) expect(got.status, name).toBe(400);
      else if (expected.status === 400) expect(got, name).toEqual(expected);
      else if (got.text === expected.text && isDeepStrictEqual(got.metadata, expected.metadata)) identical++;
    });
    expect(identical).toBe(132);
  });

  it("--jsonl skips blank lines but answers a line holding only a byte-order mark", () => {
    const result = run(["render", "--jsonl"], ' \t\n\ufeff\n{"event_type": "$ai_span", "data": {"id": "s", "properties": {}}}\n');
    expect(result.status).toBe(0);
    const out = result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { status?: number; error?: { detail?: string } });
    expect(out).toHaveLength(2);
    expect(out[0]?.status).toBe(400);
    expect(out[0]?.error?.detail).toMatch(/^JSON parse error - Unexpected UTF-8 BOM/);
    expect(out[1]?.status).toBeUndefined();
  });

  it("--jsonl decodes each line's bytes as the endpoint decodes a body", () => {
    const request = new TextEncoder().encode('{"event_type": "$ai_span", "data": {"id": "s", "properties": {}}}');
    // an invalid byte is a parse error on its line; a line cut inside its last character drops it
    const input = Uint8Array.from([...request.subarray(0, 20), 0xff, ...request.subarray(20), 0x0a, ...request, 0xe2, 0x82, 0x0a]);
    const result = run(["render", "--jsonl"], input);
    expect(result.status).toBe(0);
    const out = result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { status?: number; error?: { detail?: string }; metadata?: { event_id?: string } });
    expect(out).toHaveLength(2);
    expect(out[0]?.error?.detail).toBe("JSON parse error - 'utf-8' codec can't decode byte 0xff in position 20: invalid start byte");
    expect(out[1]?.metadata?.event_id).toBe("s");
  });

  it("--jsonl reads CRLF lines as LF lines, and a last line without a newline", () => {
    const request = '{"event_type": "$ai_span", "data": {"id": "s", "properties": {}}}';
    // an object cut off at its end: a carriage return kept in the line would move the error by one
    const lf = run(["render", "--jsonl"], `{"a": 1\n${request}\n`);
    const crlf = run(["render", "--jsonl"], `{"a": 1\r\n${request}`);
    expect(crlf.status).toBe(0);
    // the same answers: the carriage return is not part of the request
    expect(crlf.stdout).toBe(lf.stdout);
    expect(lf.stdout.trimEnd().split("\n")).toHaveLength(2);
  });

  it("prints a one-line error, not a stack trace, for malformed JSON in a file", () => {
    const result = run(["render"], "{");
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 400, error: { code: "parse_error" } });
  });

  it("exits non-zero with usage for an unusable invocation", () => {
    for (const args of [[], ["frobnicate"], ["render", "/nonexistent/file.json"], ["render", "--bogus"]]) {
      const result = run(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("usage:");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("tracescribe show", () => {
  it("prints a flat real-client trace as text, built into a hierarchy", () => {
    const result = run(["show", "fixtures/real-client/traces/manual_multilevel_trace.json", "--plain"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^SUPPORT_RAG_AGENT\n={80}\n/);
    expect(result.stdout).toContain("TRACE HIERARCHY:");
    expect(result.stdout).toContain("[+] [EMBED] embed_question");
  });

  it("applies --collapsed and --line-numbers", () => {
    const result = run(["show", "fixtures/real-client/traces/manual_multilevel_trace.json", "--collapsed", "--line-numbers"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^L01: SUPPORT_RAG_AGENT\n/);
    expect(result.stdout).not.toContain("GEN_EXPANDABLE");
  });

  it("prints one captured event as PostHog's API serves it, its uuid as id", () => {
    // the corpus request was made from this event, with data.id = the event's uuid
    const result = run(["show", "fixtures/real-client/events/anthropic_image_input__01__ai_generation.json"]);
    expect(result.status).toBe(0);
    const { expected } = conformanceCase("real_anthropic_image_input_01_ai_generation");
    expect(result.stdout).toBe(`${expected.text}\n`);
  });
});
