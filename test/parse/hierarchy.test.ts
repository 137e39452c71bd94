/**
 * buildHierarchy (spec §12.4): the real-client traces, each rule on its own, the timestamp reader,
 * and a seeded property that checks random graphs (cycles included) against a literal, recursive
 * rendering of the rule.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_HIERARCHY_DEPTH, buildHierarchy, buildHierarchyFromJson } from "../../src/parse/hierarchy.js";
import { timestampMs } from "../../src/parse/hierarchy-timestamp.js";
import { parseJson } from "../../src/python/index.js";
import { PyFloat, isDict, isList, type PyDict, type PyList, type PyValue } from "../../src/value/py-value.js";

const loadJson = (text: string): PyValue => parseJson(text);

// ---------------------------------------------------------------------------------------------
// Helpers: events in, outlines out.

interface EventSpec {
  readonly uuid?: string;
  readonly name?: string;
  readonly gen?: PyValue;
  readonly span?: PyValue;
  readonly parent?: PyValue;
  readonly trace?: PyValue;
  readonly ts?: PyValue;
  readonly latency?: PyValue;
  readonly otel?: boolean;
}

let uuidCounter = 0;

/** A raw capture event; every spec field left out is absent from the event. */
function ev(spec: EventSpec): PyDict {
  const properties = new Map<string, PyValue>();
  if (spec.gen !== undefined) properties.set("$ai_generation_id", spec.gen);
  if (spec.span !== undefined) properties.set("$ai_span_id", spec.span);
  if (spec.parent !== undefined) properties.set("$ai_parent_id", spec.parent);
  properties.set("$ai_trace_id", spec.trace === undefined ? "t" : spec.trace);
  if (spec.latency !== undefined) properties.set("$ai_latency", spec.latency);
  if (spec.otel) properties.set("$ai_ingestion_source", "otel");
  const event = new Map<string, PyValue>([
    ["event", spec.name ?? "$ai_span"],
    ["properties", properties],
  ]);
  event.set("timestamp", spec.ts ?? "2026-01-01T00:00:00Z");
  event.set("uuid", spec.uuid ?? `uuid-${++uuidCounter}`);
  return event;
}

/** A span whose node id is `id`. */
const span = (id: string, spec: Omit<EventSpec, "span"> = {}): PyDict => ev({ ...spec, span: id });

const at = (seconds: number): string => `2026-01-01T00:00:${String(seconds).padStart(2, "0")}Z`;

function nodeParts(node: PyValue): { event: PyDict; children: PyList } {
  if (!isDict(node)) throw new Error("node is not a dict");
  const event = node.get("event");
  const children = node.get("children");
  if (!isDict(event) || !isList(children)) throw new Error("node lacks event or children");
  return { event, children };
}

function labelOf(event: PyDict): string {
  const properties = event.get("properties");
  if (isDict(properties)) {
    const id = properties.get("$ai_generation_id") ?? properties.get("$ai_span_id");
    if (["string", "boolean", "number", "bigint"].includes(typeof id)) return String(id);
  }
  return String(event.get("id"));
}

/** The tree as indented labels, walked with an explicit stack. */
function outline(hierarchy: PyList): string[] {
  const lines: string[] = [];
  const stack: { node: PyValue; depth: number }[] = hierarchy.map((node) => ({ node, depth: 0 })).reverse();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { event, children } = nodeParts(item.node);
    lines.push(`${"  ".repeat(item.depth)}${labelOf(event)}`);
    for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k]!, depth: item.depth + 1 });
  }
  return lines;
}

/** Every node with its depth and parent node (null for roots). */
function walk(hierarchy: PyList): { event: PyDict; depth: number; parent: PyDict | null }[] {
  const out: { event: PyDict; depth: number; parent: PyDict | null }[] = [];
  const stack: { node: PyValue; depth: number; parent: PyDict | null }[] = hierarchy
    .map((node) => ({ node, depth: 0, parent: null }))
    .reverse();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { event, children } = nodeParts(item.node);
    out.push({ event, depth: item.depth, parent: item.parent });
    for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k]!, depth: item.depth + 1, parent: event });
  }
  return out;
}

const build = (events: readonly PyValue[], traceId = "t"): string[] => outline(buildHierarchy(events, { traceId }).hierarchy);

// ---------------------------------------------------------------------------------------------

describe("real-client traces", () => {
  const dir = join(import.meta.dirname, "../../fixtures/real-client/traces");
  const names: string[] = (readdirSync(dir) as string[]).filter((name) => name.endsWith(".json")).sort();

  it("has fixtures to check", () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)("%s builds with every event once and links matching $ai_parent_id", (name) => {
    const file = loadJson(readFileSync(join(dir, name), "utf8"));
    if (!isDict(file)) throw new Error("fixture is not an object");
    const events = file.get("events");
    const trace = file.get("trace");
    if (!isList(events) || !isDict(trace)) throw new Error("fixture lacks events or trace");

    const data = buildHierarchy(events, { trace });
    expect(data.trace).toBe(trace);
    const nodes = walk(data.hierarchy);
    const expected = events.filter((e) => isDict(e) && !["$ai_feedback", "$ai_metric", "$ai_trace"].includes(String(e.get("event"))));
    expect(nodes).toHaveLength(expected.length);
    // properties are shared with the input, so identity says which event a node shows
    const shown = nodes.map((n) => n.event.get("properties"));
    for (const event of expected) expect(shown.filter((p) => p === (event as PyDict).get("properties"))).toHaveLength(1);

    const traceId = (trace.get("properties") as PyDict).get("$ai_trace_id");
    for (const { event, parent } of nodes) {
      expect(event.get("id")).toBeTypeOf("string"); // the capture uuid becomes the node event's id
      const properties = event.get("properties") as PyDict;
      const parentId = properties.get("$ai_parent_id") ?? properties.get("$ai_trace_id");
      if (parent === null) {
        const known = nodes.some(({ event: other }) => nodeIdOf(other) === parentId);
        expect(parentId === traceId || !known).toBe(true);
      } else {
        expect(nodeIdOf(parent)).toBe(parentId);
      }
    }
  });

  it("nests manual_multilevel_trace as its $ai_parent_id links say", () => {
    const data = buildHierarchyFromJson(readFileSync(join(dir, "manual_multilevel_trace.json"), "utf8"));
    const depths = walk(data.hierarchy).map((n) => n.depth);
    expect(Math.max(...depths)).toBe(2);
    expect(data.trace.get("event")).toBe("$ai_trace");
  });
});

function nodeIdOf(event: PyDict): PyValue | undefined {
  const properties = event.get("properties") as PyDict;
  return properties.get("$ai_generation_id") ?? properties.get("$ai_span_id") ?? event.get("id") ?? event.get("uuid");
}

describe("roots", () => {
  it("puts children of the trace and orphans at the top, sorted together", () => {
    const events = [
      span("a", { parent: "t", ts: at(3) }),
      span("b", { parent: "nowhere", ts: at(1) }),
      span("c", { parent: "a", ts: at(5) }),
      span("d", { ts: at(2) }), // no $ai_parent_id: its $ai_trace_id is the parent
    ];
    expect(build(events)).toEqual(["b", "d", "a", "  c"]);
  });

  it("adds events with no parent id at all after the first roots, whatever their start", () => {
    const events = [span("late", { parent: "t", ts: at(9) }), span("loose", { trace: null, ts: at(1) })];
    expect(build(events)).toEqual(["late", "loose"]);
  });

  it("keeps a self-parent once, as a further root", () => {
    const events = [span("a", { parent: "t", ts: at(2) }), span("self", { parent: "self", ts: at(1) })];
    expect(build(events)).toEqual(["a", "self"]);
  });

  it("ends 2-cycles and 3-cycles with every member once", () => {
    const events = [
      span("x", { parent: "y", ts: at(2) }),
      span("y", { parent: "x", ts: at(1) }),
      span("p", { parent: "r", ts: at(5) }),
      span("q", { parent: "p", ts: at(3) }),
      span("r", { parent: "q", ts: at(4) }),
      span("ok", { parent: "t", ts: at(9) }),
    ];
    // unplaced nodes become roots in start order; each takes along what it reaches
    expect(build(events)).toEqual(["ok", "y", "  x", "q", "  r", "    p"]);
  });

  it("orders a child of the trace before an orphan that ties with it, as the reference does", () => {
    const events = [span("orphan", { parent: "gone" }), span("child", { parent: "t" })];
    expect(build(events)).toEqual(["child", "orphan"]);
  });

  it("uses the trace id of an $ai_trace event, which never becomes a node", () => {
    const trace = new Map<string, PyValue>([
      ["event", "$ai_trace"],
      ["properties", new Map([["$ai_trace_id", "T2"]])],
    ]);
    const events = [span("a", { parent: "T2", trace: "T2" }), trace, span("b", { parent: "a", trace: "T2" })];
    const data = buildHierarchy(events, { trace: new Map([["id", "ignored"]]) });
    expect(data.trace).toBe(trace);
    expect(outline(data.hierarchy)).toEqual(["a", "  b"]);
  });

  it("uses options.trace, else synthesizes the trace from the most common $ai_trace_id", () => {
    const given: PyDict = new Map([["properties", new Map([["$ai_trace_id", "T"]])]]);
    expect(buildHierarchy([span("a", { trace: "T" })], { trace: given }).trace).toBe(given);

    const data = buildHierarchy([span("a", { trace: "other" }), span("b", { trace: "T" }), span("c", { trace: "T" })]);
    expect(data.trace).toEqual(new Map<string, PyValue>([["id", "T"], ["properties", new Map([["$ai_trace_id", "T"]])]]));
    expect(buildHierarchy([]).trace).toEqual(new Map([["properties", new Map()]]));
    expect(buildHierarchy([]).hierarchy).toEqual([]);
  });

  it("ignores $ai_feedback, $ai_metric and items that are not objects", () => {
    const events: PyValue[] = [
      span("a", { parent: "t" }),
      ev({ name: "$ai_feedback", span: "f", parent: "a" }),
      ev({ name: "$ai_metric", parent: "a" }),
      "not an event",
      null,
    ];
    expect(build(events)).toEqual(["a"]);
  });
});

describe("sibling order", () => {
  it("sorts by operation start, so a later capture with a longer latency can come first", () => {
    const events = [
      span("captured-first", { parent: "t", ts: "2026-01-01T12:00:01Z", latency: 0 }),
      span("started-first", { parent: "t", ts: "2026-01-01T12:00:02Z", latency: 2 }),
    ];
    expect(build(events)).toEqual(["started-first", "captured-first"]);
  });

  it("puts the longer of two siblings that start together first", () => {
    const events = [
      span("short", { parent: "t", ts: at(2), latency: 1 }),
      span("long", { parent: "t", ts: at(3), latency: 2 }),
    ];
    expect(build(events)).toEqual(["long", "short"]);
  });

  it("keeps input order on ties, and counts latency ≤ 0, null or junk as 0", () => {
    const events = [
      span("n1", { parent: "t", latency: -5 }),
      span("n2", { parent: "t", latency: null }),
      span("n3", { parent: "t", latency: [1] }),
      span("n4", { parent: "t", latency: 0 }),
      span("n5", { parent: "t", latency: Number.NaN }),
    ];
    expect(build(events)).toEqual(["n1", "n2", "n3", "n4", "n5"]);
  });

  it("sorts an unreadable timestamp as 0, before every real one", () => {
    const events = [span("real", { parent: "t", ts: at(1) }), span("junk", { parent: "t", ts: "yesterday" })];
    expect(build(events)).toEqual(["junk", "real"]);
  });

  it("takes the timestamp of an otel event as its start", () => {
    const events = [
      span("sdk", { parent: "t", ts: at(5), latency: 2 }), // started at 3
      span("otel", { parent: "t", ts: at(4), latency: 10, otel: true }), // started at 4
    ];
    expect(build(events)).toEqual(["sdk", "otel"]);
  });

  it("reads epoch-millisecond numbers and big ints as timestamps", () => {
    const events = [span("b", { parent: "t", ts: 2_000 }), span("a", { parent: "t", ts: 1_000n })];
    expect(build(events)).toEqual(["a", "b"]);
  });

  it("reads string and boolean latencies with Python's float()", () => {
    const events = [
      span("slow", { parent: "t", ts: at(3), latency: " 2.5 " }), // started at 0.5
      span("bool", { parent: "t", ts: at(2), latency: true }), // started at 1
    ];
    expect(build(events)).toEqual(["slow", "bool"]);
  });
});

describe("node ids", () => {
  it("lets a later event with the same id replace the earlier one in its place", () => {
    const events = [
      span("a", { parent: "t", ts: at(1) }),
      span("b", { parent: "t", ts: at(2) }),
      span("a", { parent: "t", ts: at(1), latency: 0, name: "$ai_generation" }),
    ];
    const data = buildHierarchy(events, { traceId: "t" });
    expect(outline(data.hierarchy)).toEqual(["a", "b"]);
    expect(nodeParts(data.hierarchy[0]!).event.get("event")).toBe("$ai_generation");
  });

  it("keeps the first position on ties, but sorts by the replacing event's timing", () => {
    const events = [span("a", { parent: "t" }), span("b", { parent: "t" }), span("a", { parent: "t" })];
    expect(build(events)).toEqual(["a", "b"]); // a tie, so position decides: a stays first
    const moved = [span("a", { parent: "t" }), span("b", { parent: "t" }), span("a", { parent: "t", ts: at(9) })];
    expect(build(moved)).toEqual(["b", "a"]);
  });

  it("prefers $ai_generation_id, then $ai_span_id, then the event's own id or uuid", () => {
    const events = [
      ev({ gen: "g", span: "s", parent: "t" }),
      ev({ span: "s", parent: "g" }),
      ev({ uuid: "u", parent: "s" }),
      ev({ uuid: "v", parent: "u" }),
    ];
    const nodes = walk(buildHierarchy(events, { traceId: "t" }).hierarchy);
    expect(nodes.map((n) => n.depth)).toEqual([0, 1, 2, 3]);
  });

  it("spells booleans as true/false and ints in full; other types fall back to the own id", () => {
    const events = [
      ev({ gen: true, parent: "t" }),
      ev({ uuid: "child-of-true", parent: "true" }),
      ev({ span: 12, parent: "t" }),
      ev({ uuid: "child-of-12", parent: 12 }),
      ev({ gen: 10n ** 20n, parent: "t" }),
      ev({ uuid: "child-of-big", parent: "100000000000000000000" }),
      ev({ gen: ["x"], span: "ignored", uuid: "own", parent: "t" }),
      ev({ uuid: "child-of-own", parent: "own" }),
    ];
    expect(build(events)).toEqual(["true", "  child-of-true", "12", "  child-of-12", "100000000000000000000", "  child-of-big", "own", "  child-of-own"]);
  });

  it("spells float ids with Python's repr", () => {
    const events = [ev({ span: new PyFloat(1), parent: "t" }), ev({ uuid: "kid", parent: "1.0" }), ev({ span: 1e-7, parent: "t" }), ev({ uuid: "kid2", parent: "1e-07" })];
    expect(walk(buildHierarchy(events, { traceId: "t" }).hierarchy).map((n) => n.depth)).toEqual([0, 1, 0, 1]);
  });

  it("places events without any id, each once", () => {
    const bare = (): PyDict => new Map<string, PyValue>([["event", "$ai_span"], ["properties", new Map([["$ai_trace_id", "t"]])]]);
    const nodes = walk(buildHierarchy([bare(), bare()], { traceId: "t" }).hierarchy);
    expect(nodes).toHaveLength(2);
    expect(nodes[0]!.event.has("id")).toBe(false);
  });

  it("builds node events as {id, event, properties, timestamp}", () => {
    const event = new Map<string, PyValue>([
      ["distinct_id", "user"],
      ["createdAt", "2026-01-01T00:00:00Z"],
      ["properties", new Map([["$ai_trace_id", "t"]])],
      ["event", "$ai_generation"],
      ["uuid", "u1"],
    ]);
    const { event: shown } = nodeParts(buildHierarchy([event]).hierarchy[0]!);
    expect([...shown.keys()]).toEqual(["id", "event", "properties", "timestamp"]);
    expect(shown.get("id")).toBe("u1");
    expect(shown.get("timestamp")).toBe("2026-01-01T00:00:00Z");
    expect(shown.get("properties")).toBe(event.get("properties"));
  });
});

describe("depth", () => {
  it(`keeps ${MAX_HIERARCHY_DEPTH + 1} levels and re-roots the branch below`, () => {
    const chain = Array.from({ length: 14 }, (_, i) => span(`n${i}`, { parent: i === 0 ? "t" : `n${i - 1}`, ts: at(i) }));
    const nodes = walk(buildHierarchy(chain, { traceId: "t" }).hierarchy);
    expect(nodes.map((n) => `${labelOf(n.event)}@${n.depth}`)).toEqual([
      ...Array.from({ length: 11 }, (_, i) => `n${i}@${i}`),
      "n11@0",
      "n12@1",
      "n13@2",
    ]);
  });

  it("handles a 100,000-long chain and a 100,000-cycle without deep recursion", () => {
    const n = 100_000;
    const chain = Array.from({ length: n }, (_, i) => span(`c${i}`, { parent: i === 0 ? "t" : `c${i - 1}`, ts: 0 }));
    expect(walk(buildHierarchy(chain, { traceId: "t" }).hierarchy)).toHaveLength(n);
    const cycle = Array.from({ length: n }, (_, i) => span(`r${i}`, { parent: `r${(i + 1) % n}`, ts: 0 }));
    expect(walk(buildHierarchy(cycle, { traceId: "t" }).hierarchy)).toHaveLength(n);
  });

  it("emits each of 20,000 events with scattered parents once (its speed: npm run bench)", () => {
    const events = Array.from({ length: 20_000 }, (_, i) =>
      span(`s${i}`, { parent: i < 100 ? "t" : `s${(i * 7919) % 20_000}`, ts: (i * 104_729) % 5_000, latency: (i % 13) / 10 }),
    );
    const nodes = walk(buildHierarchy(events, { traceId: "t" }).hierarchy);
    expect(new Set(nodes.map((node) => node.event)).size).toBe(20_000);
  });
});

describe("timestampMs", () => {
  it.each([
    ["1970-01-01T00:00:01Z", 1_000],
    ["1970-01-01T00:00:01.5Z", 1_500],
    ["1970-01-01T01:00:00+01:00", 0],
    ["1970-01-01T00:00:00-0130", 5_400_000],
    ["1970-01-01T00:00:00+01", -3_600_000],
    ["1970-01-01 00:00:00.000001", 0.001], // space separator; no offset means UTC
    ["19700101T000001Z", 1_000],
    ["1970-01-01", 0],
    ["1970-01", 0],
    ["1970", 0],
    ["1970-01-01T00:00:00.1234567Z", 123.456], // cut to microseconds
    ["1970-01-01T24:00:00Z", 86_400_000],
    ["2026-11-26T19:08:33.131Z", Date.UTC(2026, 10, 26, 19, 8, 33, 131)],
    ["0001-01-01T00:00:00Z", -62_135_596_800_000],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
  ])("reads %s", (text, ms) => {
    expect(timestampMs(text)).toBeCloseTo(ms, 6);
  });

  it.each(["", "yesterday", "197001", "2023-02-29", "1970-13-01", "1970-01-01T", "1970-01-01T25:00", "1970-01-01T24:00:01Z",
    "1970-01-01T00:00:60Z", "1970-01-01T00:00+2400", "0000-01-01", "1970-01-01T00:00:00 Z", "Thu, 01 Jan 1970 00:00:00 GMT"])(
    "rejects %j",
    (text) => {
      expect(timestampMs(text)).toBeUndefined();
    },
  );

  it("takes numbers as epoch milliseconds and rejects other values", () => {
    expect(timestampMs(1_500)).toBe(1_500);
    expect(timestampMs(new PyFloat(2))).toBe(2);
    expect(timestampMs(Number.NaN)).toBeUndefined();
    expect(timestampMs(null)).toBeUndefined();
    expect(timestampMs(true)).toBeUndefined();
    expect(timestampMs(undefined)).toBeUndefined();
  });

  it("repeats Python's rounding: aware divides whole microseconds, naive adds a fraction", () => {
    // datetime(2026,1,1,0,0,0,123457, tzinfo=utc).timestamp()*1000 and the naive (UTC) counterpart
    expect(timestampMs("2026-01-01T00:00:00.123457Z")).toBe((1_767_225_600_000_000 + 123_457) / 1e6 * 1000);
    expect(timestampMs("2026-01-01T00:00:00.123457")).toBe((1_767_225_600 + 123_457 / 1e6) * 1000);
  });
});

// ---------------------------------------------------------------------------------------------
// The property: random events (duplicate ids, cycles, self-parents, missing parents, ties) built
// both by buildHierarchy and by a literal recursive transcription of §12.4; the recursion here is
// safe because the rule never descends more than MAX_HIERARCHY_DEPTH levels.

function literalRule(events: readonly PyDict[], traceId: string): string[] {
  const byId = new Map<string, PyDict>();
  for (const e of events) byId.set(nodeIdOf(e) as string, e); // ids are strings in this generator
  const props = (e: PyDict): PyDict => e.get("properties") as PyDict;
  const parentOf = (e: PyDict): string | undefined => (props(e).get("$ai_parent_id") ?? props(e).get("$ai_trace_id") ?? undefined) as string | undefined;
  const children = new Map<string, string[]>();
  for (const [id, e] of byId) {
    const p = parentOf(e);
    if (p !== undefined) children.set(p, [...(children.get(p) ?? []), id]);
  }
  const key = (id: string): [number, number] => {
    const e = byId.get(id)!;
    const latency = Math.max(0, Number(props(e).get("$ai_latency") ?? 0)) * 1000;
    const ts = timestampMs(e.get("timestamp")) ?? 0;
    return [props(e).get("$ai_ingestion_source") === "otel" ? ts : ts - latency, -latency];
  };
  const sort = (ids: string[]): string[] =>
    ids.map((id, i) => ({ id, i, k: key(id) })).sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i).map((x) => x.id);
  const emitted = new Set<string>();
  const lines: string[] = [];
  const visit = (id: string, depth: number): void => {
    if (emitted.has(id) || depth > MAX_HIERARCHY_DEPTH) return;
    emitted.add(id);
    lines.push(`${"  ".repeat(depth)}${id}`);
    for (const child of sort(children.get(id) ?? [])) visit(child, depth + 1);
  };
  const orphans = [...byId].filter(([, e]) => {
    const p = parentOf(e);
    return p !== undefined && p !== traceId && !byId.has(p);
  });
  for (const id of sort([...(children.get(traceId) ?? []), ...orphans.map(([id]) => id)])) visit(id, 0);
  for (const id of sort([...byId.keys()].filter((id) => !emitted.has(id)))) visit(id, 0);
  return lines;
}

describe("random graphs", () => {
  const ids = Array.from({ length: 40 }, (_, i) => `id${i}`);
  const eventArb = fc.record({
    id: fc.constantFrom(...ids),
    idKey: fc.constantFrom("gen", "span", "uuid"),
    parent: fc.oneof(fc.constantFrom(...ids), fc.constant("t"), fc.constant("missing"), fc.constant(undefined)),
    noTrace: fc.boolean(),
    ts: fc.integer({ min: 0, max: 5 }),
    latency: fc.integer({ min: -1, max: 3 }),
    otel: fc.boolean(),
  });

  it("places every distinct node exactly once, never below the depth limit, as the literal rule does", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 200, size: "max" }), (specs) => {
        const events = specs.map((s) =>
          ev({
            ...(s.idKey === "gen" ? { gen: s.id } : s.idKey === "span" ? { span: s.id } : { uuid: s.id }),
            ...(s.parent === undefined ? {} : { parent: s.parent }),
            ...(s.noTrace ? { trace: null } : {}),
            ts: at(s.ts),
            latency: s.latency,
            otel: s.otel,
          }),
        );
        const data = buildHierarchy(events, { traceId: "t" });
        const nodes = walk(data.hierarchy);
        const distinct = new Set(events.map((e) => nodeIdOf(e)));
        expect(nodes).toHaveLength(distinct.size);
        expect(new Set(nodes.map((n) => nodeIdOf(n.event))).size).toBe(distinct.size);
        for (const n of nodes) expect(n.depth).toBeLessThanOrEqual(MAX_HIERARCHY_DEPTH);
        expect(outline(data.hierarchy)).toEqual(literalRule(events, "t"));
      }),
      { seed: 20_261_126, numRuns: 300 },
    );
  });

  // Mostly chains (each event's parent is the one before), with jumps that make forks and cycles,
  // so the depth limit and the re-rooting of cut branches are exercised too.
  it("agrees with the literal rule on deep, cyclic chains", () => {
    const step = fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 60 }) });
    const linkArb = fc.record({ step, ts: fc.integer({ min: 0, max: 3 }), latency: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(linkArb, { maxLength: 200, size: "max" }), (links) => {
        const n = links.length;
        const events = links.map((l, i) =>
          span(`d${i}`, { parent: l.step === -1 || i === 0 ? "t" : `d${l.step === 0 ? i - 1 : (i + l.step) % n}`, ts: at(l.ts), latency: l.latency }),
        );
        const data = buildHierarchy(events, { traceId: "t" });
        expect(walk(data.hierarchy)).toHaveLength(n);
        expect(outline(data.hierarchy)).toEqual(literalRule(events, "t"));
      }),
      { seed: 20_261_127, numRuns: 300 },
    );
  });
});
