/**
 * The checks the reference's view makes on `data` after the serializer accepted the request
 * (spec §1 step 2), and the shapes on which the reference crashes before rendering starts
 * (a 500 there, a 400 `unrenderable` here). Once these pass, rendering may rely on: an event's
 * `data` is a dict with a truthy `id` and a dict `properties`; a trace's `data` is a dict whose
 * `trace` is a dict (with a dict `properties` when that key is present) and whose `hierarchy` is a
 * list.
 */
import { getKey, isDict, isList, isTruthy, pyTypeName, type PyDict, type PyValue } from "../value/py-value.js";
import type { EventType } from "./event-types.js";

/**
 * Why `data` cannot be rendered. `invalid`: the reference answers 400 with `detail`; `unrenderable`:
 * the reference crashes (500) and `detail` is our own sentence about the value at `attr`.
 */
export type ViewProblem =
  | { readonly kind: "invalid"; readonly detail: string }
  | { readonly kind: "unrenderable"; readonly detail: string; readonly attr: string };

const invalid = (detail: string): ViewProblem => ({ kind: "invalid", detail });
const unrenderable = (attr: string, detail: string): ViewProblem => ({ kind: "unrenderable", detail, attr });

/** The messages of the view's own 400s, word for word. */
export const VIEW_MESSAGES = {
  traceShape: "Trace events require 'trace' object and 'hierarchy' array in data field",
  traceId: "Trace events require an ID (trace.id or trace.properties.$ai_trace_id)",
  properties: (eventType: string): string => `${eventType} events require 'properties' object in data field`,
  id: (eventType: string): string => `${eventType} events require an 'id' field`,
} as const;

/**
 * Runs the view checks for `eventType` on `data`, in the reference's order, and returns the first
 * problem, or `undefined` when the request can be rendered.
 * @example checkView("$ai_span", new Map([["id", "s"]])) → {kind: "invalid", detail: "$ai_span events require 'properties' object in data field"}
 */
export function checkView(eventType: EventType, data: PyValue): ViewProblem | undefined {
  return eventType === "$ai_trace" ? checkTrace(data) : checkEvent(eventType, data);
}

function checkTrace(data: PyValue): ViewProblem | undefined {
  // The view calls data.get(…) first, which no other type has.
  if (!isDict(data)) {
    return unrenderable("data", `data must be an object with 'trace' and 'hierarchy' for $ai_trace events, got ${pyTypeName(data)}`);
  }
  const trace = data.get("trace");
  if (!isTruthy(trace) || !isList(data.get("hierarchy"))) return invalid(VIEW_MESSAGES.traceShape);
  // The id lookup reads trace.get("properties", {}).get(…): it fails on anything but a dict.
  if (!isDict(trace)) return unrenderable("data.trace", `data.trace must be an object, got ${pyTypeName(trace as PyValue)}`);
  const properties = trace.get("properties");
  if (properties !== undefined && !isDict(properties)) {
    return unrenderable("data.trace.properties", `data.trace.properties must be an object when present, got ${pyTypeName(properties)}`);
  }
  if (!isTruthy(getKey(properties, "$ai_trace_id")) && !isTruthy(trace.get("id"))) return invalid(VIEW_MESSAGES.traceId);
  return undefined;
}

function checkEvent(eventType: EventType, data: PyValue): ViewProblem | undefined {
  if (!hasPropertiesKey(data) && (isDict(data) || typeof data === "string" || isList(data))) {
    return invalid(VIEW_MESSAGES.properties(eventType));
  }
  // Python's `in` has no meaning for a number or a boolean (TypeError); a list holding
  // "properties" or a string containing it passes the `in` test, then data.get fails.
  if (!isDict(data)) return unrenderable("data", `data must be an object for ${eventType} events, got ${pyTypeName(data)}`);
  if (!isTruthy(data.get("id"))) return invalid(VIEW_MESSAGES.id(eventType));
  return checkProperties(data);
}

/** Python's `"properties" in data`: key test for a dict, membership for a list, substring for a str. */
function hasPropertiesKey(data: PyValue): boolean {
  if (isDict(data)) return data.has("properties");
  if (isList(data)) return data.includes("properties");
  return typeof data === "string" && data.includes("properties");
}

// Every event renderer reads properties.get(…) first, which fails on anything but a dict (null too).
function checkProperties(data: PyDict): ViewProblem | undefined {
  const properties = data.get("properties");
  if (isDict(properties)) return undefined;
  return unrenderable("data.properties", `data.properties must be an object, got ${pyTypeName(properties as PyValue)}`);
}
