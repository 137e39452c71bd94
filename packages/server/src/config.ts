/**
 * Server configuration: one frozen object resolved once, from the environment in `main.ts` or
 * from overrides in tests. Defaults use `??`, never `||`, because `0` is a legal value for some
 * limits (e.g. `TRACESCRIBE_RATE_LIMIT_ENABLED=0`).
 */

import { z } from "zod";

/** A per-key request budget over one window. */
export interface RateLimitWindow {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Which budget a route draws from. */
export type RateLimitClass = "default" | "summarization" | "translate";

/** The resolved configuration of the server. */
export interface ServerConfig {
  /** TCP port; 0 picks a free one. Default 8010. */
  readonly port: number;
  /** Interface to listen on. Default `127.0.0.1` (set `HOST=0.0.0.0` to serve other machines). */
  readonly host: string;
  /** SQLite file. Default `./tracescribe.db`. */
  readonly databasePath: string;
  /** Largest accepted request body in bytes; bigger bodies get 413. Default 10 MB. */
  readonly bodyLimitBytes: number;
  /** Default page size of list endpoints. Default 100 (as PostHog). */
  readonly defaultPageSize: number;
  /** Largest `limit` a list request may ask for; larger values are capped. Default 1000. */
  readonly maxPageSize: number;
  /** Whether per-key rate limits apply. Default true. */
  readonly rateLimitEnabled: boolean;
  /** Budgets per route class; every window of the class must have room. */
  readonly rateLimits: Readonly<Record<RateLimitClass, readonly RateLimitWindow[]>>;
  /** How long a summary stays cached, in seconds. Default 3600. */
  readonly summaryCacheTtlSeconds: number;
  /** Provider base URLs; null means the provider's public URL. */
  readonly openaiBaseUrl: string | null;
  readonly anthropicBaseUrl: string | null;
  readonly geminiBaseUrl: string | null;
  /** The server-wide OpenAI key used when a project has no active provider key; null if unset. */
  readonly openaiApiKey: string | null;
}

/** PostHog's throttles (endpoints.md §0, §2.6, §3), per API key. */
const DEFAULT_RATE_LIMITS: ServerConfig["rateLimits"] = {
  default: [
    { limit: 480, windowSeconds: 60 },
    { limit: 4800, windowSeconds: 3600 },
  ],
  summarization: [
    { limit: 50, windowSeconds: 60 },
    { limit: 200, windowSeconds: 3600 },
    { limit: 500, windowSeconds: 86400 },
  ],
  translate: [
    { limit: 30, windowSeconds: 60 },
    { limit: 200, windowSeconds: 3600 },
    { limit: 500, windowSeconds: 86400 },
  ],
};

/** The configuration with every default, as the server uses when the environment sets nothing. */
export const DEFAULT_CONFIG: ServerConfig = Object.freeze({
  port: 8010,
  host: "127.0.0.1",
  databasePath: "./tracescribe.db",
  bodyLimitBytes: 10 * 1024 * 1024,
  defaultPageSize: 100,
  maxPageSize: 1000,
  rateLimitEnabled: true,
  rateLimits: DEFAULT_RATE_LIMITS,
  summaryCacheTtlSeconds: 3600,
  openaiBaseUrl: null,
  anthropicBaseUrl: null,
  geminiBaseUrl: null,
  openaiApiKey: null,
});

/**
 * The configuration with `overrides` applied over {@link DEFAULT_CONFIG}; for tests and embedders.
 * @example createConfig({ bodyLimitBytes: 1024 })
 */
export function createConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return Object.freeze({ ...DEFAULT_CONFIG, ...overrides });
}

/** Raised when an environment variable holds a value the server cannot use. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : value));

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional();

const url = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).optional();

const boolean = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { error: "expected 1/0, true/false, yes/no or on/off" })
  .transform((value) => ["1", "true", "yes", "on"].includes(value))
  .optional();

const envSchema = z.object({
  PORT: integer(0, 65535),
  HOST: optionalText,
  TRACESCRIBE_DATABASE: optionalText,
  TRACESCRIBE_BODY_LIMIT_BYTES: integer(1, 2 ** 31),
  TRACESCRIBE_MAX_PAGE_SIZE: integer(1, 100_000),
  TRACESCRIBE_RATE_LIMIT_ENABLED: boolean,
  TRACESCRIBE_SUMMARY_CACHE_TTL_SECONDS: integer(0, 365 * 86400),
  OPENAI_BASE_URL: url,
  ANTHROPIC_BASE_URL: url,
  GEMINI_BASE_URL: url,
  OPENAI_API_KEY: optionalText,
});

/**
 * Resolves the configuration from environment variables (see the README for the list).
 * Empty values count as unset.
 * @throws {ConfigError} naming every variable with an unusable value and what was expected
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const present: Record<string, string> = {};
  for (const name of Object.keys(envSchema.shape)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== "") present[name] = value;
  }
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}=${JSON.stringify(present[String(issue.path[0])])}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const maxPageSize = e.TRACESCRIBE_MAX_PAGE_SIZE ?? DEFAULT_CONFIG.maxPageSize;
  return createConfig({
    port: e.PORT ?? DEFAULT_CONFIG.port,
    host: e.HOST ?? DEFAULT_CONFIG.host,
    databasePath: e.TRACESCRIBE_DATABASE ?? DEFAULT_CONFIG.databasePath,
    bodyLimitBytes: e.TRACESCRIBE_BODY_LIMIT_BYTES ?? DEFAULT_CONFIG.bodyLimitBytes,
    maxPageSize,
    defaultPageSize: Math.min(DEFAULT_CONFIG.defaultPageSize, maxPageSize),
    rateLimitEnabled: e.TRACESCRIBE_RATE_LIMIT_ENABLED ?? DEFAULT_CONFIG.rateLimitEnabled,
    summaryCacheTtlSeconds: e.TRACESCRIBE_SUMMARY_CACHE_TTL_SECONDS ?? DEFAULT_CONFIG.summaryCacheTtlSeconds,
    openaiBaseUrl: e.OPENAI_BASE_URL ?? null,
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL ?? null,
    geminiBaseUrl: e.GEMINI_BASE_URL ?? null,
    openaiApiKey: e.OPENAI_API_KEY ?? null,
  });
}
