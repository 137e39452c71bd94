/**
 * Gemini through Google's `@google/genai` SDK: `GET /v1beta/models` checks a key,
 * `POST /v1beta/models/{model}:generateContent` generates, with `responseJsonSchema` when a schema
 * is given. The SDK sends the key in the `x-goog-api-key` header, never in the URL (where it would
 * end up in access logs).
 */

import { GoogleGenAI, type GenerateContentResponse } from "@google/genai";
import { GEMINI_API_VERSION } from "./base-urls.js";
import { classifyProviderError, LlmError } from "./llm-error.js";
import { MAX_OUTPUT_TOKENS, TEMPERATURE, type CompletionCall, type ProviderClient } from "./provider-client.js";

/**
 * The Gemini client of the gateway; `baseUrl` has no version segment (the SDK adds it). `vertexai`
 * is pinned off so a stray `GOOGLE_GENAI_USE_VERTEXAI` in the environment cannot reroute the key.
 * The SDK does not retry unless asked to, which is what the gateway wants.
 */
export function createGeminiClient(baseUrl: string): ProviderClient {
  const client = (apiKey: string, timeoutMs: number) =>
    new GoogleGenAI({
      vertexai: false,
      apiKey,
      httpOptions: { baseUrl, apiVersion: GEMINI_API_VERSION, timeout: timeoutMs },
    });

  return {
    async checkKey(apiKey, timeoutMs) {
      try {
        await client(apiKey, timeoutMs).models.list({ config: { pageSize: 1 } });
      } catch (error) {
        throw classifyProviderError(error, "gemini");
      }
    },
    async complete(call: CompletionCall) {
      let response: GenerateContentResponse;
      try {
        response = await client(call.apiKey, call.timeoutMs).models.generateContent({
          model: call.model,
          contents: call.user,
          config: {
            systemInstruction: call.system,
            temperature: TEMPERATURE,
            maxOutputTokens: MAX_OUTPUT_TOKENS,
            ...(call.jsonSchema === undefined
              ? {}
              : { responseMimeType: "application/json", responseJsonSchema: call.jsonSchema }),
          },
        });
      } catch (error) {
        throw classifyProviderError(error, "gemini");
      }
      let text: string | undefined;
      try {
        text = response.text;
      } catch {
        text = undefined;
      }
      if (typeof text !== "string" || text.trim() === "") throw new LlmError("bad_response", "gemini");
      return { text, model: response.modelVersion ?? call.model };
    },
  };
}
