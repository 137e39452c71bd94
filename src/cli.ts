#!/usr/bin/env node
/**
 * The `tracescribe` command: the only file under src/ that touches the outside world.
 *
 *   tracescribe render [FILE]        one request (file or stdin) → its response JSON
 *   tracescribe render --jsonl       one request per stdin line → one response per stdout line
 *   tracescribe show FILE [flags]    print the text of a request, a flat trace {trace, events}, or one event
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildHierarchy } from "./parse/hierarchy.js";
import { decodeRequestBytes } from "./parse/request-bytes.js";
import { parseJson } from "./python/index.js";
import { safeRenderJson, safeRender, type SafeRenderResult } from "./render/render.js";
import { isDict, isList, type PyDict, type PyValue } from "./value/py-value.js";

const USAGE = `usage:
  tracescribe render [FILE]       render one request (from FILE or stdin), print the response JSON
  tracescribe render --jsonl      render one request per stdin line, one response per stdout line
  tracescribe show FILE [--plain] [--collapsed] [--line-numbers] [--max-length N]
                                  print the text of a request, a flat trace {trace, events},
                                  or one captured event {event, properties, uuid}`;

/** The line printed for one request: the 200 body, or `{"error": body, "status": code}`. */
function answer(result: SafeRenderResult): string {
  return JSON.stringify(result.success ? result.data : { error: result.error.body, status: result.error.status });
}

function fail(message: string): never {
  process.stderr.write(`tracescribe: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** The bytes of FILE or stdin, decoded later as the endpoint decodes a body. */
function readInput(file: string | undefined): Uint8Array {
  try {
    return readFileSync(file ?? 0);
  } catch (error) {
    return fail(`cannot read ${file ?? "stdin"}: ${(error as Error).message}`);
  }
}

/**
 * The lines of a byte stream, split at `\n` and without a `\r` before it (a line is a body of its
 * own, decoded alone). A line's pieces are joined once, however many chunks it spans.
 */
async function* byteLines(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let pieces: Uint8Array[] = [];
  const line = (): Uint8Array => {
    const joined = Buffer.concat(pieces);
    pieces = [];
    return joined.at(-1) === 0x0d ? joined.subarray(0, -1) : joined;
  };
  for await (const chunk of input) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      pieces.push(chunk.subarray(start, newline));
      yield line();
      start = newline + 1;
    }
    if (start < chunk.length) pieces.push(chunk.subarray(start));
  }
  if (pieces.length > 0) yield line();
}

/** Spaces, tabs and carriage returns only: a blank line, skipped (a byte-order mark is not blank). */
const isBlank = (line: Uint8Array): boolean => line.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d);

async function renderLines(): Promise<void> {
  for await (const line of byteLines(process.stdin)) {
    if (isBlank(line)) continue;
    if (!process.stdout.write(`${answer(safeRenderJson(line))}\n`)) {
      await new Promise((resolve) => process.stdout.once("drain", resolve));
    }
  }
}

/**
 * Reads, for `show`, a request; a flat trace `{trace, events}`; or one event `{event, properties}`
 * as captured by the PostHog SDKs (an `$ai_trace` event alone is a trace without hierarchy).
 */
function requestFor(bytes: Uint8Array, options: Readonly<Record<string, boolean | string | undefined>>): SafeRenderResult {
  let parsed: PyValue;
  try {
    parsed = parseJson(decodeRequestBytes(bytes));
  } catch (error) {
    return fail(`not JSON: ${(error as Error).message}`);
  }
  if (!isDict(parsed)) return fail("expected a request object, {trace, events} or an event");
  const events = parsed.get("events");
  let body: PyDict = parsed;
  if (isList(events)) {
    const trace = parsed.get("trace");
    const { trace: traceObject, hierarchy } = buildHierarchy(events, isDict(trace) ? { trace } : {});
    const data: PyDict = new Map<string, PyValue>([["trace", traceObject], ["hierarchy", hierarchy]]);
    body = new Map<string, PyValue>([["event_type", "$ai_trace"], ["data", data]]);
  } else if (!parsed.has("data") && typeof parsed.get("event") === "string") {
    // PostHog's API hands a captured event back with its `uuid` as `id`.
    const event: PyDict = parsed.has("id") ? parsed : new Map([["id", parsed.get("uuid") ?? null], ...parsed]);
    const name = parsed.get("event") as string;
    const data: PyDict = name === "$ai_trace" ? new Map<string, PyValue>([["trace", event], ["hierarchy", []]]) : event;
    body = new Map<string, PyValue>([["event_type", name], ["data", data]]);
  }
  const sent = body.get("options");
  const merged = new Map<string, PyValue>(isDict(sent) ? sent : []);
  for (const [key, value] of Object.entries(options)) if (value !== undefined) merged.set(key, value);
  return safeRender(new Map(body).set("options", merged));
}

async function main(argv: readonly string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        jsonl: { type: "boolean" },
        plain: { type: "boolean" },
        collapsed: { type: "boolean" },
        "line-numbers": { type: "boolean" },
        "max-length": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, file, ...extra] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (extra.length > 0) fail(`unexpected arguments: ${extra.join(" ")}`);
  if (command === "render") {
    if (values.jsonl) {
      if (file !== undefined) fail("--jsonl reads stdin; drop the FILE argument");
      await renderLines();
      return;
    }
    process.stdout.write(`${answer(safeRenderJson(readInput(file)))}\n`);
    return;
  }
  if (command === "show") {
    if (file === undefined) fail("show needs a FILE");
    const result = requestFor(readInput(file), {
      include_markers: values.plain ? false : undefined,
      collapsed: values.collapsed,
      include_line_numbers: values["line-numbers"],
      max_length: values["max-length"],
    });
    if (!result.success) fail(`cannot render ${file}: ${JSON.stringify(result.error.body)}`);
    process.stdout.write(`${result.data.text}\n`);
    return;
  }
  fail(command === undefined ? "missing command" : `unknown command ${command}`);
}

await main(process.argv.slice(2));
