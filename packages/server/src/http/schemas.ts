/**
 * Schemas shared by routes: the error body and the project path parameter. Routes validate with
 * these and `GET /api/schema` documents them, so the documentation cannot drift from the checks.
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
  400: { description: "Invalid JSON or fields", content: { "application/json": { schema: ErrorSchema } } },
  401: { description: "Missing or unknown personal API key", content: { "application/json": { schema: ErrorSchema } } },
  403: { description: "The key lacks the route's scope", content: { "application/json": { schema: ErrorSchema } } },
  404: {
    description: "Not found, or the key is not for this project",
    content: { "application/json": { schema: ErrorSchema } },
  },
  413: { description: "Body larger than the limit", content: { "application/json": { schema: ErrorSchema } } },
  429: { description: "Rate limit exceeded; see Retry-After", content: { "application/json": { schema: ErrorSchema } } },
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
