/**
 * The request contract of `text_repr` (spec §1 steps 1–2, §2) as zod schemas: the serializer's
 * fields with DRF's coercions, then the view's checks on `data`. The same schemas serve two
 * entries: {@link renderRequestSchema} for plain JavaScript input (`JSON.parse` output, user
 * objects) and {@link parseRequest} for {@link PyValue}s, which differ only in how `data` is read.
 * Failures carry the reference's exact 400 bodies (see {@link requestError}).
 */
import * as z from "zod";
import { TracescribeError, UnrenderableError, type ErrorBody } from "../errors.js";
import { codePointLength } from "../format/text.js";
import { fromJs } from "../python/index.js";
import { DEFAULT_SETTINGS, type Settings } from "../render/settings.js";
import { getKey, isDict, isTruthy, makeInt, PyFloat, type PyValue } from "../value/py-value.js";
import {
  coerceBoolean,
  coerceChoice,
  coerceInteger,
  describeValue,
  DRF_MESSAGES,
  pythonTypeName,
  type FieldResult,
} from "./drf-fields.js";
import { EVENT_TYPES, type EventType } from "./event-types.js";
import { toJs, type JsonValue } from "./to-js.js";
import { checkView } from "./view-checks.js";

export { EVENT_TYPES, type EventType } from "./event-types.js";
export { toJs, type JsonValue } from "./to-js.js";

/** A request that passed the serializer and the view checks. */
export interface ParsedRequest {
  readonly eventType: EventType;
  /** `data` as sent. */
  readonly data: PyValue;
  /** The options resolved with their defaults. */
  readonly settings: Settings;
}

/** The `metadata` of a 200 response (spec §1 step 4), as plain JSON values. */
export interface RenderMetadata {
  readonly event_type: EventType;
  /** `data.id` as sent; `null` when absent (so traces normally report `null`). */
  readonly event_id: JsonValue;
  /** Where it is read from depends on the event type, see {@link buildMetadata}. */
  readonly trace_id: JsonValue;
  readonly rendering: "detailed";
  /** Length of the text in code points. */
  readonly char_count: number;
  /** Whether the `max_length` step changed the text. */
  readonly truncated: boolean;
}

/**
 * How an issue of these schemas maps onto the reference's answer. `field`: a message list at the
 * issue's path; `non_field`: `{non_field_errors: [...]}` at the path (a value that should have been
 * a dict); `view`: the view's 400 envelope; `unrenderable`: a value the reference crashes on.
 */
type IssueKind = "field" | "non_field" | "view" | "unrenderable";

/** What our issues carry besides the body message, for the sentence people read. */
interface IssueParams {
  readonly kind: IssueKind;
  readonly explain: string;
  readonly attr?: string;
}

type Ctx = z.core.$RefinementCtx;

function report(ctx: Ctx, message: string, input: unknown, params: IssueParams, path: PropertyKey[] = []): void {
  ctx.addIssue({ code: "custom", message, input, path, params: { ...params } });
}

/** Reports a failed {@link FieldResult} for the value `got`. */
function reportField(ctx: Ctx, result: Extract<FieldResult<unknown>, { ok: false }>, got: unknown): void {
  const explain = `is ${describeValue(got)}; expected ${result.expected}`;
  report(ctx, result.message, got, { kind: "field", explain });
}

/** A schema field from a DRF coercer; `In` is the input type callers are told to send. */
function drfField<In, T, Out>(coerce: (v: unknown) => FieldResult<T>, finish: (t: T) => Out) {
  return z.custom<In>().transform((v: unknown, ctx): Out => {
    const result = coerce(v);
    if (result.ok) return finish(result.value);
    reportField(ctx, result, v);
    return z.NEVER;
  });
}

/** What `IntegerField` options accept (a Python float arrives as `number` or `PyFloat`). */
type IntegerInput = number | bigint | string | PyFloat;
/** What `BooleanField` options accept. */
type BooleanInput = boolean | number | string | PyFloat;

// Settings hold doubles: an int beyond 2^53 behaves the same as its nearest double as a budget or
// a threshold (never reached). The truncate buffer is the exception: the hidden count printed in
// markers is `len - buffer`, exact in Python, so an unsafe buffer stays a bigint.
const integerOption = () => drfField<IntegerInput, bigint, number>(coerceInteger, Number).optional();
const exactIntegerOption = () =>
  drfField<IntegerInput, bigint, number | bigint>(coerceInteger, makeInt).optional();
const booleanOption = () => drfField<BooleanInput, boolean, boolean>(coerceBoolean, (b) => b).optional();

/**
 * The options object in the reference's declaration order, which is the order its errors are
 * listed in. `max_depth`, `include_hierarchy` and `include_metadata` are validated but have no
 * effect (spec §2); keys not listed here are dropped.
 */
const optionsObject = z.object({
  max_length: integerOption(),
  truncated: booleanOption(),
  truncate_buffer: exactIntegerOption(),
  include_markers: booleanOption(),
  collapsed: booleanOption(),
  include_metadata: booleanOption(),
  include_hierarchy: booleanOption(),
  max_depth: integerOption(),
  tools_collapse_threshold: integerOption(),
  include_line_numbers: booleanOption(),
});

/**
 * Turns a dict (a `Map` or a plain object) into a plain object zod can read field by field, or
 * reports DRF's "Expected a dictionary" for anything else; `onNull` reports a `null`.
 */
function asFieldObject(onNull: (ctx: Ctx) => void) {
  return (v: unknown, ctx: Ctx): unknown => {
    if (isDict(v)) return Object.fromEntries(v);
    if (typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof PyFloat)) return v;
    if (v === null || v === undefined) onNull(ctx);
    else {
      const type = pythonTypeName(v);
      report(ctx, DRF_MESSAGES.notADict(type), v, { kind: "non_field", explain: `is a ${type}; expected an object` });
    }
    return z.NEVER;
  };
}

/**
 * The `options` of a request: an object whose declared keys are coerced as DRF does (booleans from
 * `true`/`1`/`"yes"`…, integers from `12`/`12.0`/`" 12 "`/`"1_000"`…) and whose other keys are
 * dropped. Output: the options that were sent, coerced; see {@link resolveSettings} for defaults.
 * @example renderOptionsSchema.parse({max_length: "2000.0", truncated: "T", foo: 1}) → {max_length: 2000, truncated: true}
 */
export const renderOptionsSchema = z.preprocess<unknown, typeof optionsObject, z.input<typeof optionsObject>>(
  asFieldObject((ctx) => report(ctx, DRF_MESSAGES.null, null, { kind: "field", explain: "is null; expected an object" })),
  optionsObject,
);

/** The options a caller may send (all optional). */
export type RenderOptions = z.input<typeof renderOptionsSchema>;

/** The options that were sent, after coercion (integers as numbers). */
export type ValidatedOptions = z.output<typeof renderOptionsSchema>;

/**
 * The request's fields; `readValue` turns the sent value of `data` (and of a non-string
 * `event_type`, whose `str()` the error message shows) into a {@link PyValue}.
 */
function requestFields(readValue: (v: unknown) => PyValue) {
  return z.object({
    event_type: z.custom<EventType>().transform((v: unknown, ctx): EventType => {
      const result = coerceChoice(v === undefined || typeof v === "string" ? v : readOrShow(readValue, v), EVENT_TYPES);
      if (result.ok) return result.value;
      reportField(ctx, result, v);
      return z.NEVER;
    }),
    data: z.custom<NonNullable<JsonValue>>().transform((v: unknown, ctx): PyValue => {
      const missing = v === undefined ? DRF_MESSAGES.required : v === null ? DRF_MESSAGES.null : undefined;
      if (missing !== undefined) {
        report(ctx, missing, v, { kind: "field", explain: `is ${describeValue(v)}; expected any JSON value but null` });
        return z.NEVER;
      }
      try {
        return readValue(v);
      } catch (error) {
        // DRF's JSONField refuses what json.dumps cannot write; only non-JSON JavaScript (a cycle,
        // a function) gets here, as the TypeError fromJs documents. Anything else is a bug.
        if (!(error instanceof TypeError)) throw error;
        report(ctx, DRF_MESSAGES.invalidJson, v, { kind: "field", explain: `cannot be read as JSON (${error.message})` });
        return z.NEVER;
      }
    }),
    options: renderOptionsSchema.optional(),
  });
}

// The message only needs str() of the value; a value that is not JSON at all shows JavaScript's.
function readOrShow(readValue: (v: unknown) => PyValue, v: unknown): PyValue {
  try {
    return readValue(v);
  } catch {
    return String(v);
  }
}

/** The serializer's output made into a {@link ParsedRequest}, or the view's verdict reported. */
function applyViewChecks(
  request: { event_type: EventType; data: PyValue; options?: ValidatedOptions | undefined },
  ctx: Ctx,
): ParsedRequest {
  const problem = checkView(request.event_type, request.data);
  if (problem === undefined) {
    return Object.freeze({
      eventType: request.event_type,
      data: request.data,
      settings: resolveSettings(request.options),
    });
  }
  if (problem.kind === "invalid") {
    report(ctx, problem.detail, request.data, { kind: "view", explain: problem.detail }, ["data"]);
  } else {
    const path = problem.attr.split(".");
    report(ctx, problem.detail, request.data, { kind: "unrenderable", explain: problem.detail, attr: problem.attr }, path);
  }
  return z.NEVER;
}

function rootObject() {
  return asFieldObject((ctx) =>
    report(ctx, DRF_MESSAGES.noData, null, { kind: "non_field", explain: "is null; expected an object" }),
  );
}

const jsFields = requestFields((v) => fromJs(v));
const pyFields = requestFields((v) => v as PyValue);

/**
 * The whole request contract for plain JavaScript input (as `JSON.parse` gives it): serializer
 * validation, then the view checks; the output is a {@link ParsedRequest}. On failure convert the
 * error with {@link requestError} to get the reference's body. A JavaScript number is an int when
 * integral, so here `1e16` counts as the int 10000000000000000 (only {@link parseRequest} sees
 * Python floats).
 * @example renderRequestSchema.parse({event_type: "$ai_span", data: {id: "s", properties: {}}})
 */
export const renderRequestSchema = z
  .preprocess<unknown, typeof jsFields, z.input<typeof jsFields>>(rootObject(), jsFields)
  .transform(applyViewChecks);

const pyRequestSchema = z.preprocess(rootObject(), pyFields).transform(applyViewChecks);

/** A request body as callers write it. */
export type RenderRequest = z.input<typeof renderRequestSchema>;

/**
 * The options with every default applied (spec §2), frozen; `??` so that `0` and `false` stay.
 * @example resolveSettings({max_length: 0}).maxLength === 0
 */
export function resolveSettings(options: ValidatedOptions | undefined): Settings {
  const d = DEFAULT_SETTINGS;
  return Object.freeze({
    truncated: options?.truncated ?? d.truncated,
    truncateBuffer: options?.truncate_buffer ?? d.truncateBuffer,
    includeMarkers: options?.include_markers ?? d.includeMarkers,
    collapsed: options?.collapsed ?? d.collapsed,
    includeLineNumbers: options?.include_line_numbers ?? d.includeLineNumbers,
    maxLength: options?.max_length ?? d.maxLength,
    toolsCollapseThreshold: options?.tools_collapse_threshold ?? d.toolsCollapseThreshold,
  });
}

function paramsOf(issue: z.core.$ZodIssue): IssueParams {
  const params = issue.code === "custom" ? (issue.params as Partial<IssueParams> | undefined) : undefined;
  return { kind: params?.kind ?? "field", explain: params?.explain ?? issue.message, ...(params?.attr ? { attr: params.attr } : {}) };
}

/**
 * The {@link TracescribeError} for a failed parse of {@link renderRequestSchema}: `invalid_request`
 * with DRF's field-error body (every field's errors together, in declaration order),
 * `validation_error` with the view's envelope, or `unrenderable` where the reference would answer
 * 500, with a body `{type: "validation_error", code: "unrenderable", detail, attr}` naming the value.
 */
export function requestError(error: z.ZodError): TracescribeError {
  const issues = error.issues;
  for (const issue of issues) {
    const params = paramsOf(issue);
    if (params.kind === "view") {
      const body = { type: "validation_error", code: "invalid", detail: issue.message, attr: null };
      return new TracescribeError("validation_error", body, issue.message);
    }
    if (params.kind === "unrenderable") {
      const body = { type: "validation_error", code: "unrenderable", detail: issue.message, attr: params.attr ?? null };
      return new TracescribeError("unrenderable", body, issue.message);
    }
  }
  const body: Record<string, unknown> = {};
  const sentences: string[] = [];
  for (const issue of issues) {
    const params = paramsOf(issue);
    const path = issue.path.map(String);
    const value = params.kind === "non_field" ? { non_field_errors: [issue.message] } : [issue.message];
    placeAt(body, path, value);
    sentences.push(`${path.length === 0 ? "the request body" : path.join(".")} ${params.explain}`);
  }
  return new TracescribeError("invalid_request", body as ErrorBody, `Invalid request: ${sentences.join("; ")}`);
}

/** Puts `value` at `path` in `body`, merging `non_field_errors` objects into the level they name. */
function placeAt(body: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let level = body;
  for (const key of path.slice(0, -1)) {
    const next = level[key];
    level = typeof next === "object" && next !== null && !Array.isArray(next) ? (next as Record<string, unknown>) : (level[key] = {});
  }
  const last = path.at(-1);
  if (last === undefined) Object.assign(body, value);
  else level[last] = value;
}

/**
 * Validates a request body given as a {@link PyValue}: the serializer (spec §1 step 1) and the
 * view checks (step 2). Where the reference would crash before rendering (a number `data`, a
 * non-object `data.trace` or `properties` …) it throws an `unrenderable` error instead.
 * @throws {TracescribeError} `invalid_request`, `validation_error` or `unrenderable`.
 * @example parseRequest(parseJson('{"event_type": "$ai_span", "data": {"id": "s", "properties": {}}}')).settings.maxLength === 2000000
 */
export function parseRequest(body: PyValue): ParsedRequest {
  const result = pyRequestSchema.safeParse(body);
  if (!result.success) throw requestError(result.error);
  return result.data;
}

/** Whether `v` holds a float that strict JSON cannot carry (`1e400` parses to infinity). */
function hasNonFinite(v: PyValue): boolean {
  if (typeof v === "number") return !Number.isFinite(v);
  if (v instanceof PyFloat) return !Number.isFinite(v.value);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  return isDict(v) && [...v.values()].some(hasNonFinite);
}

/**
 * `v`, echoed in the metadata. The reference's response renderer writes strict JSON and crashes
 * (500) on an infinite id; that becomes a 400 naming the value.
 */
function jsonSafe(v: PyValue, path: string): PyValue {
  if (hasNonFinite(v)) throw new UnrenderableError(`${path} holds a number too large for JSON, which the response cannot carry`, path);
  return v;
}

/**
 * The `metadata` of a 200 response for `req` and its final `text` (spec §1 step 4): `event_id` is
 * `data.id` as sent; `trace_id` is, for traces, `data.trace.properties.$ai_trace_id` as sent even
 * when falsy, and for events `data.properties.$ai_trace_id` when truthy, else `data.trace_id`
 * whatever it holds; `null` when the key read last is absent. `truncated` is whether `max_length`
 * changed the text.
 * @example buildMetadata(req, "héllo", false).char_count === 5
 */
export function buildMetadata(req: ParsedRequest, text: string, truncated: boolean): RenderMetadata {
  const data = req.data;
  let traceId: PyValue | undefined;
  let traceIdPath: string;
  if (req.eventType === "$ai_trace") {
    traceId = getKey(getKey(getKey(data, "trace"), "properties"), "$ai_trace_id");
    traceIdPath = "data.trace.properties.$ai_trace_id";
  } else {
    const fromProperties = getKey(getKey(data, "properties"), "$ai_trace_id");
    const fromData = !isTruthy(fromProperties);
    traceId = fromData ? getKey(data, "trace_id") : fromProperties;
    traceIdPath = fromData ? "data.trace_id" : "data.properties.$ai_trace_id";
  }
  const eventId = getKey(data, "id");
  return {
    event_type: req.eventType,
    event_id: toJs(jsonSafe(eventId ?? null, "data.id")),
    trace_id: toJs(jsonSafe(traceId ?? null, traceIdPath)),
    rendering: "detailed",
    char_count: codePointLength(text),
    truncated,
  };
}
