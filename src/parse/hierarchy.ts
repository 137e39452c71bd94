/**
 * Flat trace events → the `{trace, hierarchy}` data of an `$ai_trace` request (spec §12.4).
 *
 * The endpoint renders `data.hierarchy` as posted; PostHog builds that tree from the flat events of
 * a trace. This module rebuilds it with the same rule so a caller holding raw events (an export, a
 * capture log) gets the tree PostHog would have drawn.
 */
import { parseJson, pyFloat, pyStr } from "../python/index.js";
import { getKey, isDict, isList, isNumber, toDouble, type PyDict, type PyList, type PyValue } from "../value/py-value.js";
import { timestampMs } from "./hierarchy-timestamp.js";

/** The `data` of an `$ai_trace` request: the trace object and its tree of `{event, children}` nodes. */
export interface TraceData {
  /** The trace object the title, error and trace-level states are read from (§12.1). */
  readonly trace: PyDict;
  /** Root nodes, each `Map{"event" → event, "children" → [nodes…]}` (§12.2). */
  readonly hierarchy: PyList;
}

/** Options of {@link buildHierarchy}. */
export interface BuildHierarchyOptions {
  /** The trace object, used when no `$ai_trace` event is among the events. */
  readonly trace?: PyDict;
  /** The trace id whose children are the roots. Default: read from the trace, else the events. */
  readonly traceId?: string;
}

/**
 * Deepest level that still gets nodes (roots are level 0): PostHog's `MAX_TREE_DEPTH`. Deeper
 * branches are cut and start again as further roots.
 */
export const MAX_HIERARCHY_DEPTH = 10;

// Annotations the trace view attaches to other nodes; they are never steps of their own.
const IGNORED_EVENTS: ReadonlySet<string> = new Set(["$ai_feedback", "$ai_metric"]);

/** One tree node to be: the event it shows and how it sorts among its siblings. */
interface NodeRecord {
  /** The event as it goes into the node (the last one seen for this node id). */
  readonly event: PyDict;
  readonly properties: PyDict;
  /** Node id; `undefined` for an event without any id, which can never be a parent. */
  readonly id: string | undefined;
}

/**
 * Builds `{trace, hierarchy}` from the flat events of one trace, by PostHog's rule (spec §12.4).
 *
 * - `$ai_feedback` and `$ai_metric` events are dropped; items that are not objects are skipped.
 * - The trace object is the last `$ai_trace` event (never a node); else `options.trace`; else
 *   `{id, properties: {$ai_trace_id}}` for the trace id (`{properties: {}}` when there is none).
 * - The trace id is `options.traceId`, else the trace's `$ai_trace_id`, else its `id`, else the
 *   `$ai_trace_id` most events carry (the first seen on a tie).
 * - Node id = the first non-null of `$ai_generation_id`, `$ai_span_id`, converted as Python would
 *   (strings as they are, `true`/`false`, numbers via `str()`); when that value is of another type,
 *   or both are null, the event's own `id` (or `uuid`, which raw capture events carry). A later
 *   event with the same node id replaces the earlier one in its position.
 * - Parent id = the first non-null of `$ai_parent_id`, `$ai_trace_id`, converted the same way.
 * - Roots: children of the trace id, then orphans (parent neither the trace id nor a node);
 *   then, once those trees are built, every node not yet placed (no parent id, parent cycles,
 *   branches cut below {@link MAX_HIERARCHY_DEPTH}) starts a further root.
 * - Each list is sorted by operation start (timestamp − `$ai_latency`; the timestamp itself for
 *   `$ai_ingestion_source: "otel"`; an unreadable timestamp counts as 0), then longest latency
 *   first; ties keep the order above. Timestamps are read by {@link timestampMs}.
 *
 * Each node's event is a new `{id, event, properties, timestamp}` object (as PostHog posts them:
 * `id` from `id` or `uuid`, `timestamp` from `timestamp` or `createdAt`, keys absent from the
 * source left out); `properties` is shared with the input, which is never modified.
 * Iterative and O(n log n): deep chains and cycles cannot overflow the stack or loop.
 * @example
 * const gen = new Map([["event", "$ai_generation"], ["uuid", "g1"],
 *   ["properties", new Map([["$ai_trace_id", "t1"]])]]);
 * buildHierarchy([gen]).hierarchy // [Map{event → Map{id → "g1", …}, children → []}]
 */
export function buildHierarchy(events: readonly PyValue[], options: BuildHierarchyOptions = {}): TraceData {
  const records: NodeRecord[] = [];
  const indexById = new Map<string, number>();
  let traceEvent: PyDict | undefined;

  for (const event of events) {
    if (!isDict(event)) continue;
    const name = event.get("event");
    if (typeof name === "string" && IGNORED_EVENTS.has(name)) continue;
    if (name === "$ai_trace") {
      traceEvent = event;
      continue;
    }
    const properties = propertiesOf(event);
    const id = hierarchyId(firstNonNull(properties, "$ai_generation_id", "$ai_span_id")) ?? ownId(event);
    const record: NodeRecord = { event: nodeEvent(event), properties, id };
    const existing = id === undefined ? undefined : indexById.get(id);
    if (existing === undefined) {
      if (id !== undefined) indexById.set(id, records.length);
      records.push(record);
    } else {
      records[existing] = record;
    }
  }

  const trace = traceEvent ?? options.trace;
  const traceId = options.traceId ?? (trace && traceIdOf(trace)) ?? mostCommonTraceId(records);
  return {
    trace: trace ?? synthesizedTrace(traceId),
    hierarchy: arrange(records, indexById, traceId),
  };
}

/**
 * {@link buildHierarchy} for JSON text: a list of events, or an object `{events, trace?}` (the
 * shape of `fixtures/real-client/traces/*.json`).
 * @throws {JsonSyntaxError} for invalid JSON; {TypeError} when there is no list of events.
 * @example buildHierarchyFromJson('{"events": []}').hierarchy // []
 */
export function buildHierarchyFromJson(text: string, options: BuildHierarchyOptions = {}): TraceData {
  const value = parseJson(text);
  const events = isList(value) ? value : getKey(value, "events");
  if (!isList(events)) throw new TypeError("expected a JSON list of events or an object with an 'events' list");
  const trace = getKey(value, "trace");
  return buildHierarchy(events, isDict(trace) && options.trace === undefined ? { ...options, trace } : options);
}

/** Links records into trees and lays them out; see {@link buildHierarchy} for the rule. */
function arrange(records: readonly NodeRecord[], indexById: ReadonlyMap<string, number>, traceId: string | undefined): PyList {
  const count = records.length;
  const start = new Float64Array(count);
  const latency = new Float64Array(count);
  const childrenOf = new Map<string, number[]>();
  const orphans: number[] = [];

  for (let i = 0; i < count; i++) {
    const { properties } = records[i]!;
    latency[i] = latencyMs(properties.get("$ai_latency"));
    start[i] = operationStartMs(records[i]!, latency[i]!);
    const parent = hierarchyId(firstNonNull(properties, "$ai_parent_id", "$ai_trace_id"));
    if (parent === undefined) continue;
    const siblings = childrenOf.get(parent);
    if (siblings) siblings.push(i);
    else childrenOf.set(parent, [i]);
    if (parent !== traceId && !indexById.has(parent)) orphans.push(i);
  }

  // Comparisons rather than subtraction: two infinite latencies must tie, not give NaN.
  const bySortKey = (a: number, b: number): number =>
    start[a]! < start[b]! ? -1 : start[a]! > start[b]! ? 1 : latency[a]! > latency[b]! ? -1 : latency[a]! < latency[b]! ? 1 : 0;
  // Array.prototype.sort is stable, which gives "ties keep their order" for free.
  const sorted = (indices: readonly number[]): number[] => [...indices].sort(bySortKey);

  const emitted = new Uint8Array(count);
  const hierarchy: PyList = [];

  // Depth-first from `root`, skipping what is already placed and what lies too deep, exactly as
  // a recursive build would; an explicit stack keeps a 100,000-deep chain off the call stack.
  const place = (root: number): void => {
    const stack: { index: number; depth: number; into: PyList }[] = [{ index: root, depth: 0, into: hierarchy }];
    for (let frame = stack.pop(); frame; frame = stack.pop()) {
      const { index, depth, into } = frame;
      if (emitted[index] || depth > MAX_HIERARCHY_DEPTH) continue;
      emitted[index] = 1;
      const record = records[index]!;
      const children: PyList = [];
      into.push(new Map<string, PyValue>([["event", record.event], ["children", children]]));
      const childIds = record.id === undefined ? undefined : childrenOf.get(record.id);
      // Children that would land below the limit are left unplaced for the final pass.
      if (!childIds || depth === MAX_HIERARCHY_DEPTH) continue;
      const ordered = sorted(childIds);
      // Pushed in reverse so they pop, and are appended to `children`, in sorted order.
      for (let k = ordered.length - 1; k >= 0; k--) stack.push({ index: ordered[k]!, depth: depth + 1, into: children });
    }
  };

  const traceChildren = traceId === undefined ? [] : (childrenOf.get(traceId) ?? []);
  for (const root of sorted([...traceChildren, ...orphans])) place(root);
  const unplaced: number[] = [];
  for (let i = 0; i < count; i++) if (!emitted[i]) unplaced.push(i);
  for (const root of sorted(unplaced)) place(root);
  return hierarchy;
}

/** `$ai_latency` in ms for sorting: Python `float()` of it, where ≤ 0, NaN or unreadable is 0. */
function latencyMs(value: PyValue | undefined): number {
  let seconds: number | undefined;
  if (isNumber(value)) seconds = toDouble(value);
  else if (typeof value === "boolean" || typeof value === "string") seconds = pyFloat(value);
  return seconds !== undefined && seconds > 0 ? seconds * 1000 : 0;
}

/** When the operation began: SDKs capture at the end, OTel ingestion stamps the start. */
function operationStartMs(record: NodeRecord, latency: number): number {
  const at = timestampMs(record.event.get("timestamp"));
  if (at === undefined) return 0;
  return record.properties.get("$ai_ingestion_source") === "otel" ? at : at - latency;
}

/** The node's event: `{id, event, properties, timestamp}` as PostHog's own callers post it. */
function nodeEvent(event: PyDict): PyDict {
  const node = new Map<string, PyValue>();
  const id = firstNonNull(event, "id", "uuid");
  if (id !== undefined) node.set("id", id);
  if (event.has("event")) node.set("event", event.get("event") ?? null);
  if (event.has("properties")) node.set("properties", event.get("properties") ?? null);
  const timestamp = firstNonNull(event, "timestamp", "createdAt");
  if (timestamp !== undefined) node.set("timestamp", timestamp);
  return node;
}

// Ids, parents and latency are read from `properties`; a missing or malformed one reads as empty.
function propertiesOf(event: PyDict): PyDict {
  const properties = event.get("properties");
  return isDict(properties) ? properties : new Map();
}

function ownId(event: PyDict): string | undefined {
  return hierarchyId(firstNonNull(event, "id", "uuid"));
}

/** The first of `keys` whose value is present and not null (JavaScript's `a ?? b`). */
function firstNonNull(dict: PyDict, ...keys: readonly string[]): PyValue | undefined {
  for (const key of keys) {
    const value = dict.get(key);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/**
 * An id as the hierarchy compares ids: strings as they are, booleans as `true`/`false` (the trace
 * view's JavaScript spelling), numbers as Python `str()` spells them; anything else is no id.
 */
function hierarchyId(value: PyValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  return isNumber(value) ? pyStr(value) : undefined;
}

function traceIdOf(trace: PyDict): string | undefined {
  return hierarchyId(propertiesOf(trace).get("$ai_trace_id")) ?? hierarchyId(trace.get("id"));
}

// Events of one trace normally agree; when they do not, the majority names the trace.
function mostCommonTraceId(records: readonly NodeRecord[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { properties } of records) {
    const id = hierarchyId(properties.get("$ai_trace_id"));
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  // Map order is first appearance, so a strict `>` keeps the first seen among equals.
  for (const [id, n] of counts) if (n > bestCount) [best, bestCount] = [id, n];
  return best;
}

function synthesizedTrace(traceId: string | undefined): PyDict {
  if (traceId === undefined) return new Map([["properties", new Map()]]);
  return new Map<string, PyValue>([
    ["id", traceId],
    ["properties", new Map([["$ai_trace_id", traceId]])],
  ]);
}
