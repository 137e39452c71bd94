/**
 * OpenAI through the official SDK: `GET /v1/models` checks a key, `POST /v1/chat/completions`
 * generates, with strict JSON-schema structured output when a schema is given.
 */

import OpenAI from "openai";
import { classifyProviderError, LlmError, type TransportErrorTests } from "./llm-error.js";
import { MAX_OUTPUT_TOKENS, STRUCTURED_OUTPUT_NAME, TEMPERATURE, type CompletionCall, type ProviderClient } from "./provider-client.js";

const transportErrors: TransportErrorTests = {
  isTimeout: (error) => error instanceof OpenAI.APIConnectionTimeoutError,
  isConnection: (error) => error instanceof OpenAI.APIConnectionError,
};

/**
 * The OpenAI client of the gateway. `baseUrl` already ends in `/v1` (see `openaiSdkBaseUrl`).
 * Retries are off: a scripted failure must surface once, and a caller waiting on a summary is better
 * served by a quick, clear error than by the SDK's silent back-off.
 */
export function createOpenAiClient(baseUrl: string): ProviderClient {
  const client = (apiKey: string, timeoutMs: number) =>
    new OpenAI({ apiKey, baseURL: baseUrl, timeout: timeoutMs, maxRetries: 0 });

  return {
    async checkKey(apiKey, timeoutMs) {
      try {
        await client(apiKey, timeoutMs).models.list();
      } catch (error) {
        throw classifyProviderError(error, "openai", transportErrors);
      }
    },
    async complete(call: CompletionCall) {
      let response: OpenAI.Chat.Completions.ChatCompletion;
      try {
        response = await client(call.apiKey, call.timeoutMs).chat.completions.create({
          model: call.model,
          temperature: TEMPERATURE,
          max_completion_tokens: MAX_OUTPUT_TOKENS,
          messages: [
            { role: "system", content: call.system },
            { role: "user", content: call.user },
          ],
          ...(call.jsonSchema === undefined
            ? {}
            : {
                response_format: {
                  type: "json_schema" as const,
                  json_schema: { name: STRUCTURED_OUTPUT_NAME, strict: true, schema: call.jsonSchema },
                },
              }),
        });
      } catch (error) {
        throw classifyProviderError(error, "openai", transportErrors);
      }
      const text = response?.choices?.[0]?.message?.content;
      if (typeof text !== "string" || text.trim() === "") throw new LlmError("bad_response", "openai");
      return { text, model: typeof response.model === "string" && response.model !== "" ? response.model : call.model };
    },
  };
}
