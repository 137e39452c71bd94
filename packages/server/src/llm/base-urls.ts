/**
 * Provider base URLs. `OPENAI_BASE_URL` and friends are accepted with or without the API version
 * segment (`http://host` or `http://host/v1`), because each SDK expects a different form: the
 * OpenAI SDK wants the `/v1` included, the Anthropic SDK adds `/v1` itself, and the Gemini SDK
 * takes the version separately.
 */

/** The providers' public endpoints, used when no base URL is configured. */
export const PUBLIC_BASE_URLS = {
  openai: "https://api.openai.com",
  anthropic: "https://api.anthropic.com",
  gemini: "https://generativelanguage.googleapis.com",
} as const;

/** The Gemini API version the SDK is pointed at (its model list and generateContent live there). */
export const GEMINI_API_VERSION = "v1beta";

function stripSuffix(url: string, suffix: RegExp): string {
  return url.replace(/\/+$/, "").replace(suffix, "");
}

/**
 * The `baseURL` for the OpenAI SDK: the origin (plus any path prefix) followed by `/v1`.
 * @example openaiSdkBaseUrl("http://127.0.0.1:9000") // "http://127.0.0.1:9000/v1"
 */
export function openaiSdkBaseUrl(configured: string | null | undefined): string {
  return `${stripSuffix(configured ?? PUBLIC_BASE_URLS.openai, /\/v1$/)}/v1`;
}

/**
 * The `baseURL` for the Anthropic SDK, which appends `/v1/...` itself.
 * @example anthropicSdkBaseUrl("http://127.0.0.1:9000/v1") // "http://127.0.0.1:9000"
 */
export function anthropicSdkBaseUrl(configured: string | null | undefined): string {
  return stripSuffix(configured ?? PUBLIC_BASE_URLS.anthropic, /\/v1$/);
}

/**
 * The `httpOptions.baseUrl` for the Gemini SDK, which appends `/{apiVersion}/...` itself.
 * @example geminiSdkBaseUrl("http://127.0.0.1:9000/v1beta") // "http://127.0.0.1:9000/"
 */
export function geminiSdkBaseUrl(configured: string | null | undefined): string {
  return `${stripSuffix(configured ?? PUBLIC_BASE_URLS.gemini, /\/v1(beta|alpha)?$/)}/`;
}
