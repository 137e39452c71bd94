/**
 * The corpus cases routed to the generation, embedding and evaluation handlers: every 200 request
 * whose `data.event` is not `$ai_span` and whose `event_type` is not `$ai_trace`, plus the error
 * requests that reach these handlers. Rendered through the whole pipeline (`renderJson`), and
 * also straight through the handler with a State built here, which isolates handler bugs from
 * option parsing, line numbers and `max_length`.
 */
import { describe, expect, it } from "vitest";
import { parseJson } from "../../src/python/index.js";
import { createState, eventHandlerFor, toEventInput } from "../../src/render/create-state.js";
import { defaultHandlers } from "../../src/render/handle/index.js";
import { safeRenderJson } from "../../src/render/render.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/render/settings.js";
import { isDict, isInt, type PyDict, type PyValue } from "../../src/value/py-value.js";
import { conformanceCorpus } from "../helpers.js";

interface Expected {
  readonly text?: string;
  readonly status?: number;
}

interface Case {
  readonly name: string;
  readonly text: string;
  readonly request: PyDict;
  readonly expected: Expected;
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const { name, request: text, expected } of conformanceCorpus<Expected>()) {
    const request = parseJson(text);
    if (!isDict(request)) continue;
    const data = request.get("data");
    if (request.get("event_type") === "$ai_trace" || !isDict(data) || data.get("event") === "$ai_span") continue;
    cases.push({ name, text, request, expected });
  }
  return cases;
}

/** The options these cases use, read directly (the pipeline's own parsing is tested elsewhere). */
function settingsOf(request: PyDict): Settings | undefined {
  const options = request.get("options");
  if (options === undefined) return DEFAULT_SETTINGS;
  if (!isDict(options)) return undefined;
  const settings: { -readonly [K in keyof Settings]: Settings[K] } = { ...DEFAULT_SETTINGS };
  for (const [key, value] of options) {
    if (key === "truncated" && typeof value === "boolean") settings.truncated = value;
    else if (key === "include_markers" && typeof value === "boolean") settings.includeMarkers = value;
    else if (key === "truncate_buffer" && isInt(value)) settings.truncateBuffer = Number(value);
    else if (key === "tools_collapse_threshold" && isInt(value)) settings.toolsCollapseThreshold = Number(value);
    else if (key === "max_length" && value === 0) continue;
    else return undefined;
  }
  return settings;
}

const cases = loadCases();

describe("generation/embedding/evaluation corpus cases through the handler", () => {
  for (const c of cases) {
    const settings = settingsOf(c.request);
    const data = c.request.get("data") as PyDict;
    // line numbers, max_length and error statuses belong to the pipeline, tested through renderJson below
    const runnable = settings !== undefined && c.expected.status === undefined && isDict(data.get("properties") ?? new Map());
    if (!runnable) continue;
    it(c.name, () => {
      const state = createState(settings as Settings, defaultHandlers);
      const event = toEventInput(data);
      const text = eventHandlerFor(defaultHandlers, event.name)(event, state).join("\n");
      expect(text).toBe(c.expected.text);
    });
  }
});

describe("generation/embedding/evaluation corpus cases through renderJson", () => {
  for (const c of cases) {
    const status = c.expected.status ?? 200;
    it(`${c.name} (${status})`, () => {
      const result = safeRenderJson(c.text);
      if (status === 200) {
        expect(result.success ? result.data.text : result.error.body).toBe(c.expected.text);
      } else {
        // A 500 of the reference becomes a 400 that names the problem; a 400 stays a 400.
        expect(result.success ? (result.data.text as PyValue) : result.error.status).toBe(400);
      }
    });
  }
});
