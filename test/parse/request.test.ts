/**
 * The request contract (spec §1 steps 1, 2, 4 and §2): every DRF coercion rule as a table, every
 * error shape, the view checks and the crashes turned into `unrenderable`, metadata, and the
 * corpus: every `err_*`/`opt_*` request through `parseRequest`, and the metadata of every 200 case.
 */
import { describe, expect, it } from "vitest";
import { TracescribeError } from "../../src/errors.js";
import { coerceBoolean, coerceChoice, coerceInteger, describeValue } from "../../src/parse/drf-fields.js";
import {
  EVENT_TYPES,
  buildMetadata,
  parseRequest,
  renderOptionsSchema,
  renderRequestSchema,
  requestError,
  resolveSettings,
  toJs,
  type ParsedRequest,
  type RenderRequest,
} from "../../src/parse/request.js";
import { parseJson } from "../../src/python/index.js";
import { DEFAULT_SETTINGS } from "../../src/render/settings.js";
import { PyFloat, type PyDict, type PyValue } from "../../src/value/py-value.js";
import { conformanceCorpus } from "../helpers.js";

/** A dict from entries, so tests read like the JSON they stand for. */
const d = (entries: Record<string, PyValue>): Map<string, PyValue> => new Map(Object.entries(entries));
const py = (text: string): PyValue => parseJson(text);

/** The error `fn` throws; fails the test when it does not throw a TracescribeError. */
function thrown(fn: () => unknown): TracescribeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TracescribeError) return error;
    throw error;
  }
  throw new Error("expected a TracescribeError, nothing was thrown");
}

/** Serialised with key order, so that the order DRF lists errors in is checked too. */
const exact = (v: unknown): string => JSON.stringify(v);

const event = (extra: Record<string, PyValue> = {}): PyDict => d({ id: "x", properties: d({}), ...extra });
const request = (fields: Record<string, PyValue>): PyDict => d(fields);
const withOptions = (options: PyValue): PyDict => request({ event_type: "$ai_generation", data: event(), options });

describe("BooleanField coercion", () => {
  const accepted: [PyValue, boolean][] = [
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    [new PyFloat(1), true],
    [new PyFloat(0), false],
    [new PyFloat(-0), false],
    ...["true", "t", "yes", "y", "on", "1", "TRUE", "True", "T", "YES", "Yes", "Y", "ON", "oN"].map((s): [PyValue, boolean] => [s, true]),
    ...["false", "f", "no", "n", "off", "0", "FALSE", "False", "F", "NO", "N", "OFF", "oFf"].map((s): [PyValue, boolean] => [s, false]),
  ];
  it.each(accepted)("reads %o as %o", (input, value) => {
    expect(coerceBoolean(input)).toEqual({ ok: true, value });
  });

  const rejected: PyValue[] = [2, -1, 0.5, NaN, "", "null", "None", " true", "true ", "2", "ja", "1.0", [], [1], d({}), 10n ** 20n];
  it.each(rejected.map((v) => [v]))("rejects %o", (input) => {
    expect(coerceBoolean(input)).toMatchObject({ ok: false, message: "Must be a valid boolean." });
  });

  it("rejects null with the null message", () => {
    expect(coerceBoolean(null)).toMatchObject({ ok: false, message: "This field may not be null." });
  });
});

describe("IntegerField coercion", () => {
  const accepted: [PyValue, bigint][] = [
    [12, 12n],
    [-3, -3n],
    [0, 0n],
    [10n ** 30n, 10n ** 30n],
    ["12", 12n],
    [" 12", 12n],
    ["12 ", 12n],
    ["12.0 ", 12n],
    ["12.000", 12n],
    ["12.", 12n],
    ["12.\n", 12n],
    ["+12", 12n],
    ["-12", -12n],
    ["0012", 12n],
    ["1_000", 1000n],
    ["-0", 0n],
    ["\t7\n", 7n],
    ["\u00a012\u3000", 12n],
    ["12.0\u2003", 12n],
    // int() reads any Unicode decimal digits and strips any whitespace str.isspace() knows.
    ["\u0661\u0662", 12n],
    ["\uff11\uff12", 12n],
    ["\x8512\x85", 12n],
    // DRF's regex strips every isspace() character, int() all but U+001C–U+001F (Python 3.11).
    ["12.0\x1c", 12n],
    ["1".repeat(1000), BigInt("1".repeat(1000))],
    [new PyFloat(1000), 1000n],
    [new PyFloat(-0), 0n],
    [new PyFloat(9999999999999998), 9999999999999998n],
  ];
  it.each(accepted)("reads %o as %o", (input, value) => {
    expect(coerceInteger(input)).toEqual({ ok: true, value });
  });

  const rejected: PyValue[] = [
    12.5,
    -0.5,
    1e-7,
    NaN,
    Infinity,
    new PyFloat(1e16),
    new PyFloat(1e300),
    new PyFloat(Infinity),
    "1e3",
    "",
    " ",
    ".",
    "12.5",
    "12.01",
    "12.0.0",
    "1__000",
    "_1",
    "1_",
    "0x10",
    "++1",
    "one",
    "\x1c12",
    "12\x1f",
    true,
    false,
    [1],
    d({ a: 1 }),
    // Astral characters count once each: 600 of them are 1200 UTF-16 units but under the limit.
    "😀".repeat(600),
  ];
  it.each(rejected.map((v) => [v]))("rejects %o", (input) => {
    expect(coerceInteger(input)).toMatchObject({ ok: false, message: "A valid integer is required." });
  });

  it("refuses strings over 1000 code points before reading them", () => {
    expect(coerceInteger("1".repeat(1001))).toMatchObject({ ok: false, message: "String value too large." });
    expect(coerceInteger(" ".repeat(1001))).toMatchObject({ ok: false, message: "String value too large." });
  });

  it("rejects null with the null message", () => {
    expect(coerceInteger(null)).toMatchObject({ ok: false, message: "This field may not be null." });
  });
});

describe("ChoiceField coercion", () => {
  it.each(EVENT_TYPES)("accepts %s", (type) => {
    expect(coerceChoice(type, EVENT_TYPES)).toEqual({ ok: true, value: type });
  });

  const rejected: [PyValue, string][] = [
    ["$ai_evaluation", '"$ai_evaluation" is not a valid choice.'],
    ["", '"" is not a valid choice.'],
    ["$AI_SPAN", '"$AI_SPAN" is not a valid choice.'],
    [" $ai_span", '" $ai_span" is not a valid choice.'],
    [1, '"1" is not a valid choice.'],
    [new PyFloat(1), '"1.0" is not a valid choice.'],
    [true, '"True" is not a valid choice.'],
    [["$ai_span"], "\"['$ai_span']\" is not a valid choice."],
    [d({ a: 1 }), "\"{'a': 1}\" is not a valid choice."],
  ];
  it.each(rejected)("rejects %o with its str()", (input, message) => {
    expect(coerceChoice(input, EVENT_TYPES)).toMatchObject({ ok: false, message });
  });

  it("distinguishes a missing value from null", () => {
    expect(coerceChoice(undefined, EVENT_TYPES)).toMatchObject({ message: "This field is required." });
    expect(coerceChoice(null, EVENT_TYPES)).toMatchObject({ message: "This field may not be null." });
  });
});

describe("serializer errors", () => {
  const notADict: [PyValue, string][] = [
    [["event_type"], "list"],
    ["body", "str"],
    [3, "int"],
    [10n ** 20n, "int"],
    [1.5, "float"],
    [new PyFloat(2), "float"],
    [true, "bool"],
  ];
  it.each(notADict)("a %o body is not a dictionary (%s)", (body, type) => {
    const error = thrown(() => parseRequest(body));
    expect(error.code).toBe("invalid_request");
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${type}.`] });
  });

  it("a null body has DRF's own message", () => {
    expect(thrown(() => parseRequest(null)).body).toEqual({ non_field_errors: ["No data provided"] });
  });

  it("reports missing and null fields", () => {
    expect(thrown(() => parseRequest(request({}))).body).toEqual({
      event_type: ["This field is required."],
      data: ["This field is required."],
    });
    expect(thrown(() => parseRequest(request({ event_type: null, data: null }))).body).toEqual({
      event_type: ["This field may not be null."],
      data: ["This field may not be null."],
    });
  });

  it("reports a bad choice with Python's str() of the value", () => {
    expect(thrown(() => parseRequest(request({ event_type: ["a"], data: event() }))).body).toEqual({
      event_type: ["\"['a']\" is not a valid choice."],
    });
  });

  it.each([
    ["verbose", "str"],
    [[], "list"],
    [5, "int"],
    [false, "bool"],
    [new PyFloat(1), "float"],
  ] as [PyValue, string][])("options %o is not a dictionary (%s)", (options, type) => {
    expect(thrown(() => parseRequest(withOptions(options))).body).toEqual({
      options: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${type}.`] },
    });
  });

  it("null options are a field error, not a non-field one", () => {
    expect(thrown(() => parseRequest(withOptions(null))).body).toEqual({ options: ["This field may not be null."] });
  });

  it("collects every field's errors, fields in declaration order, options in theirs", () => {
    const body = request({
      options: d({
        include_line_numbers: "x",
        tools_collapse_threshold: "x",
        max_depth: "x",
        include_hierarchy: "x",
        include_metadata: "x",
        collapsed: "x",
        include_markers: null,
        truncate_buffer: "1".repeat(1001),
        truncated: 2,
        max_length: 12.5,
        unknown: "x",
      }),
      data: null,
      event_type: "nope",
    });
    const error = thrown(() => parseRequest(body));
    const boolean = ["Must be a valid boolean."];
    const integer = ["A valid integer is required."];
    expect(exact(error.body)).toBe(
      exact({
        event_type: ['"nope" is not a valid choice.'],
        data: ["This field may not be null."],
        options: {
          max_length: integer,
          truncated: boolean,
          truncate_buffer: ["String value too large."],
          include_markers: ["This field may not be null."],
          collapsed: boolean,
          include_metadata: boolean,
          include_hierarchy: boolean,
          max_depth: integer,
          tools_collapse_threshold: integer,
          include_line_numbers: boolean,
        },
      }),
    );
  });

  it("says in its message which option is wrong, with the value and what was expected", () => {
    const error = thrown(() => parseRequest(withOptions(d({ max_length: 12.5, truncated: "maybe" }))));
    expect(error.message).toContain("options.max_length is 12.5; expected an integer");
    expect(error.message).toContain('options.truncated is "maybe"; expected a boolean');
  });

  it("reports serializer errors before looking at data", () => {
    const body = request({ event_type: "$ai_span", data: 12, options: d({ collapsed: "?" }) });
    expect(thrown(() => parseRequest(body)).body).toEqual({ options: { collapsed: ["Must be a valid boolean."] } });
  });
});

describe("options", () => {
  it("resolves defaults when options are absent or empty", () => {
    expect(parseRequest(request({ event_type: "$ai_generation", data: event() })).settings).toEqual(DEFAULT_SETTINGS);
    expect(parseRequest(withOptions(d({}))).settings).toEqual(DEFAULT_SETTINGS);
  });

  it("coerces every option and keeps 0 and false", () => {
    const settings = parseRequest(
      withOptions(
        d({
          truncated: "off",
          truncate_buffer: "0",
          include_markers: 0,
          collapsed: "Y",
          include_line_numbers: new PyFloat(1),
          max_length: new PyFloat(0),
          tools_collapse_threshold: " +7 ",
        }),
      ),
    ).settings;
    expect(settings).toEqual({
      truncated: false,
      truncateBuffer: 0,
      includeMarkers: false,
      collapsed: true,
      includeLineNumbers: true,
      maxLength: 0,
      toolsCollapseThreshold: 7,
    });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it("validates the ignored options but drops undeclared keys", () => {
    expect(renderOptionsSchema.parse({ max_depth: "3", include_metadata: "yes", event_truncate_buffers: { a: 1 }, x: 1 })).toEqual({
      max_depth: 3,
      include_metadata: true,
    });
    const parsed = parseRequest(withOptions(d({ max_depth: 1, include_hierarchy: "no", unknown_option: [] })));
    expect(parsed.settings).toEqual(DEFAULT_SETTINGS);
  });

  it("reads options given as a Map or as a plain object alike", () => {
    expect(renderOptionsSchema.parse(d({ max_length: "2000.0" }))).toEqual({ max_length: 2000 });
    expect(renderOptionsSchema.parse({ max_length: "2000.0" })).toEqual({ max_length: 2000 });
  });

  it("resolveSettings applies defaults with ??", () => {
    expect(resolveSettings({ max_length: 0, truncated: false })).toMatchObject({ maxLength: 0, truncated: false, truncateBuffer: 1000 });
  });
});

describe("view checks", () => {
  const invalid = (detail: string) => ({ type: "validation_error", code: "invalid", detail, attr: null });
  const cases: [string, PyValue, string, string][] = [
    ["event without properties", d({ id: "x" }), "$ai_span", "$ai_span events require 'properties' object in data field"],
    ["empty dict", d({}), "$ai_embedding", "$ai_embedding events require 'properties' object in data field"],
    ["list without the string", [d({ properties: d({}) })], "$ai_generation", "$ai_generation events require 'properties' object in data field"],
    ["string without the word", "props", "$ai_generation", "$ai_generation events require 'properties' object in data field"],
    ["missing id", d({ properties: d({}) }), "$ai_generation", "$ai_generation events require an 'id' field"],
    ["empty id", event({ id: "" }), "$ai_span", "$ai_span events require an 'id' field"],
    ["zero id", event({ id: 0 }), "$ai_span", "$ai_span events require an 'id' field"],
    ["null id, bad properties", d({ id: null, properties: [1] }), "$ai_span", "$ai_span events require an 'id' field"],
    ["trace without trace", d({ hierarchy: [] }), "$ai_trace", "Trace events require 'trace' object and 'hierarchy' array in data field"],
    ["empty trace", d({ trace: d({}), hierarchy: [] }), "$ai_trace", "Trace events require 'trace' object and 'hierarchy' array in data field"],
    ["falsy trace", d({ trace: "", hierarchy: [] }), "$ai_trace", "Trace events require 'trace' object and 'hierarchy' array in data field"],
    ["dict hierarchy", d({ trace: d({ id: "t" }), hierarchy: d({}) }), "$ai_trace", "Trace events require 'trace' object and 'hierarchy' array in data field"],
    ["non-dict trace, no hierarchy", d({ trace: "t" }), "$ai_trace", "Trace events require 'trace' object and 'hierarchy' array in data field"],
    ["trace without ids", d({ trace: d({ trace_id: "t", properties: d({}) }), hierarchy: [] }), "$ai_trace", "Trace events require an ID (trace.id or trace.properties.$ai_trace_id)"],
    ["trace with falsy ids", d({ trace: d({ id: 0, properties: d({ $ai_trace_id: "" }) }), hierarchy: [] }), "$ai_trace", "Trace events require an ID (trace.id or trace.properties.$ai_trace_id)"],
  ];
  it.each(cases)("%s → 400", (_, data, eventType, detail) => {
    const error = thrown(() => parseRequest(request({ event_type: eventType, data })));
    expect(error.code).toBe("validation_error");
    expect(exact(error.body)).toBe(exact(invalid(detail)));
    expect(error.message).toBe(detail);
  });

  const accepted: [string, PyValue, string][] = [
    ["event", event(), "$ai_generation"],
    ["event with any truthy id", event({ id: [0] }), "$ai_span"],
    ["trace by id", d({ trace: d({ id: "t" }), hierarchy: [] }), "$ai_trace"],
    ["trace by $ai_trace_id", d({ trace: d({ properties: d({ $ai_trace_id: 5 }) }), hierarchy: [1, "x"] }), "$ai_trace"],
  ];
  it.each(accepted)("%s passes", (_, data, eventType) => {
    const parsed = parseRequest(request({ event_type: eventType, data }));
    expect(parsed.eventType).toBe(eventType);
    expect(parsed.data).toBe(data);
  });
});

describe("inputs the reference crashes on (500) become unrenderable 400s", () => {
  const cases: [string, string, PyValue, string][] = [
    ["an int", "$ai_span", 12, "data"],
    ["a float", "$ai_generation", new PyFloat(1), "data"],
    ["a boolean", "$ai_embedding", true, "data"],
    ["a list holding 'properties'", "$ai_generation", ["properties"], "data"],
    ["a string containing 'properties'", "$ai_generation", "no properties here", "data"],
    ["a list properties", "$ai_generation", event({ properties: ["not", "a", "dict"] }), "data.properties"],
    ["a null properties", "$ai_span", event({ properties: null }), "data.properties"],
    ["a string properties", "$ai_embedding", event({ properties: "p" }), "data.properties"],
    ["a string trace data", "$ai_trace", "trace as a string", "data"],
    ["a list trace data", "$ai_trace", [d({ trace: d({ id: "t" }) })], "data"],
    ["a number trace data", "$ai_trace", 0, "data"],
    ["a string trace", "$ai_trace", d({ trace: "t", hierarchy: [] }), "data.trace"],
    ["a list trace", "$ai_trace", d({ trace: [1], hierarchy: [] }), "data.trace"],
    ["a null trace properties", "$ai_trace", d({ trace: d({ id: "t", properties: null }), hierarchy: [] }), "data.trace.properties"],
    ["a list trace properties", "$ai_trace", d({ trace: d({ id: "t", properties: [] }), hierarchy: [] }), "data.trace.properties"],
  ];
  it.each(cases)("%s (%s)", (_, eventType, data, attr) => {
    const error = thrown(() => parseRequest(request({ event_type: eventType, data })));
    expect(error.code).toBe("unrenderable");
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({ type: "validation_error", code: "unrenderable", attr });
    expect(error.body["detail"]).toBe(error.message);
    expect(error.message).toMatch(new RegExp(`^${attr.replaceAll(".", "\\.")} must be an object`));
  });
});

describe("metadata", () => {
  const parsed = (eventType: string, data: PyValue): ParsedRequest => parseRequest(request({ event_type: eventType, data }));

  it("reports data.id as sent", () => {
    expect(buildMetadata(parsed("$ai_span", event({ id: 12345 })), "", false).event_id).toBe(12345);
    expect(buildMetadata(parsed("$ai_span", event({ id: new PyFloat(3) })), "", false).event_id).toBe(3);
    expect(buildMetadata(parsed("$ai_span", event({ id: d({ a: [true] }) })), "", false).event_id).toEqual({ a: [true] });
    expect(buildMetadata(parsed("$ai_span", event({ id: 2n ** 64n })), "", false).event_id).toBe(2 ** 64);
  });

  it("traces report data.id, normally absent", () => {
    const trace = d({ trace: d({ id: "t" }), hierarchy: [] });
    expect(buildMetadata(parsed("$ai_trace", trace), "", false).event_id).toBeNull();
    trace.set("id", "top");
    expect(buildMetadata(parsed("$ai_trace", trace), "", false).event_id).toBe("top");
  });

  const traceIds: [string, string, PyValue, PyValue][] = [
    ["event: truthy $ai_trace_id", "$ai_generation", event({ properties: d({ $ai_trace_id: "p" }), trace_id: "top" }), "p"],
    ["event: falsy $ai_trace_id falls back to trace_id", "$ai_generation", event({ properties: d({ $ai_trace_id: "" }), trace_id: "top" }), "top"],
    ["event: trace_id returned even when falsy", "$ai_span", event({ trace_id: "" }), ""],
    ["event: trace_id 0", "$ai_span", event({ trace_id: 0 }), 0],
    ["event: trace_id false", "$ai_span", event({ trace_id: false }), false],
    ["event: no trace id at all", "$ai_span", event({ properties: d({ $ai_trace_id: 0 }) }), null],
    ["trace: $ai_trace_id as sent", "$ai_trace", d({ trace: d({ properties: d({ $ai_trace_id: "tp" }), id: "x" }), hierarchy: [] }), "tp"],
    ["trace: falsy $ai_trace_id kept", "$ai_trace", d({ trace: d({ properties: d({ $ai_trace_id: 0 }), id: "x" }), hierarchy: [] }), 0],
    ["trace: identified by trace.id only", "$ai_trace", d({ trace: d({ id: "x" }), hierarchy: [] }), null],
    ["trace: data.trace_id is not read", "$ai_trace", d({ trace: d({ id: "x" }), trace_id: "no", hierarchy: [] }), null],
  ];
  it.each(traceIds)("%s", (_, eventType, data, expected) => {
    expect(buildMetadata(parsed(eventType, data), "", false).trace_id).toStrictEqual(toJs(expected));
  });

  it("refuses ids JSON cannot carry (1e400 parses to infinity; the reference's strict renderer crashes)", () => {
    const cases: [string, PyValue, string][] = [
      ["$ai_span", event({ id: Infinity }), "data.id"],
      ["$ai_span", event({ id: [1, d({ x: new PyFloat(-Infinity) })] }), "data.id"],
      ["$ai_span", event({ trace_id: Number.NaN }), "data.trace_id"],
      ["$ai_generation", event({ properties: d({ $ai_trace_id: Infinity }) }), "data.properties.$ai_trace_id"],
      ["$ai_trace", d({ trace: d({ id: "x", properties: d({ $ai_trace_id: [Infinity] }) }), hierarchy: [] }), "data.trace.properties.$ai_trace_id"],
    ];
    for (const [eventType, data, attr] of cases) {
      expect(() => buildMetadata(parsed(eventType, data), "", false), attr).toThrow(expect.objectContaining({ path: attr }));
    }
    expect(buildMetadata(parsed("$ai_span", event({ id: 1e300 })), "", false).event_id).toBe(1e300);
  });

  it("counts code points and passes truncated through", () => {
    const metadata = buildMetadata(parsed("$ai_embedding", event()), "a😀\ud800é", true);
    expect(metadata).toEqual({
      event_type: "$ai_embedding",
      event_id: "x",
      trace_id: null,
      rendering: "detailed",
      char_count: 4,
      truncated: true,
    });
  });
});

describe("toJs", () => {
  it("keeps key order (bar integer-like keys), own __proto__ keys, and unboxes numbers", () => {
    const value = d({ b: 1, a: new PyFloat(2), ["__proto__"]: "own", big: 2n ** 70n, list: [null, d({ z: "é" })] });
    const js = toJs(value) as Record<string, unknown>;
    expect(Object.keys(js)).toEqual(["b", "a", "__proto__", "big", "list"]);
    expect(Object.getPrototypeOf(js)).toBe(Object.prototype);
    expect(JSON.stringify(js)).toBe('{"b":1,"a":2,"__proto__":"own","big":1.1805916207174113e+21,"list":[null,{"z":"é"}]}');
  });
});

describe("renderRequestSchema (plain JavaScript input)", () => {
  it("parses a request and resolves its options", () => {
    const input: RenderRequest = { event_type: "$ai_span", data: { id: "s", properties: {} }, options: { truncated: "no", max_length: 10 } };
    const parsed = renderRequestSchema.parse(input);
    expect(parsed.eventType).toBe("$ai_span");
    expect(parsed.data).toEqual(d({ id: "s", properties: d({}) }));
    expect(parsed.settings).toMatchObject({ truncated: false, maxLength: 10 });
  });

  it("fails with issues requestError turns into the reference's bodies", () => {
    const fields = renderRequestSchema.safeParse({ event_type: "$ai_x", options: { max_length: 1.5 } });
    expect(fields.success).toBe(false);
    if (!fields.success) {
      expect(exact(requestError(fields.error).body)).toBe(
        exact({
          event_type: ['"$ai_x" is not a valid choice.'],
          data: ["This field is required."],
          options: { max_length: ["A valid integer is required."] },
        }),
      );
    }
    const view = renderRequestSchema.safeParse({ event_type: "$ai_trace", data: { trace: {}, hierarchy: [] } });
    expect(view.success).toBe(false);
    if (!view.success) expect(requestError(view.error).code).toBe("validation_error");
  });

  it("refuses a data value that is not JSON", () => {
    const cyclic: Record<string, unknown> = { properties: {} };
    cyclic["self"] = cyclic;
    const result = renderRequestSchema.safeParse({ event_type: "$ai_span", data: cyclic });
    expect(result.success).toBe(false);
    if (!result.success) expect(requestError(result.error).body).toEqual({ data: ["Value must be valid JSON."] });
  });

  it("reads non-object bodies and an undefined body like DRF", () => {
    for (const [body, expected] of [
      [[1], "Invalid data. Expected a dictionary, but got list."],
      [undefined, "No data provided"],
      [2.5, "Invalid data. Expected a dictionary, but got float."],
    ] as const) {
      const result = renderRequestSchema.safeParse(body);
      expect(result.success).toBe(false);
      if (!result.success) expect(requestError(result.error).body).toEqual({ non_field_errors: [expected] });
    }
  });
});

describe("describeValue", () => {
  it("shows values briefly for people", () => {
    expect(describeValue("maybe")).toBe('"maybe"');
    expect(describeValue(new PyFloat(1e16))).toBe("1e+16");
    expect(describeValue(d({}))).toBe("a dict");
    expect(describeValue([])).toBe("a list");
    expect(describeValue("x".repeat(100))).toBe(`"${"x".repeat(60)}…" (100 characters)`);
  });
});

// ---------------------------------------------------------------------------------------------
// The corpus.

interface Expected {
  readonly text?: string;
  readonly metadata?: { readonly truncated: boolean };
  readonly error?: Record<string, unknown>;
  readonly status?: number;
}
const corpus = conformanceCorpus<Expected>().map(({ name, request, expected }) => ({ name, request: py(request), expected }));

/**
 * Corpus failures that happen while rendering, not while reading the request: parseRequest must
 * accept these and leave them to the renderers.
 */
const failsWhileRendering: ReadonlyMap<string, string> = new Map([
  ["err_lone_surrogate_in_truncated_marker", "a lone surrogate in a base64 payload (400 Invalid data format)"],
  ["err_span_name_not_string", "a non-string span name (500)"],
  ["err_trace_flat_node_with_event_string", "a flat hierarchy node whose event is a string (500)"],
  ["err_trace_model_not_string", "a non-string $ai_model in a tree summary (500)"],
  ["err_trace_name_not_string", "a non-string trace name (500)"],
]);

describe("corpus: err_* and opt_* requests", () => {
  const mine = corpus.filter((c) => c.name.startsWith("err_") || c.name.startsWith("opt_"));

  it("covers all of them", () => {
    expect(mine.length).toBe(25);
  });

  it.each(mine.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const { status, error } = c.expected;
    if (status === undefined || failsWhileRendering.has(name)) {
      expect(() => parseRequest(c.request)).not.toThrow();
      return;
    }
    const thrownError = thrown(() => parseRequest(c.request));
    expect(thrownError.status).toBe(400);
    if (status === 400) expect(exact(thrownError.body)).toBe(exact(error));
    else expect(thrownError.code).toBe("unrenderable");
  });

  it("lists only rendering failures that are failures", () => {
    for (const name of failsWhileRendering.keys()) {
      expect(corpus.find((c) => c.name === name)?.expected.status).toBeDefined();
    }
  });
});

describe("corpus: metadata of every 200 case", () => {
  const ok = corpus.filter((c) => c.expected.status === undefined);

  it("has 132 of them", () => {
    expect(ok.length).toBe(132);
  });

  it.each(ok.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const { text, metadata } = c.expected;
    if (text === undefined || metadata === undefined) throw new Error("a 200 case without text or metadata");
    const parsed = parseRequest(c.request);
    expect(typeof metadata.truncated).toBe("boolean");
    expect(exact(buildMetadata(parsed, text, metadata.truncated))).toBe(exact(metadata));
    // `truncated` is the caller's, passed through: the other value must come back as well
    const flipped = !metadata.truncated;
    expect(exact(buildMetadata(parsed, text, flipped))).toBe(exact({ ...metadata, truncated: flipped }));
  });
});
