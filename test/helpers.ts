/**
 * Small helpers shared by the test files (not a test file itself: vitest only collects *.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { safeRender } from "../src/index.js";
import { createState } from "../src/render/create-state.js";
import { defaultHandlers } from "../src/render/handle/index.js";
import { DEFAULT_SETTINGS, type Settings } from "../src/render/settings.js";

/** PostHog's reference corpus: `requests/<name>.json` and the answer it gave, `expected/<name>.json`. */
export const conformanceDir = join(import.meta.dirname, "../fixtures/conformance");

/** What the reference answered for a corpus request: text and metadata (200), or error and status. */
export interface ConformanceExpected {
  readonly text?: string;
  readonly metadata?: unknown;
  readonly error?: unknown;
  readonly status?: number;
}

/** One request/expected pair of the conformance corpus. */
export interface ConformanceCase<E = ConformanceExpected> {
  /** The file name without `.json`, e.g. `gen_openai_chat_basic`. */
  readonly name: string;
  /** The file name, the same in `requests/` and `expected/`. */
  readonly file: string;
  /** The request's raw JSON text (so number spelling survives). */
  readonly request: string;
  /** The reference's answer, parsed. */
  readonly expected: E;
}

/** One pair of the corpus, by name (without `.json`). */
export function conformanceCase<E = ConformanceExpected>(name: string): ConformanceCase<E> {
  const file = `${name}.json`;
  return {
    name,
    file,
    request: readFileSync(join(conformanceDir, "requests", file), "utf8"),
    expected: JSON.parse(readFileSync(join(conformanceDir, "expected", file), "utf8")) as E,
  };
}

/** Every pair of the corpus, in file-name order. */
export function conformanceCorpus<E = ConformanceExpected>(): ConformanceCase<E>[] {
  return readdirSync(join(conformanceDir, "requests"))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => conformanceCase<E>(file.slice(0, -".json".length)));
}

/** The length of `text` in code points (what the reference's `len` counts). */
export const codePoints = (text: string): number => [...text].length;

/** A render state with the default settings, some of them overridden. */
export const stateWith = (overrides: Partial<Settings> = {}) => createState({ ...DEFAULT_SETTINGS, ...overrides }, defaultHandlers);

/**
 * Renders a few unrelated requests: a large input whose middle is truncated into a marker, a trace
 * with GEN_EXPANDABLE markers, and one rejected for a lone surrogate in a truncated middle. Called
 * between two renders that must agree, so state leaking from one render into the next would show.
 * Checks that each request really took its path, so the interleaving cannot silently do nothing.
 */
export function renderOtherRequests(): void {
  const large = safeRender({
    event_type: "$ai_generation",
    data: { id: "big", properties: { $ai_input: `${"é".repeat(6000)}🦊${"z".repeat(6000)}`, $ai_output: "ok" } },
    options: { include_markers: true, truncated: true },
  });
  expect(large.success && large.data.text).toMatch(/<<<TRUNCATED\|[A-Za-z0-9+/=]+\|\d+>>>/);

  const trace = safeRender({
    event_type: "$ai_trace",
    data: {
      trace: { id: "t-other", properties: { $ai_span_name: "other_trace" } },
      hierarchy: [
        {
          event: { id: "span-other", event: "$ai_span", properties: { $ai_span_name: "step", $ai_input_state: { q: "x".repeat(3000) } } },
          children: [
            {
              event: { id: "gen-other", event: "$ai_generation", properties: { $ai_model: "m", $ai_input: [{ role: "user", content: "hi" }], $ai_output: "yo" } },
              children: [],
            },
          ],
        },
      ],
    },
    options: { include_markers: true, collapsed: false, include_line_numbers: true },
  });
  expect(trace.success && trace.data.text).toContain("<<<GEN_EXPANDABLE|gen-other|");

  const invalid = safeRender({
    event_type: "$ai_generation",
    data: { id: "bad", properties: { $ai_input: `${"a".repeat(2000)}\uD800${"b".repeat(2000)}` } },
    options: { include_markers: true, truncate_buffer: 100 },
  });
  expect(invalid.success ? "rendered" : invalid.error.code).toBe("invalid_data");
}
