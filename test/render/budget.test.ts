/**
 * The `max_length` budget on whole traces, against an oracle: the unbudgeted text sampled by the
 * steps of spec §14, written here as plainly as the spec says them. The engine never builds that
 * text (it measures expandable nodes with tokens or same-length stand-ins and encodes only the
 * lines it keeps), so any error in those measurements shows up as a difference.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineLength, lineText } from "../../src/format/lines.js";
import { finishLines } from "../../src/format/sample-lines.js";
import { DEFAULT_SETTINGS, defaultHandlers, fromJs, render, type EventHandler } from "../../src/index.js";
import { formatFixed, formatThousands } from "../../src/python/index.js";
import { createState } from "../../src/render/create-state.js";
import type { PyDict } from "../../src/value/py-value.js";
import { codePoints as cp } from "../helpers.js";

const SEED = 20261127;
const cut = (text: string, n: number): string => [...text].slice(0, n).join(""); // Python text[:n]
const note = (p: number, t: number): string =>
  `[SAMPLED VIEW: Showing ~${formatFixed(p, 0)}% of ${formatThousands(t)} lines. Gaps in line numbers indicate omitted content.]`;

/** Spec §14, step by step. */
function sampleBySpec(text: string, maxLength: number): { text: string; truncated: boolean } {
  if (maxLength === 0 || cp(text) <= maxLength) return { text, truncated: false };
  const lines = text.split("\n");
  const hard = (t: string) => ({ text: cut(t, maxLength), truncated: true });
  const header = lines.slice(0, 5);
  const body = lines.slice(5);
  if (lines.length <= 5 || body.length === 0) return hard(text);
  const room = maxLength - (cp(header.join("\n")) + 1 + cp(note(100, lines.length)) + 1);
  if (room <= 0) return hard(text);
  const avg = body.reduce((sum, line) => sum + cp(line) + 1, 0) / body.length;
  let target = Math.floor(room / avg);
  if (target >= body.length) return hard(text);
  target = Math.max(target, 1);
  const sample = (count: number): string => {
    const step = body.length / count;
    const picked = Array.from({ length: count }, (_, i) => body[Math.floor(i * step)]);
    const p = (picked.length / body.length) * 100;
    return [header[0], header[1], note(p, lines.length), ...header.slice(2), ...picked].join("\n");
  };
  let result = sample(target);
  for (let i = 0; i < 10 && cp(result) > maxLength; i++) {
    const factor = (maxLength / cp(result)) * 0.9;
    target = Math.max(Math.floor(target * factor), 1);
    result = sample(target);
  }
  return cp(result) > maxLength ? hard(result) : { text: result, truncated: true };
}

const content = fc.string({ unit: fc.constantFrom("a", "b", " ", "é", "字", "🦊", "\n"), minLength: 0, maxLength: 400 });
const generation = fc.record({
  event: fc.record({
    id: fc.uuid(),
    event: fc.constantFrom("$ai_generation", "$ai_span", "$ai_embedding"),
    properties: fc.record({
      $ai_span_name: fc.string({ maxLength: 12 }),
      $ai_input: fc.array(fc.record({ role: fc.constantFrom("user", "system"), content }), { maxLength: 3 }),
      $ai_output_choices: fc.array(fc.record({ role: fc.constant("assistant"), content }), { maxLength: 2 }),
      $ai_input_state: content,
    }),
  }),
  children: fc.constant([]),
});
const traceRequest = fc.record({
  hierarchy: fc.array(generation, { minLength: 1, maxLength: 30 }),
  truncate_buffer: fc.integer({ min: 20, max: 300 }),
  include_line_numbers: fc.boolean(),
  include_markers: fc.boolean(),
  fraction: fc.double({ min: 0.01, max: 1.2, noNaN: true }),
});

describe("the max_length budget on traces", () => {
  it.each([true, false])("measures an expandable node exactly as long as its written line (tokens: %s)", (builtInHandlers) => {
    fc.assert(
      fc.property(generation, fc.integer({ min: 0, max: 300 }), ({ event }, truncateBuffer) => {
        const state = createState({ ...DEFAULT_SETTINGS, truncateBuffer }, defaultHandlers, { builtInHandlers });
        const line = state.encodedLine("<<<GEN_EXPANDABLE|x|", () => state.renderEvent(fromJs(event) as PyDict), ">>>");
        expect(lineLength(line)).toBe(cp(lineText(line)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("gives the unbudgeted text sampled as §14 says, stand-ins and deferred lines notwithstanding", () => {
    fc.assert(
      fc.property(traceRequest, ({ hierarchy, fraction, ...options }) => {
        const data = { trace: { id: "t", properties: { $ai_span_name: "budget" } }, hierarchy };
        const whole = render({ event_type: "$ai_trace", data, options: { ...options, max_length: 0 } }).text;
        const maxLength = Math.max(1, Math.floor(cp(whole) * fraction));
        const budgeted = render({ event_type: "$ai_trace", data, options: { ...options, max_length: maxLength } });
        const expected = sampleBySpec(whole, maxLength);
        expect(budgeted.text).toBe(expected.text);
        expect(budgeted.metadata.truncated).toBe(expected.truncated);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe("the max_length budget with a user's handler", () => {
  it("measures nodes whose handler cuts its text by length exactly (with stand-ins, not tokens)", () => {
    // tokens are shorter than the base64 they stand for, so a cut by length would land elsewhere
    const cutting: EventHandler = (event, state) => [
      ...[...state.truncate(String(event.properties.get("$ai_input_state")))].slice(0, 120).join("").split("\n"),
    ];
    const hierarchy = Array.from({ length: 12 }, (_, i) => ({
      event: { id: `s${i}`, event: "$ai_span", properties: { $ai_input_state: `${i} é🦊 long input `.repeat(40) } },
    }));
    const request = { event_type: "$ai_trace", data: { trace: { id: "t" }, hierarchy }, options: { truncate_buffer: 50 } };
    const whole = render(request, { handlers: { $ai_span: cutting } }).text;
    for (const fraction of [0.3, 0.6, 0.9, 0.99]) {
      const maxLength = Math.floor(cp(whole) * fraction);
      const budgeted = render({ ...request, options: { ...request.options, max_length: maxLength } }, { handlers: { $ai_span: cutting } });
      expect(budgeted.text).toBe(sampleBySpec(whole, maxLength).text);
    }
  });
});

describe("finishLines", () => {
  it("joins a handler's lines as they are when they fit, splitting them only to number or sample", () => {
    expect(finishLines(["a\nb", "c"], 0, false)).toEqual({ text: "a\nb\nc", truncated: false });
    expect(finishLines(["a\nb", "c"], 0, true)).toEqual({ text: "L1: a\nL2: b\nL3: c", truncated: false });
    expect(finishLines(["ab\ncd"], 4, false)).toEqual({ text: "ab\nc", truncated: true });
  });

  it("treats no lines as the empty text: one line, numbered, and over a negative budget", () => {
    expect(finishLines([], 0, true)).toEqual({ text: "L1: ", truncated: false });
    expect(finishLines([], -1, false)).toEqual({ text: "", truncated: true });
    expect(finishLines([], 5, false)).toEqual({ text: "", truncated: false });
  });
});
