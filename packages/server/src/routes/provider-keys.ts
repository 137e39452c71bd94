/**
 * `llm_analytics/provider_keys`: a project's own LLM vendor keys (endpoints.md §1). A key is
 * checked for its provider's prefix and validated live before it is saved, stored only as an
 * AES-256-GCM envelope bound to its row, and shown only masked (first 4 + `...` + last 4).
 *
 * Deliberate differences from PostHog's reference:
 * - a PATCHed `api_key` is checked against the key's stored provider (the reference reads the
 *   provider from the request body and falls back to OpenAI);
 * - `provider` cannot be changed, because the stored secret belongs to one provider;
 * - `set_as_active` is honoured on PATCH and PUT too, not only on create;
 * - a key that cannot be decrypted is reported as state `error`, never treated as plaintext.
 */

import { createRoute, z } from "@hono/zod-openapi";
import { maskApiKey, providerKeyAad } from "../crypto/index.js";
import { PROVIDERS, type App, type AppDeps, type Provider } from "../deps.js";
import { CreatedBySchema, resolveCreators } from "../http/created-by.js";
import { ApiError } from "../http/errors.js";
import { pageEnvelope, pageRequest, PaginationQuerySchema, pageSchema } from "../http/pagination.js";
import { COMMON_ERROR_RESPONSES, jsonBody, jsonResponse, PERSONAL_API_KEY_SECURITY, ProjectParamsSchema, UUID_PATTERN } from "../http/schemas.js";
import { PROVIDER_NAMES } from "../llm/index.js";
import type { ProviderKeyRecord } from "../store/store.js";

/** The longest `api_key` accepted; real keys are far shorter, and the cap bounds what is encrypted. */
export const MAX_API_KEY_LENGTH = 1024;

/** The prefix a provider's keys start with, where the provider has one (PostHog's format check). */
export const KEY_PREFIXES: Readonly<Partial<Record<Provider, string>>> = {
  openai: "sk-",
  anthropic: "sk-ant-",
};

/** The state message of a key that cannot be decrypted; says how to recover. */
export const UNDECRYPTABLE_MESSAGE =
  "The stored key cannot be decrypted: the master key that encrypted it is not configured. Add that master key to TRACESCRIBE_SECRET_KEY, or send a new api_key with PATCH.";

/** Aliases accepted for `provider` (PostHog canonicalises provider names before the choice check). */
const PROVIDER_ALIASES: Readonly<Record<string, Provider>> = { google: "gemini" };

const ProviderSchema = z
  .string()
  .transform((value, ctx) => {
    const name = value.trim().toLowerCase();
    const provider = PROVIDER_ALIASES[name] ?? name;
    if ((PROVIDERS as readonly string[]).includes(provider)) return provider as Provider;
    ctx.addIssue({ code: "custom", message: `"${value}" is not a valid choice: expected one of ${PROVIDERS.join(", ")}.` });
    return z.NEVER;
  })
  .openapi({ type: "string", enum: [...PROVIDERS], example: "openai" });

const NameSchema = z
  .string()
  .trim()
  .min(1, "The name must not be empty.")
  .max(255, "The name must be at most 255 characters.")
  .openapi({ example: "Production OpenAI key" });

const ApiKeySchema = z
  .string()
  .trim()
  .min(1, "The API key must not be empty.")
  .max(MAX_API_KEY_LENGTH, `The API key must be at most ${MAX_API_KEY_LENGTH} characters.`)
  // Keys travel in HTTP headers, which cannot carry other characters; refusing them here gives a
  // clear message instead of a failed validation call.
  .regex(/^[\x21-\x7E]+$/, "The API key may only contain printable ASCII characters without spaces: check for a stray character from copying.")
  .openapi({ description: "Write-only: never returned; responses carry api_key_masked.", example: "sk-proj-..." });

const ProviderKeySchema = z
  .object({
    id: z.string().openapi({ format: "uuid" }),
    provider: z.enum(PROVIDERS as [Provider, ...Provider[]]),
    name: z.string(),
    state: z.enum(["unknown", "ok", "invalid", "error"]),
    error_message: z.string().nullable(),
    api_key_masked: z.string().openapi({ example: "sk-t...2345" }),
    created_at: z.string().openapi({ format: "date-time" }),
    created_by: CreatedBySchema,
    last_used_at: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("LlmProviderKey");

const CreateProviderKeySchema = z
  .object({
    provider: ProviderSchema,
    name: NameSchema,
    // Optional in the schema so a missing key gets PostHog's own message below.
    api_key: ApiKeySchema.optional(),
    set_as_active: z
      .boolean()
      .optional()
      .openapi({ description: "Make this key the one the project's summaries and translations use." }),
  })
  .openapi("LlmProviderKeyCreate");

const PatchProviderKeySchema = z
  .object({
    name: NameSchema.optional(),
    api_key: ApiKeySchema.optional(),
    provider: ProviderSchema.optional().openapi({ description: "Immutable: accepted only when it equals the stored provider." }),
    set_as_active: z.boolean().optional(),
  })
  .openapi("LlmProviderKeyPatch");

/** PUT is DRF's full update: the fields a key is created with, less the secret, are required. */
const PutProviderKeySchema = PatchProviderKeySchema.extend({
  name: NameSchema,
  provider: ProviderSchema.openapi({ description: "Must equal the stored provider." }),
}).openapi("LlmProviderKeyPut");

const IdParamsSchema = ProjectParamsSchema.extend({
  id: z.string().openapi({ param: { name: "id", in: "path" }, format: "uuid" }),
});

const DeleteQuerySchema = z.object({
  replacement_key_id: z
    .string()
    .optional()
    .openapi({ description: "A key of the same provider that becomes active if the deleted key was." }),
});

const BASE = "/api/environments/{project_id}/llm_analytics/provider_keys";
const TAGS = ["llm_analytics"];
/**
 * 400 on `api_key` when it lacks its provider's prefix, with the prefix to use.
 * @example checkKeyFormat("anthropic", "sk-abc") // throws: must start with "sk-ant-"
 */
export function checkKeyFormat(provider: Provider, apiKey: string): void {
  const prefix = KEY_PREFIXES[provider];
  if (prefix !== undefined && !apiKey.startsWith(prefix)) {
    throw ApiError.validation(
      `Invalid ${PROVIDER_NAMES[provider]} API key format: ${PROVIDER_NAMES[provider]} keys start with "${prefix}". Check that the key belongs to this provider.`,
      "api_key",
      "invalid_format",
    );
  }
}

/** Registers the `provider_keys` routes on `app`. */
export function registerProviderKeyRoutes(app: App, deps: AppDeps): void {
  const now = () => new Date(deps.clock()).toISOString();

  const serialize = async (records: readonly ProviderKeyRecord[]) => {
    const creators = await resolveCreators(
      deps.store,
      records.map((r) => r.createdBy),
    );
    // An allow-list of fields: the ciphertext (and of course the key) never leave the server.
    return records.map((r) => ({
      id: r.id,
      provider: r.provider,
      name: r.name,
      state: r.state,
      error_message: r.errorMessage,
      api_key_masked: r.maskedKey,
      created_at: r.createdAt,
      created_by: creators.get(r.createdBy),
      last_used_at: r.lastUsedAt,
    }));
  };
  const serializeOne = async (record: ProviderKeyRecord) => (await serialize([record]))[0];

  const load = async (projectId: string, id: string): Promise<ProviderKeyRecord> => {
    const record = UUID_PATTERN.test(id) ? await deps.store.providerKeys.get(projectId, id) : null;
    if (record === null) throw ApiError.notFound();
    return record;
  };

  /** Prefix check, then live validation; a key that is not `ok` is refused with the provider's fixed message. */
  const checkNewKey = async (provider: Provider, apiKey: string): Promise<void> => {
    checkKeyFormat(provider, apiKey);
    const result = await deps.llm.validateKey(provider, apiKey);
    if (result.state !== "ok") {
      throw ApiError.validation(result.errorMessage ?? "Key validation failed", "api_key", `key_${result.state}`);
    }
  };

  /** The live outcome for a stored key; a key that no configured master key opens is `error`, never plaintext. */
  const revalidate = async (record: ProviderKeyRecord) => {
    let apiKey: string;
    try {
      apiKey = deps.cipher.decrypt(record.ciphertext, providerKeyAad(record.projectId, record.id, record.provider));
    } catch {
      return { state: "error" as const, errorMessage: UNDECRYPTABLE_MESSAGE };
    }
    if (apiKey === "") throw ApiError.validation("No API key configured for this provider key.");
    return deps.llm.validateKey(record.provider, apiKey);
  };

  app.openapi(
    createRoute({
      method: "get",
      path: BASE,
      summary: "List the project's provider keys, newest first (keys masked)",
      tags: TAGS,
      security: PERSONAL_API_KEY_SECURITY,
      request: { params: ProjectParamsSchema, query: PaginationQuerySchema },
      responses: { 200: jsonResponse(pageSchema(ProviderKeySchema), "A page of provider keys"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const page = pageRequest(c.req.valid("query"), deps.config);
      const { count, items } = await deps.store.providerKeys.list(c.get("projectId"), page);
      return c.json(pageEnvelope(c.req.url, page, count, await serialize(items)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: BASE,
      summary: "Add a provider key: format check and live validation first; nothing is saved on failure",
      tags: TAGS,
      security: PERSONAL_API_KEY_SECURITY,
      request: {
        params: ProjectParamsSchema,
        body: jsonBody(CreateProviderKeySchema),
      },
      responses: { 201: jsonResponse(ProviderKeySchema, "The stored key (masked), state ok"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const body = c.req.valid("json");
      if (body.api_key === undefined) {
        throw ApiError.validation("API key is required when creating a new provider key.", "api_key", "required");
      }
      await checkNewKey(body.provider, body.api_key);
      const projectId = c.get("projectId");
      const id = crypto.randomUUID();
      const record = await deps.store.providerKeys.insert(
        {
          id,
          projectId,
          provider: body.provider,
          name: body.name,
          state: "ok",
          errorMessage: null,
          ciphertext: deps.cipher.encrypt(body.api_key, providerKeyAad(projectId, id, body.provider)),
          maskedKey: maskApiKey(body.api_key),
          createdAt: now(),
          createdBy: c.get("principal").apiKeyId,
          lastUsedAt: null,
        },
        { setAsActive: body.set_as_active === true },
      );
      return c.json(await serializeOne(record), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `${BASE}/{id}`,
      summary: "Retrieve a provider key (masked)",
      tags: TAGS,
      security: PERSONAL_API_KEY_SECURITY,
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(ProviderKeySchema, "The provider key"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => c.json(await serializeOne(await load(c.get("projectId"), c.req.valid("param").id)), 200),
  );

  /** PATCH and PUT: rename, replace the secret (checked against the stored provider), make active. */
  const update = async (projectId: string, id: string, body: z.infer<typeof PatchProviderKeySchema>) => {
    const current = await load(projectId, id);
    if (body.provider !== undefined && body.provider !== current.provider) {
      throw ApiError.validation(
        `The provider of a key cannot be changed (it is ${current.provider}): create a new key for ${body.provider} instead.`,
        "provider",
        "immutable",
      );
    }
    if (body.api_key !== undefined) await checkNewKey(current.provider, body.api_key);
    const updated = await deps.store.providerKeys.update(projectId, current.id, {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.api_key !== undefined && {
        ciphertext: deps.cipher.encrypt(body.api_key, providerKeyAad(projectId, current.id, current.provider)),
        maskedKey: maskApiKey(body.api_key),
        state: "ok" as const,
        errorMessage: null,
      }),
    });
    if (updated === null) throw ApiError.notFound();
    if (body.set_as_active === true) {
      if (updated.state !== "ok") {
        throw ApiError.validation(
          `Only a key in state ok can be made active; this key is ${updated.state}. Validate it (POST .../validate/) or send a new api_key.`,
          "set_as_active",
        );
      }
      await deps.store.projectSettings.setActiveProviderKey(projectId, updated.id);
    }
    return serializeOne(updated);
  };

  const updateRoute = <T extends z.ZodType>(method: "patch" | "put", schema: T, summary: string) =>
    createRoute({
      method,
      path: `${BASE}/{id}`,
      summary,
      tags: TAGS,
      security: PERSONAL_API_KEY_SECURITY,
      request: { params: IdParamsSchema, body: jsonBody(schema) },
      responses: { 200: jsonResponse(ProviderKeySchema, "The key after the change"), ...COMMON_ERROR_RESPONSES },
    });
  app.openapi(
    updateRoute("patch", PatchProviderKeySchema, "Rename a key, replace its secret (validated against the stored provider), or make it active"),
    async (c) => c.json(await update(c.get("projectId"), c.req.valid("param").id, c.req.valid("json")), 200),
  );
  app.openapi(
    updateRoute("put", PutProviderKeySchema, "Full update: name and provider required (the provider cannot change), api_key optional"),
    async (c) => c.json(await update(c.get("projectId"), c.req.valid("param").id, c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `${BASE}/{id}`,
      summary: "Delete a key; with ?replacement_key_id the replacement becomes active if this key was",
      tags: TAGS,
      security: PERSONAL_API_KEY_SECURITY,
      request: { params: IdParamsSchema, query: DeleteQuerySchema },
      responses: { 204: { description: "Deleted" }, ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const projectId = c.get("projectId");
      const current = await load(projectId, c.req.valid("param").id);
      const { replacement_key_id: replacementId } = c.req.valid("query");
      if (replacementId !== undefined) {
        const replacement =
          UUID_PATTERN.test(replacementId) && replacementId !== current.id
            ? await deps.store.providerKeys.get(projectId, replacementId)
            : null;
        if (replacement === null) throw ApiError.validation("Replacement key not found", "replacement_key_id", "not_found");
        if (replacement.provider !== current.provider) {
          throw ApiError.validation("Replacement key must be from the same provider", "replacement_key_id", "provider_mismatch");
        }
        // Point the project at the replacement before deleting, so no moment leaves it without a key.
        const settings = await deps.store.projectSettings.get(projectId);
        if (settings.activeProviderKeyId === current.id) {
          await deps.store.projectSettings.setActiveProviderKey(projectId, replacement.id);
        }
      }
      if (!(await deps.store.providerKeys.delete(projectId, current.id))) throw ApiError.notFound();
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `${BASE}/{id}/validate`,
      summary: "Re-check a stored key live; answers 200 with the outcome in state and error_message",
      tags: TAGS,
      security: PERSONAL_API_KEY_SECURITY,
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse(ProviderKeySchema, "The key with its new state"), ...COMMON_ERROR_RESPONSES },
    }),
    async (c) => {
      const projectId = c.get("projectId");
      const current = await load(projectId, c.req.valid("param").id);
      const outcome = await revalidate(current);
      const updated = await deps.store.providerKeys.update(projectId, current.id, {
        state: outcome.state,
        errorMessage: outcome.errorMessage,
      });
      if (updated === null) throw ApiError.notFound();
      return c.json(await serializeOne(updated), 200);
    },
  );
}
