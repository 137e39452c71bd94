/**
 * Which LLM credentials a project's summaries and translations use, and how LLM failures become
 * HTTP errors. The order: the project's active provider key (decrypted), else the server-wide
 * `OPENAI_API_KEY`, else a clear error that says how to configure one.
 */

import { providerKeyAad } from "../crypto/index.js";
import type { AppDeps, Provider } from "../deps.js";
import { ApiError } from "../http/errors.js";
import { LlmError, PROVIDER_NAMES } from "./llm-error.js";

/** The credentials of one LLM call. */
export interface ProjectLlm {
  readonly provider: Provider;
  readonly apiKey: string;
  /** The provider key's id, or null for the server-wide key. */
  readonly keyId: string | null;
}

/**
 * The credentials for `projectId`.
 * @throws {ApiError} 503 when neither a project key nor `OPENAI_API_KEY` is configured, or 500 when
 * the active key cannot be decrypted (the key is then marked `error`)
 */
export async function resolveProjectLlm(deps: AppDeps, projectId: string): Promise<ProjectLlm> {
  const { activeProviderKeyId } = await deps.store.projectSettings.get(projectId);
  if (activeProviderKeyId !== null) {
    const record = await deps.store.providerKeys.get(projectId, activeProviderKeyId);
    if (record !== null) {
      try {
        const apiKey = deps.cipher.decrypt(record.ciphertext, providerKeyAad(projectId, record.id, record.provider));
        return { provider: record.provider, apiKey, keyId: record.id };
      } catch {
        const detail =
          "The project's active provider key cannot be decrypted: the master key that encrypted it is not configured. " +
          "Add that master key to TRACESCRIBE_SECRET_KEY, or PATCH the provider key with a new api_key.";
        await deps.store.providerKeys.update(projectId, record.id, { state: "error", errorMessage: detail });
        throw ApiError.of(500, "server_error", "llm_key_undecryptable", detail);
      }
    }
  }
  const serverKey = deps.config.openaiApiKey;
  if (serverKey !== null && serverKey !== "") return { provider: "openai", apiKey: serverKey, keyId: null };
  throw ApiError.of(
    503,
    "server_error",
    "llm_not_configured",
    `No LLM is configured for project ${projectId}: add a provider key with POST /api/environments/${projectId}/llm_analytics/provider_keys/ ` +
      '{"provider", "name", "api_key", "set_as_active": true}, or start the server with OPENAI_API_KEY set.',
  );
}

/** Records that a project key was just used (best effort: a failed write must not fail the answer). */
export async function markKeyUsed(deps: AppDeps, projectId: string, llm: ProjectLlm): Promise<void> {
  if (llm.keyId === null) return;
  try {
    await deps.store.providerKeys.update(projectId, llm.keyId, { lastUsedAt: new Date(deps.clock()).toISOString() });
  } catch (error) {
    deps.log?.(`could not record last_used_at of provider key ${llm.keyId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The HTTP error for a failed LLM call: 504 for a timeout, 502 for everything else the provider
 * did, with a fixed message that names the provider and what to do, never the provider's body.
 * `action` names what failed, e.g. "Failed to generate summary". Anything that is not an
 * {@link LlmError} is a server bug and rethrown for the generic 500.
 */
export function llmFailure(error: unknown, action: string, llm: ProjectLlm): ApiError {
  if (!(error instanceof LlmError)) throw error;
  const name = PROVIDER_NAMES[error.provider];
  const keyHint =
    llm.keyId === null
      ? "the server's OPENAI_API_KEY"
      : `the project's active ${name} provider key (${llm.keyId}); replace it with PATCH .../llm_analytics/provider_keys/${llm.keyId}/`;
  const detail: Record<LlmError["kind"], string> = {
    invalid_key: `${action}: ${name} rejected ${keyHint}.`,
    rate_limited: `${action}: ${name} rate-limited the API key; try again later.`,
    timeout: `${action}: ${name} did not answer in time; try again.`,
    connection: `${action}: could not connect to ${name}; check the network and the provider base URL.`,
    provider_error: `${action}: ${name} returned an error (HTTP ${error.status ?? "?"}); try again.`,
    bad_response: `${action}: ${name} returned a malformed answer; try again.`,
  };
  const status = error.kind === "timeout" ? 504 : 502;
  return new ApiError(status, {
    type: "server_error",
    code: `llm_${error.kind}`,
    detail: detail[error.kind],
    attr: null,
    error: action,
  });
}
