/**
 * The one error the LLM gateway throws. Its message is fixed per kind and provider, never the
 * provider's response body: provider errors can echo part of the key or the prompt.
 */

import type { Provider } from "../deps.js";

/** What went wrong talking to a provider. */
export type LlmErrorKind =
  /** 401/403: the key is wrong, revoked or lacks access. */
  | "invalid_key"
  /** 429: the provider throttled the key. */
  | "rate_limited"
  /** No answer within the timeout. */
  | "timeout"
  /** The provider could not be reached (DNS, refused, reset). */
  | "connection"
  /** Any other error status (5xx, 400, 404 …). */
  | "provider_error"
  /** An answer that is not what was asked for: malformed JSON, empty content, schema mismatch. */
  | "bad_response";

/** The display name of each provider, for messages. */
export const PROVIDER_NAMES: Readonly<Record<Provider, string>> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Gemini",
};

/**
 * A failed provider call with a fixed, safe message.
 * @example throw new LlmError("rate_limited", "openai")
 */
export class LlmError extends Error {
  override name = "LlmError";
  constructor(
    readonly kind: LlmErrorKind,
    readonly provider: Provider,
    /** The HTTP status the provider answered, when it answered one. */
    readonly status: number | null = null,
  ) {
    super(llmErrorMessage(kind, provider));
  }
}

/** The fixed message of each error kind (the same texts PostHog shows for key validation). */
export function llmErrorMessage(kind: LlmErrorKind, provider: Provider): string {
  const name = PROVIDER_NAMES[provider];
  switch (kind) {
    case "invalid_key":
      return "Invalid API key";
    case "rate_limited":
      return "Rate limited, please try again later";
    case "timeout":
      return `${name} did not answer in time, please try again`;
    case "connection":
      return `Could not connect to ${name}`;
    case "provider_error":
      return `${name} returned an error, please try again`;
    case "bad_response":
      return `${name} returned a malformed response, please try again`;
  }
}

/** How a provider module recognises its SDK's transport failures (which carry no HTTP status). */
export interface TransportErrorTests {
  readonly isTimeout: (error: unknown) => boolean;
  readonly isConnection: (error: unknown) => boolean;
}

/**
 * Classifies anything a provider SDK threw. API errors of all three SDKs carry the HTTP `status`;
 * transport failures are recognised by the SDK's own classes (passed in `tests`) or, for fetch-based
 * code, by the standard `AbortError`/`TimeoutError` names and undici's `TypeError("fetch failed")`.
 * Anything else (a body that is not JSON, an empty answer) is a malformed response.
 */
export function classifyProviderError(error: unknown, provider: Provider, tests?: TransportErrorTests): LlmError {
  if (error instanceof LlmError) return error;
  if (tests?.isTimeout(error)) return new LlmError("timeout", provider);
  if (tests?.isConnection(error)) return new LlmError("connection", provider);
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number") {
    if (status === 401 || status === 403) return new LlmError("invalid_key", provider, status);
    if (status === 429) return new LlmError("rate_limited", provider, status);
    if (status === 408 || status === 504) return new LlmError("timeout", provider, status);
    if (status >= 400) return new LlmError("provider_error", provider, status);
  }
  const name = error instanceof Error ? error.name : "";
  if (name === "AbortError" || name === "TimeoutError") return new LlmError("timeout", provider);
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return new LlmError("connection", provider);
  return new LlmError("bad_response", provider);
}
