/**
 * The {@link LlmGateway}: picks the provider module, fills in default models and timeouts, and
 * turns failures into the fixed outcomes PostHog shows (`invalid` "Invalid API key", `error`
 * "Rate limited, please try again later", …). Provider response bodies never leave this module.
 */

import type { LlmGateway, Provider } from "../deps.js";
import { createAnthropicClient } from "./anthropic.js";
import { anthropicSdkBaseUrl, geminiSdkBaseUrl, openaiSdkBaseUrl } from "./base-urls.js";
import { createGeminiClient } from "./gemini.js";
import { classifyProviderError, LlmError } from "./llm-error.js";
import { createOpenAiClient } from "./openai.js";
import type { ProviderClient } from "./provider-client.js";

/** Options of {@link createLlmGateway}. */
export interface LlmGatewayOptions {
  /** `OPENAI_BASE_URL`, with or without `/v1`; null/absent means `https://api.openai.com`. */
  readonly openaiBaseUrl?: string | null;
  /** `ANTHROPIC_BASE_URL`; null/absent means `https://api.anthropic.com`. */
  readonly anthropicBaseUrl?: string | null;
  /** `GEMINI_BASE_URL`; null/absent means `https://generativelanguage.googleapis.com`. */
  readonly geminiBaseUrl?: string | null;
  /**
   * When set, the timeout of every provider call, overriding both the validation default
   * ({@link DEFAULT_VALIDATION_TIMEOUT_MS}) and the per-request timeouts; tests set it low.
   */
  readonly timeoutMs?: number;
}

/** How long a key check may take: a model list is small, so a slow answer means trouble. Default 15 s. */
export const DEFAULT_VALIDATION_TIMEOUT_MS = 15_000;

/** The model each provider uses when the caller names none: small, fast and cheap. */
export const DEFAULT_MODELS: Readonly<Record<Provider, string>> = {
  openai: "gpt-4.1-mini",
  anthropic: "claude-haiku-4-5",
  gemini: "gemini-2.5-flash",
};

/**
 * The gateway over the three providers' SDKs, pointed at the configured base URLs (validation and
 * generation use the same ones).
 * @example const llm = createLlmGateway({ openaiBaseUrl: config.openaiBaseUrl, anthropicBaseUrl: null, geminiBaseUrl: null });
 */
export function createLlmGateway(options: LlmGatewayOptions = {}): LlmGateway {
  const clients: Readonly<Record<Provider, ProviderClient>> = {
    openai: createOpenAiClient(openaiSdkBaseUrl(options.openaiBaseUrl)),
    anthropic: createAnthropicClient(anthropicSdkBaseUrl(options.anthropicBaseUrl)),
    gemini: createGeminiClient(geminiSdkBaseUrl(options.geminiBaseUrl)),
  };
  const timeout = (requested: number) => options.timeoutMs ?? requested;

  return {
    async validateKey(provider, apiKey) {
      try {
        await clients[provider].checkKey(apiKey, timeout(DEFAULT_VALIDATION_TIMEOUT_MS));
        return { state: "ok", errorMessage: null };
      } catch (error) {
        const failure = classifyProviderError(error, provider);
        if (failure.kind === "invalid_key") return { state: "invalid", errorMessage: failure.message };
        if (failure.kind === "rate_limited" || failure.kind === "connection") {
          return { state: "error", errorMessage: failure.message };
        }
        // 5xx, timeouts and garbled answers say nothing about the key itself.
        return { state: "error", errorMessage: failure.kind === "timeout" ? failure.message : "Validation failed, please try again" };
      }
    },
    async complete(request) {
      try {
        return await clients[request.provider].complete({
          apiKey: request.apiKey,
          model: request.model !== undefined && request.model !== "" ? request.model : DEFAULT_MODELS[request.provider],
          system: request.system,
          user: request.user,
          ...(request.jsonSchema === undefined ? {} : { jsonSchema: request.jsonSchema }),
          timeoutMs: timeout(request.timeoutMs),
        });
      } catch (error) {
        // Already an LlmError from the provider module; the classification is a safety net.
        throw error instanceof LlmError ? error : classifyProviderError(error, request.provider);
      }
    },
  };
}
