/**
 * Errors of the engine. Requests the reference rejects become a {@link TracescribeError} carrying
 * the HTTP status and the reference's response body; inputs on which the reference crashes (HTTP
 * 500) become a 400 with a body that says what could not be rendered.
 */

/** A JSON response body, as the reference's endpoint writes it. */
export type ErrorBody = { readonly [key: string]: unknown };

/** Which rule rejected the request. */
export type TracescribeErrorCode =
  /** The request failed field validation (DRF serializer errors; the body maps fields to messages). */
  | "invalid_request"
  /** A view-level check failed (missing `properties`, `id`, `trace` or `hierarchy`). */
  | "validation_error"
  /** The text was not JSON. */
  | "parse_error"
  /** A string that must be base64-encoded holds a lone UTF-16 surrogate (`Invalid data format`). */
  | "invalid_data"
  /** A value of a type the format cannot render where it stands (the reference crashes here). */
  | "unrenderable";

/**
 * A request that cannot be rendered. `status` is the HTTP status to answer (always 400) and
 * `body` the JSON body, identical to the reference's wherever the reference answers 400.
 */
export class TracescribeError extends Error {
  override name = "TracescribeError";
  readonly status = 400 as const;
  constructor(
    readonly code: TracescribeErrorCode,
    readonly body: ErrorBody,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Thrown inside rendering where the reference raises `ValueError` (a lone surrogate that has to be
 * base64-encoded); the top level turns it into `400 {"error": "Invalid data format"}`.
 */
export class InvalidDataError extends Error {
  override name = "InvalidDataError";
}

/**
 * Thrown inside rendering where the reference crashes with a 500 (a list `type`, a numeric
 * `tool_calls`, a non-string span name …). `path` names the offending value, e.g.
 * `data.properties.$ai_span_name`, when the thrower knows it.
 */
export class UnrenderableError extends Error {
  override name = "UnrenderableError";
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}
