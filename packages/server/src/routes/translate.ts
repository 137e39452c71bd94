/**
 * `llm_analytics/translate` (endpoints.md §3): one text (at most 10,000 characters) translated by
 * the project's LLM, keeping its formatting. Answers 200 `{translation, detected_language,
 * provider}`. Unlike the reference (whose `detected_language` is always null), the model is asked
 * for the source language in the same structured answer.
 */

import { createRoute, z } from "@hono/zod-openapi";
import type { App, AppDeps } from "../deps.js";
import { COMMON_ERROR_RESPONSES, jsonBody, jsonResponse, LLM_ERROR_RESPONSES, PERSONAL_API_KEY_SECURITY, ProjectParamsSchema } from "../http/schemas.js";
import { codePointLength } from "../llm/code-points.js";
import { LlmError } from "../llm/index.js";
import { llmFailure, markKeyUsed, resolveProjectLlm } from "../llm/project-llm.js";
import { TRANSLATION_JSON_SCHEMA, translationSystemPrompt } from "../llm/prompts.js";

/** The longest text accepted, in characters (code points, as Python's `len`). */
export const MAX_TRANSLATE_CHARS = 10_000;

/** How long the model may take for one translation (PostHog uses 30 s). */
export const TRANSLATE_TIMEOUT_MS = 30_000;

const TranslateRequestSchema = z
  .object({
    text: z
      .string({ error: "This field is required: the text to translate." })
      .refine((text) => text.trim() !== "", "This field may not be blank.")
      .refine((text) => codePointLength(text) <= MAX_TRANSLATE_CHARS, `Ensure this field has no more than ${MAX_TRANSLATE_CHARS} characters.`)
      .openapi({ maxLength: MAX_TRANSLATE_CHARS, example: "Hola, ¿cómo estás?" }),
    target_language: z
      .string()
      .trim()
      .min(1, "This field may not be blank.")
      .max(10, "Ensure this field has no more than 10 characters.")
      .default("en")
      .openapi({ description: "A language code such as en, de, ja (default en); unknown codes are passed to the model as given." }),
  })
  .openapi("TranslateRequest");

const TranslateResponseSchema = z
  .object({
    translation: z.string(),
    detected_language: z.string().nullable().openapi({ description: "ISO 639-1 code of the original, when the model named one." }),
    provider: z.string(),
  })
  .openapi("TranslateResponse");

const ModelAnswerSchema = z.object({ translation: z.string(), detected_language: z.string().nullable().optional() });

/**
 * The model's translation with the original's leading and trailing whitespace restored: models
 * trim, and PostHog trims too, but blank lines around a text are part of its formatting.
 */
function keepOuterWhitespace(original: string, translated: string): string {
  const leading = /^\s*/.exec(original)?.[0] ?? "";
  const trailing = /\s*$/.exec(original)?.[0] ?? "";
  return `${leading}${translated.trim()}${trailing}`;
}

/** Registers `POST llm_analytics/translate` on `app`. */
export function registerTranslateRoutes(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/environments/{project_id}/llm_analytics/translate",
      summary: "Translate a text, keeping its formatting",
      tags: ["llm_analytics"],
      security: PERSONAL_API_KEY_SECURITY,
      request: {
        params: ProjectParamsSchema,
        body: jsonBody(TranslateRequestSchema),
      },
      responses: {
        200: jsonResponse(TranslateResponseSchema, "The translation"),
        ...COMMON_ERROR_RESPONSES,
        ...LLM_ERROR_RESPONSES,
      },
    }),
    async (c) => {
      const projectId = c.get("projectId");
      const { text, target_language: targetLanguage } = c.req.valid("json");
      const llm = await resolveProjectLlm(deps, projectId);
      let answer: z.infer<typeof ModelAnswerSchema>;
      try {
        const completion = await deps.llm.complete({
          provider: llm.provider,
          apiKey: llm.apiKey,
          system: translationSystemPrompt(targetLanguage),
          user: text,
          jsonSchema: TRANSLATION_JSON_SCHEMA,
          timeoutMs: TRANSLATE_TIMEOUT_MS,
        });
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(completion.text);
        } catch {
          // Reported as a malformed answer just below.
        }
        const result = ModelAnswerSchema.safeParse(parsed);
        if (!result.success) throw new LlmError("bad_response", llm.provider);
        answer = result.data;
      } catch (error) {
        throw llmFailure(error, "Translation failed", llm);
      }
      await markKeyUsed(deps, projectId, llm);
      const detected = answer.detected_language?.trim().toLowerCase();
      return c.json(
        {
          translation: keepOuterWhitespace(text, answer.translation),
          detected_language: detected !== undefined && /^[a-z]{2,3}(-[a-z0-9]+)?$/.test(detected) ? detected : null,
          provider: llm.provider,
        },
        200,
      );
    },
  );
}
