/**
 * The one rendering pipeline: request → validated request and frozen settings → State → handler →
 * line numbers → `max_length` → `{text, metadata}`. Every error leaves as a {@link TracescribeError}.
 */
import { InvalidDataError, TracescribeError, UnrenderableError } from "../errors.js";
import type { Line } from "../format/lines.js";
import { finishLines } from "../format/sample-lines.js";
import { decodeRequestBytes } from "../parse/request-bytes.js";
import { buildMetadata, parseRequest, type RenderMetadata } from "../parse/request.js";
import { fromJs, JsonSyntaxError, parseJson } from "../python/index.js";
import { isDict, isList, type PyValue } from "../value/py-value.js";
import { createState, eventHandlerFor, toEventInput } from "./create-state.js";
import { defaultHandlers } from "./handle/index.js";
import type { Handlers } from "./state.js";

/** The 200 answer of `text_repr`. */
export interface RenderResponse {
  /** The rendered text. */
  readonly text: string;
  /** What was rendered and whether the `max_length` budget cut it. */
  readonly metadata: RenderMetadata;
}

/** Options of a render call that are not part of the request. */
export interface RenderCallOptions {
  /**
   * Handlers replacing or adding to {@link defaultHandlers}, keyed by event name.
   * @example render(request, { handlers: { $ai_span: mySpan } })
   */
  readonly handlers?: Partial<Handlers>;
}

/** The outcome of {@link safeRender}: the response, or the error that {@link render} would throw. */
export type SafeRenderResult =
  | { readonly success: true; readonly data: RenderResponse }
  | { readonly success: false; readonly error: TracescribeError };

/** Converts anything thrown while rendering into the typed error the caller sees. */
function toTracescribeError(error: unknown): TracescribeError {
  if (error instanceof TracescribeError) return error;
  if (error instanceof InvalidDataError) {
    return new TracescribeError("invalid_data", { error: "Invalid data format" }, error.message);
  }
  if (error instanceof JsonSyntaxError) {
    const detail = `JSON parse error - ${error.message}`;
    return new TracescribeError("parse_error", { type: "validation_error", code: "parse_error", detail, attr: null }, detail);
  }
  if (error instanceof UnrenderableError) {
    const detail = `Cannot render this data: ${error.message}`;
    const body = { type: "validation_error", code: "unrenderable", detail, attr: error.path ?? null };
    return new TracescribeError("unrenderable", body, detail);
  }
  // Not an error of ours: a bug. The caller still gets a 400 (as the reference answers 500 with
  // a fixed message), and the original stays reachable as `cause` for logs and tests.
  const detail = "Failed to generate text representation";
  const body = { type: "validation_error", code: "unrenderable", detail, attr: null };
  return new TracescribeError("unrenderable", body, detail, { cause: error });
}

function renderParsed(body: PyValue, options: RenderCallOptions | undefined): RenderResponse {
  const request = parseRequest(body);
  const handlers = (options?.handlers ? { ...defaultHandlers, ...options.handlers } : defaultHandlers) as Handlers;
  const builtInHandlers = Object.entries(handlers).every(
    ([name, handler]) => Object.hasOwn(defaultHandlers, name) && defaultHandlers[name] === handler,
  );
  const state = createState(request.settings, handlers, { builtInHandlers });
  const { data } = request;
  let lines: readonly Line[];
  if (request.eventType === "$ai_trace" && isDict(data)) {
    const trace = data.get("trace");
    const hierarchy = data.get("hierarchy");
    if (!isDict(trace) || !isList(hierarchy)) throw new UnrenderableError("data.trace must be an object and data.hierarchy a list", "data");
    lines = handlers.$ai_trace(trace, hierarchy, state);
  } else if (isDict(data)) {
    const event = toEventInput(data);
    lines = eventHandlerFor(handlers, event.name)(event, state);
  } else {
    throw new UnrenderableError("data must be an object", "data");
  }
  const budgeted = finishLines(lines, request.settings.maxLength, request.settings.includeLineNumbers);
  return { text: budgeted.text, metadata: buildMetadata(request, budgeted.text, budgeted.truncated) };
}

/**
 * Renders a `text_repr` request `{event_type, data, options?}` given as a plain object (numbers:
 * an integral `number` is a Python int, any other a float — pass JSON text to
 * {@link renderJson} to keep `1.0` apart from `1`), or as a value from {@link parseJson}.
 * @throws {TracescribeError} with the reference's 400 body for an invalid request.
 * @example render({ event_type: "$ai_generation", data: { id: "g1", properties: { $ai_input: "hi" } } }).text
 */
export function render(request: unknown, options?: RenderCallOptions): RenderResponse {
  try {
    return renderParsed(isDict(request) ? request : fromJs(request), options);
  } catch (error) {
    throw toTracescribeError(error);
  }
}

/**
 * Renders a request given as JSON text, keeping number spelling (`1.0`, `1e-07`) and key order
 * exactly as written. `NaN`/`Infinity` literals are rejected, as the endpoint's parser does. The
 * text may also be given as the bytes of a request body, decoded as the endpoint decodes them
 * (strict UTF-8, an incomplete character at the very end dropped).
 * @throws {TracescribeError} (`parse_error` for text that is not JSON or bytes that are not UTF-8).
 */
export function renderJson(text: string | Uint8Array, options?: RenderCallOptions): RenderResponse {
  try {
    return renderParsed(parseJson(typeof text === "string" ? text : decodeRequestBytes(text), { allowConstants: false }), options);
  } catch (error) {
    throw toTracescribeError(error);
  }
}

function safely(run: () => RenderResponse): SafeRenderResult {
  try {
    return { success: true, data: run() };
  } catch (error) {
    return { success: false, error: toTracescribeError(error) };
  }
}

/** {@link render} without throwing. */
export function safeRender(request: unknown, options?: RenderCallOptions): SafeRenderResult {
  return safely(() => render(request, options));
}

/** {@link renderJson} without throwing. */
export function safeRenderJson(text: string | Uint8Array, options?: RenderCallOptions): SafeRenderResult {
  return safely(() => renderJson(text, options));
}
