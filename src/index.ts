/**
 * tracescribe: LLM-analytics events rendered as text, byte-for-byte compatible with PostHog's
 * `text_repr` endpoint. This is the one public entry; everything below is a named export.
 */

// Rendering
export {
  render,
  renderJson,
  safeRender,
  safeRenderJson,
  type RenderCallOptions,
  type RenderResponse,
  type SafeRenderResult,
} from "./render/render.js";

// Errors
export { TracescribeError, type ErrorBody, type TracescribeErrorCode } from "./errors.js";

// The request contract
export {
  renderOptionsSchema,
  renderRequestSchema,
  type RenderMetadata,
  type RenderOptions,
  type RenderRequest,
} from "./parse/request.js";

// Traces from flat events
export { buildHierarchy, type BuildHierarchyOptions, type TraceData } from "./parse/hierarchy.js";

// Handlers and the services they share
export { defaultHandlers } from "./render/handle/index.js";
export type { EncodedLine, Line, MeasuredLine } from "./format/lines.js";
export type { EventHandler, EventInput, Handlers, State, TraceHandler } from "./render/state.js";
export { DEFAULT_SETTINGS, type Settings } from "./render/settings.js";

// The value model and the Python semantics custom handlers print with
export { fromJs, jsonDumps, JsonSyntaxError, parseJson, pyRepr, pyStr, pyUpper, type ParseJsonOptions } from "./python/index.js";
export { isDict, isList, PyFloat, type PyDict, type PyList, type PyValue } from "./value/py-value.js";
export { PackedDict } from "./value/packed-dict.js";
