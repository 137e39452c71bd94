/**
 * Properties that hold for every input, checked on random requests with fixed seeds (a failure
 * prints its seed and counterexample so it can be replayed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson, render, renderJson, safeRender, safeRenderJson } from "../src/index.js";
import { codePoints, renderOtherRequests } from "./helpers.js";

const SEED = 20261126;
const EVENT_TYPES = ["$ai_generation", "$ai_span", "$ai_embedding", "$ai_trace", "$ai_evaluation", "other"];
const EVENT_NAMES = ["$ai_generation", "$ai_span", "$ai_embedding", "$ai_evaluation", "$ai_trace", "custom"];

/**
 * One character of text: any code point, or now and then a lone UTF-16 surrogate, which the
 * reference cannot base64-encode (a 400 "Invalid data format" when it lands in a marker payload).
 */
const unitOrLoneSurrogate = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 10 },
  { arbitrary: fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF"), weight: 1 },
);

/** Random values shaped like the properties real events carry, with wrong types mixed in. */
const propertyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: unitOrLoneSurrogate, maxLength: 300 }),
  fc.array(
    fc.record(
      {
        role: fc.oneof(fc.constantFrom("user", "assistant", "system", "tool"), fc.jsonValue({ maxDepth: 1 })),
        content: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: unitOrLoneSurrogate, maxLength: 200 }), fc.jsonValue({ maxDepth: 3 })),
        type: fc.constantFrom("text", "tool-call", "tool_use", "function_call", "reasoning", "message"),
        tool_calls: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 4 },
  ),
);

const properties = fc.dictionary(
  fc.constantFrom(
    "$ai_input", "$ai_output", "$ai_output_choices", "$ai_tools", "$ai_error", "$ai_is_error", "$ai_model",
    "$ai_span_name", "$ai_input_state", "$ai_output_state", "$ai_latency", "$ai_total_cost_usd",
    "$ai_evaluation_result", "$ai_evaluation_name", "$ai_trace_id",
  ),
  propertyValue,
);

const event = fc.record({
  id: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer()),
  event: fc.constantFrom(...EVENT_NAMES),
  properties,
});

type Node = { event: unknown; children: Node[] };
const node = (depth: number): fc.Arbitrary<Node> =>
  fc.record({ event, children: depth === 0 ? fc.constant([]) : fc.array(node(depth - 1), { maxLength: 3 }) });
const hierarchy = fc.array(node(3), { maxLength: 3 });

const options = fc.record(
  {
    truncated: fc.boolean(),
    truncate_buffer: fc.integer({ min: -5, max: 400 }),
    include_markers: fc.boolean(),
    collapsed: fc.boolean(),
    include_line_numbers: fc.boolean(),
    max_length: fc.integer({ min: -50, max: 3000 }),
    tools_collapse_threshold: fc.integer({ min: 0, max: 8 }),
  },
  { requiredKeys: [] },
);

const request = fc.oneof(
  fc.record({ event_type: fc.constantFrom(...EVENT_TYPES), data: event, options }),
  fc.record({
    event_type: fc.constant("$ai_trace"),
    data: fc.record({ trace: fc.record({ id: fc.string({ minLength: 1 }), properties }), hierarchy }),
    options,
  }),
);

describe("properties", () => {
  it("safeRender never throws on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = safeRender(value);
        expect(result.success || result.error.status === 400).toBe(true);
        if (!result.success) expect(result.error.cause).toBeUndefined();
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("safeRender never throws on event-shaped requests, and answers 200 or 400", () => {
    const numRuns = Number(process.env["PROPERTY_RUNS"] ?? 400);
    let invalidData = 0;
    fc.assert(
      fc.property(request, (req) => {
        const result = safeRender(req);
        if (!result.success) {
          expect(result.error.status).toBe(400);
          // only our typed errors, never a crash of the renderer converted at the top
          expect(result.error.cause, String(result.error.cause)).toBeUndefined();
          if (result.error.code === "invalid_data") {
            expect(result.error.body).toEqual({ error: "Invalid data format" });
            invalidData++;
          }
        }
      }),
      { seed: SEED, numRuns },
    );
    // the lone-surrogate path (a surrogate in a base64 payload) was reached
    if (numRuns >= 400) expect(invalidData).toBeGreaterThan(0);
  });

  it("rendering is deterministic", () => {
    fc.assert(
      fc.property(request, (req) => {
        const text = JSON.stringify(req);
        const first = safeRenderJson(text);
        // other renders in between: state one render leaves behind would change the second
        renderOtherRequests();
        expect(safeRenderJson(text)).toEqual(first);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("metadata.char_count is the text's length in code points", () => {
    fc.assert(
      fc.property(request, (req) => {
        const result = safeRender(req);
        if (result.success) expect(result.data.metadata.char_count).toBe(codePoints(result.data.text));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("every TRUNCATED payload decodes to exactly the removed middle", () => {
    const numRuns = 300;
    let truncatedRuns = 0;
    fc.assert(
      fc.property(
        // lengths spread over the whole range (not fast-check's small default), mostly above the buffer
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 400, size: "max" }),
        fc.integer({ min: 2, max: 300 }),
        (input, buffer) => {
          const { text } = render({
            event_type: "$ai_generation",
            data: { id: "g", properties: { $ai_input: input } },
            options: { truncate_buffer: buffer },
          });
          const body = text.slice(text.indexOf("INPUT:\n\n") + "INPUT:\n\n".length);
          const match = /^([\s\S]*)\n\n<<<TRUNCATED\|([A-Za-z0-9+/=]*)\|(\d+)>>>\n\n([\s\S]*)$/.exec(body);
          if (codePoints(input) <= buffer) {
            expect(match).toBeNull();
            expect(body).toBe(input);
            return;
          }
          expect(match).not.toBeNull();
          const [, head, payload, count, tail] = match as unknown as [string, string, string, string, string];
          const middle = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
          expect(head + middle + tail).toBe(input);
          expect(Number(count)).toBe(codePoints(input) - buffer);
          truncatedRuns++;
        },
      ),
      { seed: SEED, numRuns },
    );
    // most runs went through the truncation, not the short-input branch
    expect(truncatedRuns).toBeGreaterThan(numRuns / 2);
  });

  it("with line numbers on, lines are numbered 1..N in order", () => {
    fc.assert(
      fc.property(request, (req) => {
        const numbered = { ...req, options: { ...req.options, include_line_numbers: true, max_length: 0 } };
        const result = safeRender(numbered);
        if (!result.success) return;
        const lines = result.data.text.split("\n");
        const width = String(lines.length).length;
        lines.forEach((line: string, index: number) => {
          expect(line.startsWith(`L${String(index + 1).padStart(width, "0")}: `)).toBe(true);
        });
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("lone surrogates", () => {
  /** Text that holds lone surrogates only once a parser reads it: JSON and Python escapes. */
  const nestedText = fc.constantFrom(
    '{"\\ud800": 1}',
    '{"k": "\\udc00"}',
    '{"pair \\ud83e\\udd8a": 2}',
    "{'\\ud800': 1}",
    "['\\U0000dfff', 2]",
    "{'pair': '\\ud83e\\udd8a'}",
  );
  const message = fc.record({
    role: fc.constantFrom("user", "assistant"),
    content: fc.oneof(fc.string({ unit: unitOrLoneSurrogate, maxLength: 60 }), nestedText),
    tool_calls: fc.array(fc.record({ function: fc.record({ name: fc.constant("f"), arguments: nestedText }) }), { maxLength: 2 }),
  });
  const surrogateProperties = fc.record(
    {
      $ai_input: fc.array(message, { maxLength: 3 }),
      $ai_output_choices: fc.array(message, { maxLength: 2 }),
      $ai_input_state: fc.oneof(nestedText, fc.string({ unit: unitOrLoneSurrogate, maxLength: 60 })),
      $ai_tools: fc.array(fc.record({ name: fc.string({ unit: unitOrLoneSurrogate, maxLength: 6 }) }), { maxLength: 7 }),
    },
    { requiredKeys: [] },
  );
  const surrogateEvent = fc.record({ id: fc.string({ maxLength: 4 }), event: fc.constantFrom(...EVENT_NAMES), properties: surrogateProperties });
  const surrogateRequest = fc.oneof(
    fc.record({ event_type: fc.constantFrom(...EVENT_TYPES), data: surrogateEvent, options }),
    fc.record({
      event_type: fc.constant("$ai_trace"),
      data: fc.record({ trace: fc.record({ id: fc.constant("t") }), hierarchy: fc.array(fc.record({ event: surrogateEvent }), { maxLength: 4 }) }),
      options: fc.record({ truncate_buffer: fc.integer({ min: 0, max: 40 }), include_markers: fc.boolean() }, { requiredKeys: [] }),
    }),
  );

  it("JSON text, raw or escaped, renders as its parsed value does, refusing the same payloads", () => {
    let refused = 0;
    fc.assert(
      fc.property(surrogateRequest, fc.boolean(), (req, raw) => {
        // JSON.stringify escapes a lone surrogate; the raw variant puts it in the text as it is
        const escaped = JSON.stringify(req);
        const text = raw ? escaped.replace(/(?<!\\)\\u(d[89a-f][0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : escaped;
        const fromText = safeRenderJson(text);
        const fromValue = safeRender(parseJson(text));
        if (fromText.success && fromValue.success) expect(fromText.data).toEqual(fromValue.data);
        else if (!fromText.success && !fromValue.success) expect(fromText.error.body).toEqual(fromValue.error.body);
        else expect(fromText.success).toBe(fromValue.success);
        if (!fromValue.success && fromValue.error.code === "invalid_data") refused++;
      }),
      { seed: SEED, numRuns: 1500 },
    );
    // the checks mattered in some runs
    expect(refused).toBeGreaterThan(20);
  });
});

describe("hostile sizes", () => {
  it("rejects 100,000 levels of nested arrays as JSON text with a 400, without overflowing the stack", () => {
    const depth = 100_000;
    const text = `{"event_type": "$ai_generation", "data": {"id": "g", "properties": {"$ai_input": ${"[".repeat(depth)}${"]".repeat(depth)}}}}`;
    const result = safeRenderJson(text);
    expect(result.success ? "rendered" : result.error.status).toBe(400);
  });

  it("rejects 100,000 levels of nested arrays as an object with a 400, without overflowing the stack", () => {
    let nested: unknown = [];
    for (let i = 0; i < 100_000; i++) nested = [nested];
    const result = safeRender({ event_type: "$ai_span", data: { id: "s", properties: { $ai_input_state: nested } } });
    expect(result.success ? "rendered" : result.error.status).toBe(400);
  });

  it("renders a 50 MB string input, truncated to its head and tail", () => {
    const huge = "é".repeat(25_000_000) + "z".repeat(25_000_000);
    const { text, metadata } = render({
      event_type: "$ai_generation",
      data: { id: "g", properties: { $ai_input: huge } },
      options: { include_markers: false },
    });
    expect(text).toContain(`${"é".repeat(500)}\n\n... (49999000 chars truncated) ...\n\n${"z".repeat(500)}`);
    expect(metadata.char_count).toBe(codePoints(text));
  });
});
