/**
 * LLM access: the gateway over the OpenAI, Anthropic and Gemini SDKs, its error type and defaults.
 */

export { createLlmGateway, DEFAULT_MODELS, DEFAULT_VALIDATION_TIMEOUT_MS, type LlmGatewayOptions } from "./gateway.js";
export { LlmError, llmErrorMessage, PROVIDER_NAMES, type LlmErrorKind } from "./llm-error.js";
export { PUBLIC_BASE_URLS } from "./base-urls.js";
