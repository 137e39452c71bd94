/**
 * Events captured from PostHog's own AI SDKs (fixtures/real-client, copied from ../shared) render
 * without error, alone and as traces built from their parent links.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { lineLength, lineText } from "../src/format/lines.js";
import { buildHierarchy, DEFAULT_SETTINGS, defaultHandlers, isDict, parseJson, render, type PyDict, type PyValue } from "../src/index.js";
import { createState } from "../src/render/create-state.js";
import { PayloadLedger } from "../src/render/payload-ledger.js";
import { codePoints } from "./helpers.js";

const dir = join(import.meta.dirname, "../fixtures/real-client");
const OPTION_SETS = [{}, { include_markers: false, collapsed: true, include_line_numbers: true }] as const;
const NOT_NODES = new Set(["$ai_feedback", "$ai_metric", "$ai_trace"]);

const read = (file: string): PyDict => parseJson(readFileSync(file, "utf8")) as PyDict;
const events = readdirSync(join(dir, "events")).filter((n) => n.endsWith(".json")).sort();
const traces = readdirSync(join(dir, "traces")).filter((n) => n.endsWith(".json")).sort();

describe("real-client events", () => {
  it("has the captured corpus", () => {
    expect(events.length).toBeGreaterThanOrEqual(100);
    expect(traces.length).toBeGreaterThanOrEqual(50);
  });

  for (const name of events) {
    it(`${name} renders`, () => {
      const event = read(join(dir, "events", name));
      const isTrace = event.get("event") === "$ai_trace";
      // a lone $ai_trace event is a trace without hierarchy: its own states are shown
      const data = isTrace
        ? new Map<string, PyValue>([["trace", event], ["hierarchy", []]])
        : new Map<string, PyValue>([["id", event.get("uuid") ?? name], ...event]);
      for (const options of OPTION_SETS) {
        const { text, metadata } = render(new Map<string, PyValue>([["event_type", String(event.get("event"))], ["data", data], ["options", new Map(Object.entries(options))]]));
        expect(metadata.char_count).toBe([...text].length);
        if (event.get("event") === "$ai_span" || isTrace) expect(text).toMatch(/^(L\d+: )?.*\n(L\d+: )?={80}/);
        if ("include_line_numbers" in options) expect(text.startsWith("L1: ") || text.startsWith("L01: ")).toBe(true);
      }
    });
  }
});

describe("real-client traces", () => {
  for (const name of traces) {
    it(`${name} builds a hierarchy and renders`, () => {
      const flat = read(join(dir, "traces", name));
      const list = flat.get("events") as PyValue[];
      const trace = flat.get("trace");
      const data = buildHierarchy(list, isDict(trace) ? { trace } : {});
      const nodes = list.filter((e) => !NOT_NODES.has(String((e as PyDict).get("event")))).length;
      for (const options of OPTION_SETS) {
        const request = new Map<string, PyValue>([
          ["event_type", "$ai_trace"],
          ["data", new Map<string, PyValue>([["trace", data.trace], ["hierarchy", data.hierarchy]])],
          ["options", new Map(Object.entries(options))],
        ]);
        const { text } = render(request);
        if (nodes > 0 && "collapsed" in options) {
          // collapsed: one tree line per event node
          expect(text.split("\n").filter((l) => /^L\d+: [│ ]*[├└]─ \[/.test(l)).length).toBe(nodes);
        }
      }
    });
  }
});

describe("real-client traces, measured", () => {
  // The budget measures each expandable node's line without writing it: with tokens for the
  // built-in handlers (and no lone-surrogate check where the parse proved there is none), with
  // stand-ins for a user's. Either way a line must measure what it writes.
  const measurers = {
    tokens: { builtInHandlers: true },
    "stand-ins": { builtInHandlers: false },
  } as const;

  for (const name of traces) {
    it(`${name}: every node's line measures what it writes`, () => {
      const flat = read(join(dir, "traces", name));
      const trace = flat.get("trace");
      const data = buildHierarchy(flat.get("events") as PyValue[], isDict(trace) ? { trace } : {});
      // the built-in handlers never disturb a token: the ledger settles every payload itself
      const settle = vi.spyOn(PayloadLedger.prototype, "settle");
      let tokenMeasured = 0;
      for (const truncateBuffer of [1000, 60]) {
        for (const [measurer, options] of Object.entries(measurers)) {
          const state = createState({ ...DEFAULT_SETTINGS, truncateBuffer }, defaultHandlers, options);
          for (const line of defaultHandlers.$ai_trace(data.trace, data.hierarchy, state)) {
            expect(lineLength(line)).toBe(codePoints(lineText(line)));
            if (measurer === "tokens" && typeof line !== "string") tokenMeasured++;
          }
        }
      }
      expect(settle.mock.results.map((result) => typeof result.value)).toEqual(Array(tokenMeasured).fill("number"));
      settle.mockRestore();
    });
  }
});
