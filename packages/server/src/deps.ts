/**
 * The parts the app is built from. `createApp(deps)` receives them; only `main.ts` builds the real
 * ones from the environment, so tests inject a temporary store, a fake LLM and a fixed clock.
 */

import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ServerConfig } from "./config.js";
import type { Store } from "./store/store.js";

/** The LLM vendors a provider key can belong to. */
export type Provider = "openai" | "anthropic" | "gemini";

/** Every {@link Provider}, in a fixed order (for schemas and messages). */
export const PROVIDERS: readonly Provider[] = ["openai", "anthropic", "gemini"];

/**
 * Encrypts provider keys at rest. `aad` (associated data) binds a ciphertext to its row, e.g.
 * `projectId|keyId|provider`, so an envelope copied to another row fails to decrypt.
 */
export interface KeyCipher {
  encrypt(plaintext: string, aad: string): string;
  /** @throws when the envelope was tampered with, belongs to another row or to an unknown master key */
  decrypt(envelope: string, aad: string): string;
}

/** The one door to LLM vendors (one code path per provider inside). */
export interface LlmGateway {
  /** Checks a key live against the provider; never passes the provider's error text on. */
  validateKey(
    provider: Provider,
    apiKey: string,
  ): Promise<{ state: "ok" | "invalid" | "error"; errorMessage: string | null }>;
  /** One completion; with `jsonSchema` the provider is asked for structured output. */
  complete(request: {
    provider: Provider;
    apiKey: string;
    model?: string;
    system: string;
    user: string;
    jsonSchema?: Record<string, unknown>;
    timeoutMs: number;
  }): Promise<{ text: string; model: string }>;
}

/** Who is calling: the personal API key that authenticated the request. */
export interface Principal {
  /** The API key's id (also what `created_by` refers to). */
  readonly apiKeyId: string;
  readonly label: string;
  readonly projectIds: readonly string[];
  readonly scopes: readonly string[];
}

/** The values the auth middleware puts on every request under a project (`c.get("principal")`). */
export interface AppEnv {
  Variables: {
    principal: Principal;
    /** The `:project_id` of the path, already checked against the principal. */
    projectId: string;
  };
}

/** The app routes are registered on. */
export type App = OpenAPIHono<AppEnv>;

/** Everything `createApp` needs. */
export interface AppDeps {
  readonly store: Store;
  readonly cipher: KeyCipher;
  readonly llm: LlmGateway;
  /** Milliseconds since the epoch; injected so tests control expiry and rate-limit windows. */
  readonly clock: () => number;
  readonly config: ServerConfig;
  /** Where operational log lines go (never secrets); silent when absent. */
  readonly log?: (line: string) => void;
}
