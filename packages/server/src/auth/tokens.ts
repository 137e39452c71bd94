/**
 * Personal API key secrets. The secret is shown once when created; only its SHA-256 hash is
 * stored, so a leaked database does not leak usable keys. A plain hash (no salt or slow KDF) is
 * enough because the secret is 256 random bits, not a password.
 */

import { createHash, randomBytes } from "node:crypto";

/** Prefix of every secret, as PostHog's personal API keys (`phx_`), so clients that check it work. */
export const API_KEY_PREFIX = "phx_";

/** A new random secret: `phx_` + 43 base64url characters (256 bits). */
export function generateApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString("base64url");
}

/** The lower-case hex SHA-256 of `secret`, as stored and looked up. */
export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
