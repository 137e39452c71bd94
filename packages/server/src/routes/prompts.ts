/**
 * `llm_prompts`: named prompts with immutable versions (endpoints.md §4). Every change of `prompt`
 * stores a new version (`version` + 1) and older versions stay readable with `?version=N`.
 * There is no DELETE (405, as PostHog): `PATCH {deleted: true}` soft-deletes, which hides the
 * prompt and frees its name.
 */

import { createRoute, z } from "@hono/zod-openapi";
import type { App, AppDeps } from "../deps.js";
import { CreatedBySchema, resolveCreators } from "../http/created-by.js";
import { ApiError } from "../http/errors.js";
import { pageEnvelope, pageRequest, PaginationQuerySchema, pageSchema } from "../http/pagination.js";
import {
  COMMON_ERROR_RESPONSES,
  jsonBody,
  jsonResponse,
  PERSONAL_API_KEY_SECURITY,
  ProjectParamsSchema,
  UUID_PATTERN,
} from "../http/schemas.js";
import type { PromptRecord } from "../store/store.js";

/** The largest `prompt` accepted, in bytes of compact UTF-8 JSON (PostHog's cap). */
export const MAX_PROMPT_BYTES = 1_000_000;

const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

const NameSchema = z
  .string()
  .min(1, "The name must not be empty.")
  .max(255, "The name must be at most 255 characters.")
  .regex(NAME_PATTERN, "Only letters, numbers, hyphens (-) and underscores (_) are allowed.")
  .openapi({ example: "support-agent-system" });

const PromptValueSchema = z
  .unknown()
  .refine((value) => value !== undefined, "This field is required: the prompt as any JSON value (usually a string).")
  .refine(
    (value) => Buffer.byteLength(JSON.stringify(value) ?? "", "utf8") <= MAX_PROMPT_BYTES,
    `The prompt must be at most ${MAX_PROMPT_BYTES} bytes as compact JSON.`,
  )
  .openapi({ description: "Any JSON value; usually a string.", example: "You are a helpful assistant." });

const PromptSchema = z
  .object({
    id: z.string().openapi({ format: "uuid" }),
    name: z.string(),
    prompt: z.unknown(),
    version: z.number().int().openapi({ description: "1 for the first version, +1 for every change of prompt." }),
    created_by: CreatedBySchema,
    created_at: z.string().openapi({ format: "date-time" }),
    updated_at: z.string().openapi({ format: "date-time" }),
    deleted: z.boolean(),
  })
  .openapi("LlmPrompt");

const CreatePromptSchema = z
  .object({ name: NameSchema, prompt: PromptValueSchema })
  .openapi("LlmPromptCreate");

const PatchPromptSchema = z
  .object({
    name: NameSchema.optional(),
    prompt: PromptValueSchema.optional(),
    deleted: z.boolean().optional().openapi({ description: "true soft-deletes the prompt." }),
  })
  .openapi("LlmPromptPatch");

const VersionQuerySchema = z.object({
  version: z
    .string()
    .regex(/^\d+$/, "Expected a whole number of at least 1.")
    .transform(Number)
    .pipe(z.number().int().min(1, "Expected a whole number of at least 1."))
    .optional()
    .openapi({ type: "integer", description: "Read this version instead of the latest." }),
});

const IdParamsSchema = ProjectParamsSchema.extend({
  id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }),
});
const NameParamsSchema = ProjectParamsSchema.extend({
  name: z.string().openapi({ param: { name: "name", in: "path" } }),
});

const BASE = "/api/environments/{project_id}/llm_prompts";

const nameTaken = () => ApiError.validation("A prompt with this name already exists.", "name", "unique");

/** Registers the `llm_prompts` routes on `app`. */
export function registerPromptRoutes(app: App, deps: AppDeps): void {
  const toJson = (r: PromptRecord, creators: Awaited<ReturnType<typeof resolveCreators>>) => ({
    id: r.id,
    name: r.name,
    prompt: r.prompt,
    version: r.version,
    created_by: creators.get(r.createdBy),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    deleted: r.deleted,
  });
  const serialize = async (records: readonly PromptRecord[]) => {
    const creators = await resolveCreators(
      deps.store,
      records.map((r) => r.createdBy),
    );
    return records.map((r) => toJson(r, creators));
  };
  const serializeOne = async (record: PromptRecord) => toJson(record, await resolveCreators(deps.store, [record.createdBy]));
  const now = () => new Date(deps.clock()).toISOString();

  app.openapi(
    createRoute({
      method: "get",
      path: BASE,
      summary: "List live prompts at their latest version, newest first",
      tags: ["llm_prompts"],
      security: PERSONAL_API_KEY_SECURITY,
      request: { params: ProjectParamsSchema, query: PaginationQuerySchema },
      responses: { 200: jsonResponse(pageSchema(PromptSchema), "A page of prompts"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const page = pageRequest(c.req.valid("query"), deps.config);
      const { count, items } = await deps.store.prompts.list(c.get("projectId"), page);
      return c.json(pageEnvelope(c.req.url, page, count, await serialize(items)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: BASE,
      summary: "Create a prompt (version 1)",
      tags: ["llm_prompts"],
      security: PERSONAL_API_KEY_SECURITY,
      request: {
        params: ProjectParamsSchema,
        body: jsonBody(CreatePromptSchema),
      },
      responses: { 201: jsonResponse(PromptSchema, "The created prompt"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await deps.store.prompts.create({
        id: crypto.randomUUID(),
        projectId: c.get("projectId"),
        name: body.name,
        prompt: body.prompt,
        createdBy: c.get("principal").apiKeyId,
        createdAt: now(),
      });
      if (!result.ok) throw nameTaken();
      return c.json(await serializeOne(result.prompt), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${BASE}/{id}`,
      summary: "Retrieve a prompt, at its latest version or at ?version=N",
      tags: ["llm_prompts"],
      security: PERSONAL_API_KEY_SECURITY,
      request: { params: IdParamsSchema, query: VersionQuerySchema },
      responses: { 200: jsonResponse(PromptSchema, "The prompt"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { version } = c.req.valid("query");
      const record = UUID_PATTERN.test(id) ? await deps.store.prompts.get(c.get("projectId"), id, version) : null;
      if (record === null) {
        throw ApiError.notFound(version === undefined ? "Not found." : `Prompt ${id} has no version ${version}.`);
      }
      return c.json(await serializeOne(record), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: `${BASE}/{id}`,
      summary: "Update a prompt: a changed prompt adds a version; deleted: true soft-deletes",
      tags: ["llm_prompts"],
      security: PERSONAL_API_KEY_SECURITY,
      request: {
        params: IdParamsSchema,
        body: jsonBody(PatchPromptSchema),
      },
      responses: { 200: jsonResponse(PromptSchema, "The prompt after the change"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!UUID_PATTERN.test(id)) throw ApiError.notFound();
      const body = c.req.valid("json");
      const result = await deps.store.prompts.update(
        c.get("projectId"),
        id,
        {
          ...(body.name !== undefined && { name: body.name }),
          ...(body.prompt !== undefined && { prompt: body.prompt }),
          ...(body.deleted !== undefined && { deleted: body.deleted }),
        },
        now(),
        c.get("principal").apiKeyId,
      );
      if (!result.ok) throw result.reason === "name_taken" ? nameTaken() : ApiError.notFound();
      return c.json(await serializeOne(result.prompt), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${BASE}/name/{name}`,
      summary: "Fetch a live prompt by name, at its latest version or at ?version=N",
      tags: ["llm_prompts"],
      security: PERSONAL_API_KEY_SECURITY,
      request: { params: NameParamsSchema, query: VersionQuerySchema },
      responses: { 200: jsonResponse(PromptSchema, "The prompt"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const { name } = c.req.valid("param");
      const { version } = c.req.valid("query");
      const record = await deps.store.prompts.getByName(c.get("projectId"), name, version);
      if (record === null) {
        throw ApiError.notFound(
          version === undefined
            ? `Prompt with name '${name}' not found.`
            : `Prompt with name '${name}' has no version ${version}.`,
        );
      }
      return c.json(await serializeOne(record), 200);
    },
  );
}
