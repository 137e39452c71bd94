/**
 * The contract each provider module (openai.ts, anthropic.ts, gemini.ts) fulfils: one code path
 * per provider, built on the provider's own SDK, with errors already mapped to {@link LlmError}.
 */

/** What one completion needs, after the gateway resolved defaults. */
export interface CompletionCall {
  readonly apiKey: string;
  readonly model: string;
  readonly system: string;
  readonly user: string;
  /** When present, the provider is asked to answer JSON matching this schema. */
  readonly jsonSchema?: Record<string, unknown>;
  readonly timeoutMs: number;
}

/** The calls the gateway makes to one provider. */
export interface ProviderClient {
  /** Resolves when the key is accepted; rejects with an `LlmError` otherwise. */
  checkKey(apiKey: string, timeoutMs: number): Promise<void>;
  /** The answer's text (JSON text when a schema was given) and the model that produced it. */
  complete(call: CompletionCall): Promise<{ text: string; model: string }>;
}

/** The name structured output is requested under (providers require one; it is not shown to anyone). */
export const STRUCTURED_OUTPUT_NAME = "response";

/** Low temperature: summaries and translations should be faithful, not creative (as the reference). */
export const TEMPERATURE = 0.1;

/** Upper bound of generated tokens; Anthropic requires one, and a summary or translation fits well below. */
export const MAX_OUTPUT_TOKENS = 8192;
