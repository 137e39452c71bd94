/**
 * Anthropic through the official SDK: `GET /v1/models` checks a key (free, unlike a 1-token
 * message), `POST /v1/messages` generates, with `output_config.format` JSON-schema output when a
 * schema is given.
 */

import Anthropic from "@anthropic-ai/sdk";
import { classifyProviderError, LlmError, type TransportErrorTests } from "./llm-error.js";
import { MAX_OUTPUT_TOKENS, TEMPERATURE, type CompletionCall, type ProviderClient } from "./provider-client.js";

const transportErrors: TransportErrorTests = {
  isTimeout: (error) => error instanceof Anthropic.APIConnectionTimeoutError,
  isConnection: (error) => error instanceof Anthropic.APIConnectionError,
};

/** The Anthropic client of the gateway; `baseUrl` has no `/v1` (the SDK adds it). Retries off, as for OpenAI. */
export function createAnthropicClient(baseUrl: string): ProviderClient {
  const client = (apiKey: string, timeoutMs: number) =>
    new Anthropic({ apiKey, authToken: null, baseURL: baseUrl, timeout: timeoutMs, maxRetries: 0 });

  return {
    async checkKey(apiKey, timeoutMs) {
      try {
        await client(apiKey, timeoutMs).models.list({ limit: 1 });
      } catch (error) {
        throw classifyProviderError(error, "anthropic", transportErrors);
      }
    },
    async complete(call: CompletionCall) {
      let response: Anthropic.Message;
      try {
        response = await client(call.apiKey, call.timeoutMs).messages.create({
          model: call.model,
          max_tokens: MAX_OUTPUT_TOKENS,
          temperature: TEMPERATURE,
          system: call.system,
          messages: [{ role: "user", content: call.user }],
          ...(call.jsonSchema === undefined
            ? {}
            : { output_config: { format: { type: "json_schema" as const, schema: call.jsonSchema } } }),
        });
      } catch (error) {
        throw classifyProviderError(error, "anthropic", transportErrors);
      }
      const blocks: readonly unknown[] = Array.isArray(response?.content) ? response.content : [];
      const text = blocks
        .filter((block): block is { type: "text"; text: string } => {
          const b = block as { type?: unknown; text?: unknown } | null;
          return b?.type === "text" && typeof b.text === "string";
        })
        .map((block) => block.text)
        .join("");
      if (text.trim() === "") throw new LlmError("bad_response", "anthropic");
      return { text, model: typeof response.model === "string" && response.model !== "" ? response.model : call.model };
    },
  };
}
