/**
 * `llm_analytics/summarization` and `summarization/batch_check` (endpoints.md §2). A trace or event
 * is rendered with the engine (line numbers on, markers and truncation off), summarised by the
 * project's LLM with line references such as `[L45]`, and cached.
 *
 * Deliberate differences from PostHog's reference:
 * - the cache key holds a hash of the rendered text (and the provider and model), so changed data
 *   is never answered with a stale summary;
 * - every line reference is checked against the rendered text: invalid ones are removed and listed
 *   in `metadata.removed_line_refs`;
 * - the body carries both metadata shapes (`model` as the public docs show, `summarize_type` as the
 *   code returns) and a top-level `title`.
 */

import { createRoute, z } from "@hono/zod-openapi";
import { render, TracescribeError } from "tracescribe";
import type { App, AppDeps } from "../deps.js";
import { ApiError } from "../http/errors.js";
import { COMMON_ERROR_RESPONSES, jsonBody, jsonResponse, LLM_ERROR_RESPONSES, PERSONAL_API_KEY_SECURITY, ProjectParamsSchema } from "../http/schemas.js";
import { codePointLength } from "../llm/code-points.js";
import { DEFAULT_MODELS, LlmError } from "../llm/index.js";
import { existingLines, filterLineRefs } from "../llm/line-refs.js";
import { llmFailure, markKeyUsed, resolveProjectLlm } from "../llm/project-llm.js";
import { SUMMARY_JSON_SCHEMA, summarySystemPrompt, summaryUserPrompt } from "../llm/prompts.js";
import { contentHash, latestTraceSummaryKey, summaryCacheKey } from "../llm/summary-cache-keys.js";

/** How long the model may take for one summary (PostHog uses 120 s). */
export const SUMMARY_TIMEOUT_MS = 120_000;

/**
 * The rendered text's budget in characters before it goes to the model: it keeps the prompt inside
 * every default model's context window (the smallest, Claude Haiku, takes about 200k tokens).
 * Longer texts are sampled by the engine's `max_length`, which keeps line labels, so citations
 * still point at real lines.
 */
export const SUMMARY_MAX_TEXT_LENGTH = 400_000;

/** `batch_check` accepts at most this many trace ids (PostHog's limit). */
export const MAX_BATCH_TRACE_IDS = 100;

/** Response header saying whether the summary came from the cache (`hit`) or the model (`miss`). */
export const CACHE_HEADER = "X-Tracescribe-Cache";

const ModeSchema = z.enum(["minimal", "detailed"]).default("minimal").openapi({ description: "Default minimal." });

const SummarizeRequestSchema = z
  .object({
    summarize_type: z.enum(["trace", "event"]),
    mode: ModeSchema,
    data: z.record(z.string(), z.unknown()).openapi({
      description: "For a trace: {trace: {...}, hierarchy: [...]}. For an event: {event: {id, event, properties}}.",
    }),
    force_refresh: z.boolean().default(false).openapi({ description: "Skip the cache read (the result is still cached)." }),
    model: z
      .string()
      .max(100)
      .nullable()
      .optional()
      .openapi({ description: "The provider's model; null or empty means the provider's default." }),
  })
  .openapi("SummarizeRequest");

const SummarizeResponseSchema = z
  .object({
    summary: z.string().openapi({ description: "Markdown; every [L45] / [L45-52] reference exists in text_repr." }),
    title: z.string(),
    text_repr: z.string().openapi({ description: "The line-numbered text the references point into." }),
    metadata: z.object({
      text_repr_length: z.number().int().openapi({ description: "Length of text_repr in characters (code points)." }),
      model: z.string(),
      provider: z.string(),
      summarize_type: z.enum(["trace", "event"]),
      mode: z.enum(["minimal", "detailed"]),
      removed_line_refs: z.array(z.string()).openapi({ description: "References the model made to lines that do not exist (removed)." }),
    }),
  })
  .openapi("SummarizeResponse");

const BatchCheckRequestSchema = z
  .object({
    trace_ids: z
      .array(z.string().trim().min(1, "A trace id must not be blank."))
      .max(MAX_BATCH_TRACE_IDS, `At most ${MAX_BATCH_TRACE_IDS} trace ids per request.`),
    mode: ModeSchema,
  })
  .openapi("SummaryBatchCheckRequest");

const BatchCheckResponseSchema = z
  .object({
    summaries: z.array(z.object({ trace_id: z.string(), title: z.string(), cached: z.literal(true) })),
  })
  .openapi("SummaryBatchCheckResponse");

const ModelAnswerSchema = z.object({ title: z.string(), summary: z.string().min(1) });

type SummarizeRequest = z.infer<typeof SummarizeRequestSchema>;

const BASE = "/api/environments/{project_id}/llm_analytics/summarization";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isNonEmptyObject = (value: unknown): value is Record<string, unknown> => isObject(value) && Object.keys(value).length > 0;
const asId = (value: unknown): string | null =>
  (typeof value === "string" && value !== "") || (typeof value === "number" && Number.isFinite(value)) ? String(value) : null;

/** What to render, and under which id it is cached (PostHog's checks and messages, §2.1). */
function resolveEntity(body: SummarizeRequest): { entityId: string; renderRequest: Record<string, unknown> } {
  const options = { include_line_numbers: true, include_markers: false, truncated: false, collapsed: false, max_length: SUMMARY_MAX_TEXT_LENGTH };
  if (body.summarize_type === "trace") {
    const { trace, hierarchy } = body.data;
    if (!isNonEmptyObject(trace) || !Array.isArray(hierarchy)) {
      throw ApiError.validation("Trace summarization requires 'trace' and 'hierarchy' fields");
    }
    const properties = isObject(trace["properties"]) ? trace["properties"] : {};
    const entityId = asId(properties["$ai_trace_id"]) ?? asId(trace["id"]);
    if (entityId === null) throw ApiError.validation("Trace must have either '$ai_trace_id' or 'id'");
    return { entityId, renderRequest: { event_type: "$ai_trace", data: { trace, hierarchy }, options } };
  }
  const { event } = body.data;
  if (!isNonEmptyObject(event)) throw ApiError.validation("Event summarization requires 'event' field");
  // The event id, not its trace id: two events of one trace must not share a cache entry.
  const entityId = asId(event["id"]);
  if (entityId === null) throw ApiError.validation("Event must have an 'id' field");
  const eventType = typeof event["event"] === "string" ? event["event"] : "$ai_generation";
  return { entityId, renderRequest: { event_type: eventType, data: event, options } };
}

function renderText(request: Record<string, unknown>): string {
  try {
    return render(request).text;
  } catch (error) {
    // The engine's 400 bodies say exactly which field it could not render.
    if (error instanceof TracescribeError) throw new ApiError(error.status, error.body);
    throw error;
  }
}

/** Registers `summarization` and `summarization/batch_check` on `app`. */
export function registerSummarizationRoutes(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: "post",
      path: BASE,
      summary: "Summarise a trace or event with line references, cached per content, mode and model",
      tags: ["llm_analytics"],
      security: PERSONAL_API_KEY_SECURITY,
      request: {
        params: ProjectParamsSchema,
        body: jsonBody(SummarizeRequestSchema),
      },
      responses: {
        200: jsonResponse(SummarizeResponseSchema, "The summary (from the cache when the X-Tracescribe-Cache header says hit)"),
        ...COMMON_ERROR_RESPONSES,
        ...LLM_ERROR_RESPONSES,
      },
    }),
    async (c) => {
      const projectId = c.get("projectId");
      const body = c.req.valid("json");
      const { entityId, renderRequest } = resolveEntity(body);
      const llm = await resolveProjectLlm(deps, projectId);
      const text = renderText(renderRequest);
      const model = body.model !== undefined && body.model !== null && body.model.trim() !== "" ? body.model.trim() : DEFAULT_MODELS[llm.provider];
      const key = summaryCacheKey({
        projectId,
        summarizeType: body.summarize_type,
        entityId,
        mode: body.mode,
        provider: llm.provider,
        model,
        contentHash: contentHash(text),
      });

      if (!body.force_refresh) {
        const cached = await deps.store.summaryCache.get(key, deps.clock());
        if (cached !== null) {
          c.header(CACHE_HEADER, "hit");
          return c.json(JSON.parse(cached) as z.infer<typeof SummarizeResponseSchema>, 200);
        }
      }

      const action = "Failed to generate summary";
      let answer: z.infer<typeof ModelAnswerSchema>;
      let usedModel: string;
      try {
        const completion = await deps.llm.complete({
          provider: llm.provider,
          apiKey: llm.apiKey,
          model,
          system: summarySystemPrompt(body.mode),
          user: summaryUserPrompt(body.summarize_type, entityId, text),
          jsonSchema: SUMMARY_JSON_SCHEMA,
          timeoutMs: SUMMARY_TIMEOUT_MS,
        });
        usedModel = completion.model;
        const parsed = ModelAnswerSchema.safeParse(parseJsonOrNull(completion.text));
        if (!parsed.success) throw new LlmError("bad_response", llm.provider);
        answer = parsed.data;
      } catch (error) {
        throw llmFailure(error, action, llm);
      }
      await markKeyUsed(deps, projectId, llm);

      const lines = existingLines(text);
      const summary = filterLineRefs(answer.summary, lines);
      // Titles carry no references at all: every one is dropped, valid or not.
      const title = filterLineRefs(answer.title, new Set<number>()).text.trim() || `Untitled ${body.summarize_type}`;
      const response: z.infer<typeof SummarizeResponseSchema> = {
        summary: summary.text,
        title,
        text_repr: text,
        metadata: {
          text_repr_length: codePointLength(text),
          model: usedModel,
          provider: llm.provider,
          summarize_type: body.summarize_type,
          mode: body.mode,
          removed_line_refs: [...summary.removed],
        },
      };

      const ttlMs = deps.config.summaryCacheTtlSeconds * 1000;
      if (ttlMs > 0) {
        const expiresAt = deps.clock() + ttlMs;
        await deps.store.summaryCache.set(key, JSON.stringify(response), expiresAt);
        if (body.summarize_type === "trace") {
          await deps.store.summaryCache.set(latestTraceSummaryKey(projectId, entityId, body.mode), JSON.stringify({ title }), expiresAt);
        }
      }
      c.header(CACHE_HEADER, "miss");
      return c.json(response, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${BASE}/batch_check`,
      summary: "Which of these traces have a cached summary (and its title); never calls an LLM",
      tags: ["llm_analytics"],
      security: PERSONAL_API_KEY_SECURITY,
      request: {
        params: ProjectParamsSchema,
        body: jsonBody(BatchCheckRequestSchema),
      },
      responses: { 200: jsonResponse(BatchCheckResponseSchema, "The cached subset, in request order"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const projectId = c.get("projectId");
      const { trace_ids: traceIds, mode } = c.req.valid("json");
      const keys = traceIds.map((traceId) => latestTraceSummaryKey(projectId, traceId, mode));
      const found = await deps.store.summaryCache.getMany(keys, deps.clock());
      const summaries = traceIds.flatMap((traceId, i) => {
        const entry = found.get(keys[i] as string);
        if (entry === undefined) return [];
        const title = (parseJsonOrNull(entry) as { title?: unknown } | null)?.title;
        return [{ trace_id: traceId, title: typeof title === "string" && title !== "" ? title : "Untitled trace", cached: true as const }];
      });
      return c.json({ summaries }, 200);
    },
  );
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
