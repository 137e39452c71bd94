// STUB while the engine is being assembled: the server codes against these names.
import { TracescribeError } from "./errors.js";
export { TracescribeError } from "./errors.js";

/** The 200 response of `text_repr`. */
export interface RenderResponse {
  readonly text: string;
  readonly metadata: {
    readonly event_type: string;
    readonly event_id: unknown;
    readonly trace_id: unknown;
    readonly rendering: "detailed";
    readonly char_count: number;
    readonly truncated: boolean;
  };
}

/** Renders a request given as JSON text. @throws {TracescribeError} */
export function renderJson(text: string): RenderResponse {
  void text;
  throw new TracescribeError("invalid_request", { detail: "not implemented" }, "not implemented");
}

/** Renders a request given as a plain object. @throws {TracescribeError} */
export function render(request: unknown): RenderResponse {
  void request;
  throw new TracescribeError("invalid_request", { detail: "not implemented" }, "not implemented");
}
