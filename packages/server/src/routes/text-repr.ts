/**
 * `POST llm_analytics/text_repr`: the engine's `renderJson` behind HTTP. The raw body goes to the
 * engine untouched (it owns parsing and DRF-compatible validation), and its `TracescribeError`
 * becomes exactly the status and body the engine chose, so the server answers as the CLI does.
 */

import { z } from "@hono/zod-openapi";
import { renderJson, TracescribeError } from "tracescribe";
import type { App, AppDeps } from "../deps.js";
import { ApiError } from "../http/errors.js";
import { COMMON_ERROR_RESPONSES, jsonBody, jsonResponse, PERSONAL_API_KEY_SECURITY, ProjectParamsSchema } from "../http/schemas.js";

/**
 * The request as documented in `GET /api/schema`. It documents rather than validates: the engine
 * validates the body itself, because its 400 bodies must match PostHog's byte for byte.
 */
const TextReprRequestSchema = z
  .object({
    event_type: z.enum(["$ai_generation", "$ai_span", "$ai_embedding", "$ai_trace"]),
    data: z.record(z.string(), z.unknown()).openapi({
      description: "One event {id, event, properties}, or for $ai_trace {trace, hierarchy}.",
    }),
    options: z
      .object({
        truncated: z.boolean(),
        truncate_buffer: z.number().int(),
        include_markers: z.boolean(),
        collapsed: z.boolean(),
        include_line_numbers: z.boolean(),
        max_length: z.number().int(),
        tools_collapse_threshold: z.number().int(),
      })
      .partial()
      .optional(),
  })
  .openapi("TextReprRequest");

const TextReprResponseSchema = z
  .object({
    text: z.string(),
    metadata: z.object({
      event_type: z.string(),
      event_id: z.unknown(),
      trace_id: z.unknown(),
      rendering: z.literal("detailed"),
      char_count: z.number().int(),
      truncated: z.boolean(),
    }),
  })
  .openapi("TextReprResponse");

/** Registers `POST llm_analytics/text_repr` on `app`. */
export function registerTextReprRoutes(app: App, deps: AppDeps): void {
  void deps;
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/api/environments/{project_id}/llm_analytics/text_repr",
    summary: "Render an LLM-analytics event or trace as text (PostHog's text_repr)",
    tags: ["llm_analytics"],
    security: PERSONAL_API_KEY_SECURITY,
    request: {
      params: ProjectParamsSchema,
      body: jsonBody(TextReprRequestSchema),
    },
    responses: {
      200: jsonResponse(TextReprResponseSchema, "The text and its metadata"),
      ...COMMON_ERROR_RESPONSES,
      400: jsonResponse(
        z.record(z.string(), z.unknown()),
        "The engine's 400 body, identical to PostHog's (DRF field errors or a validation_error)",
      ),
    },
  });

  // The engine decodes the raw bytes as DRF does: Request.text() would drop a leading byte-order
  // mark and replace invalid bytes, where DRF's parser answers 400 for both.
  app.post("/api/environments/:project_id/llm_analytics/text_repr", async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    try {
      return c.json(renderJson(body), 200);
    } catch (error) {
      if (error instanceof TracescribeError) throw new ApiError(error.status, error.body);
      throw error;
    }
  });
}
