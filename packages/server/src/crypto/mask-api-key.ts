/**
 * How a provider key is shown in responses: enough to recognise it, never enough to use it.
 * Byte-compatible with PostHog's `api_key_masked`.
 */

/**
 * First 4 + `...` + last 4 characters when the key is longer than 8 characters, otherwise `****`
 * (a short key would be revealed almost whole).
 * @example maskApiKey("sk-test-key-12345") // "sk-t...2345"
 * @example maskApiKey("short") // "****"
 */
export function maskApiKey(apiKey: string | null | undefined): string {
  if (!apiKey || apiKey.length <= 8) return "****";
  return `${apiKey.slice(0, 4)}...${apiKey.slice(-4)}`;
}
