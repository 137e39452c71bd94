/**
 * Schemas shared by routes: the error body, the project path parameter, and the JSON bodies and
 * answers routes declare. Routes validate with these and `GET /api/schema` documents them, so the
 * documentation cannot drift from the checks.
 */

import { z } from "@hono/zod-openapi";

/** The body of every error response (PostHog's shape). */
export const ErrorSchema = z
  .object({
    type: z.string().openapi({ example: "validation_error" }),
    code: z.string().openapi({ example: "invalid" }),
    detail: z.string(),
    attr: z.string().nullable(),
    errors: z
      .array(z.object({ attr: z.string().nullable(), code: z.string(), detail: z.string() }))
      .optional()
      .openapi({ description: "On 400: every field error, the first of which is repeated in detail/attr." }),
  })
  .openapi("Error");

/** The path parameter every project route has. */
export const ProjectParamsSchema = z.object({
  project_id: z.string().openapi({ param: { name: "project_id", in: "path" }, example: "1" }),
});

/** The JSON error responses every project route can give, for `createRoute({ responses })`. */
export const COMMON_ERROR_RESPONSES = {
  400: jsonResponse(ErrorSchema, "Invalid JSON or fields"),
  401: jsonResponse(ErrorSchema, "Missing or unknown personal API key"),
  403: jsonResponse(ErrorSchema, "The key lacks the route's scope"),
  404: jsonResponse(ErrorSchema, "Not found, or the key is not for this project"),
  413: jsonResponse(ErrorSchema, "Body larger than the limit"),
  429: jsonResponse(ErrorSchema, "Rate limit exceeded; see Retry-After"),
} as const;

/** The security requirement of every project route. */
export const PERSONAL_API_KEY_SECURITY = [{ PersonalApiKey: [] }];

/** Matches a uuid (any version), so a malformed id answers 404 like an unknown one. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A required JSON request body validated by `schema`, for `createRoute({ request: { body } })`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } } as const;
}

/** A JSON response described by `schema`, for `createRoute({ responses })`. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** The answers of a route that calls an LLM, besides {@link COMMON_ERROR_RESPONSES}. */
export const LLM_ERROR_RESPONSES = {
  500: jsonResponse(ErrorSchema, "The project's provider key cannot be decrypted"),
  502: jsonResponse(ErrorSchema, "The LLM provider failed (its own error text is never passed on)"),
  503: jsonResponse(ErrorSchema, "No LLM configured: add a project provider key or set OPENAI_API_KEY"),
  504: jsonResponse(ErrorSchema, "The LLM provider did not answer in time"),
} as const;
