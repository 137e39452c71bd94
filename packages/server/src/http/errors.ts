/**
 * The one error type of the server and the one place it becomes a response. Routes and middleware
 * throw {@link ApiError}; `handleError` (installed with `app.onError`) turns it, Hono's own
 * `HTTPException`s (malformed JSON, 413, 415) and anything unexpected into JSON. Bodies follow
 * PostHog's exception shape `{type, code, detail, attr}` so PostHog clients read them unchanged.
 */

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

/** PostHog's error categories (`type` in the body). */
export type ApiErrorType =
  | "validation_error"
  | "authentication_error"
  | "invalid_request"
  | "throttled_error"
  | "server_error";

/** One field problem of a 400, as listed in `errors`. */
export interface FieldError {
  readonly attr: string | null;
  readonly code: string;
  readonly detail: string;
}

/**
 * An error with the exact status, body and headers to answer. Throw it anywhere below a route.
 * @example throw ApiError.notFound("Prompt with name 'x' not found.")
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: Readonly<Record<string, unknown>>,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof body["detail"] === "string" ? body["detail"] : `HTTP ${status}`);
  }

  /** A body in PostHog's shape. */
  static of(
    status: ContentfulStatusCode,
    type: ApiErrorType,
    code: string,
    detail: string,
    attr: string | null = null,
    headers: Readonly<Record<string, string>> = {},
  ): ApiError {
    return new ApiError(status, { type, code, detail, attr }, headers);
  }

  /** 400 for one bad field (or the request as a whole when `attr` is null). */
  static validation(detail: string, attr: string | null = null, code = "invalid"): ApiError {
    return ApiError.of(400, "validation_error", code, detail, attr);
  }

  /** 400 listing every field problem; `detail`/`attr` repeat the first, as PostHog reports one. */
  static fields(errors: readonly FieldError[]): ApiError {
    const first = errors[0] ?? { attr: null, code: "invalid", detail: "Invalid request." };
    return new ApiError(400, { type: "validation_error", code: first.code, detail: first.detail, attr: first.attr, errors });
  }

  /** 401: no usable credentials. */
  static unauthenticated(detail: string): ApiError {
    return ApiError.of(401, "authentication_error", "not_authenticated", detail, null, {
      "WWW-Authenticate": 'Bearer realm="tracescribe"',
    });
  }

  /** 403: authenticated, but not allowed. */
  static forbidden(detail: string): ApiError {
    return ApiError.of(403, "authentication_error", "permission_denied", detail);
  }

  /** 404; also used for another project's objects, so their existence is not revealed. */
  static notFound(detail = "Not found."): ApiError {
    return ApiError.of(404, "invalid_request", "not_found", detail);
  }

  /** 405 naming the allowed methods. */
  static methodNotAllowed(method: string, allowed: readonly string[]): ApiError {
    return ApiError.of(405, "invalid_request", "method_not_allowed", `Method "${method}" not allowed.`, null, {
      Allow: allowed.join(", "),
    });
  }

  /**
   * 413 naming the limit. The body is left unread, so the connection is closed after the answer:
   * a keep-alive client would otherwise send its next request into the unread rest of this one.
   */
  static payloadTooLarge(limitBytes: number): ApiError {
    return ApiError.of(
      413,
      "invalid_request",
      "payload_too_large",
      `Request body is too large: the limit is ${limitBytes} bytes. Send a smaller body, or raise TRACESCRIBE_BODY_LIMIT_BYTES.`,
      null,
      { Connection: "close" },
    );
  }

  /** 429 with `Retry-After` in whole seconds (at least 1). */
  static throttled(retryAfterSeconds: number): ApiError {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return ApiError.of(
      429,
      "throttled_error",
      "throttled",
      `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? "" : "s"}.`,
      null,
      { "Retry-After": String(seconds) },
    );
  }
}

/**
 * The zod issues of a failed parse as {@link FieldError}s. `attr` is the dotted path of the field
 * (`name`, `options.max_length`), or null for the request as a whole (e.g. a body that is a list).
 */
export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    attr: issue.path.length > 0 ? issue.path.map(String).join(".") : null,
    code: issue.code,
    detail: issue.message,
  }));
}

/**
 * The `defaultHook` of the app: a failed zod validation of params, query or body becomes a 400
 * listing every field error (all issues, not just the first).
 */
export function validationHook(result: { success: true } | { success: false; error: ZodError }): void {
  if (!result.success) throw ApiError.fields(zodFieldErrors(result.error));
}

/** The response for `error`; anything that is not an expected error is logged and answered with a generic 500. */
export function errorResponse(error: unknown, c: Context, log?: (line: string) => void): Response {
  const apiError = toApiError(error, log);
  return c.json(apiError.body, apiError.status, apiError.headers);
}

function toApiError(error: unknown, log?: (line: string) => void): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    // Hono raises these for requests it cannot read: malformed JSON (400), wrong media type (415).
    const status = error.status;
    if (status === 415) {
      return ApiError.of(415, "invalid_request", "unsupported_media_type", 'Unsupported media type: send the body as JSON with "Content-Type: application/json".');
    }
    if (status === 400) {
      return ApiError.of(400, "validation_error", "parse_error", `${error.message}: the body must be valid JSON.`);
    }
    if (status < 500) return ApiError.of(status as ContentfulStatusCode, "invalid_request", "invalid", error.message);
  }
  // A stack trace may reveal paths or data, so it goes to the log only, never to the client.
  log?.(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return ApiError.of(500, "server_error", "error", "A server error occurred.");
}
