/**
 * An in-process harness: the app built from an in-memory SQLite store, a stub cipher, a stub LLM
 * and a clock the test moves, driven with `app.request(...)`. No port, no files, no network.
 */

import { createApp } from "../../src/app.js";
import { hashApiKeySecret, generateApiKeySecret } from "../../src/auth/tokens.js";
import { createConfig, type ServerConfig } from "../../src/config.js";
import type { App, AppDeps, KeyCipher, LlmGateway } from "../../src/deps.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import type { Store } from "../../src/store/store.js";

/** A clock that only moves when told. Starts at 2025-01-01T00:00:00Z. */
export class ManualClock {
  now = Date.UTC(2025, 0, 1);
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

/** A reversible stand-in for the real cipher: these tests are about routing, not cryptography. */
export const stubCipher: KeyCipher = {
  encrypt: (plaintext, aad) => `stub:${Buffer.from(aad).toString("base64")}:${Buffer.from(plaintext).toString("base64")}`,
  decrypt: (envelope, aad) => {
    const [tag, boundTo, body] = envelope.split(":");
    if (tag !== "stub" || boundTo !== Buffer.from(aad).toString("base64") || body === undefined) {
      throw new Error("stub cipher: envelope does not belong to this row");
    }
    return Buffer.from(body, "base64").toString();
  },
};

/** An LLM that must not be called. */
export const unusedLlm: LlmGateway = {
  validateKey: () => Promise.reject(new Error("this test makes no LLM call")),
  complete: () => Promise.reject(new Error("this test makes no LLM call")),
};

/** A parsed response. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  /** The JSON body, or the raw text when it is not JSON. */
  readonly body: any;
  readonly text: string;
}

/** Options of {@link Harness.call}. */
export interface CallOptions {
  /** The bearer key; `null` sends no Authorization header. Default: the harness's all-scope key. */
  readonly key?: string | null;
  /** A value sent as JSON (with its content type). */
  readonly json?: unknown;
  /** A raw body (no content type unless given in `headers`). */
  readonly body?: string | Uint8Array | ReadableStream<Uint8Array>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The app and its parts, with helpers. */
export interface Harness {
  readonly app: App;
  readonly store: Store;
  readonly deps: AppDeps;
  readonly clock: ManualClock;
  readonly logs: string[];
  /** A key for project "1" with every scope. */
  readonly adminKey: string;
  /** Creates a personal API key and returns its secret. */
  key(options?: { projects?: string[]; scopes?: string[]; label?: string }): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  close(): void;
}

/** Builds a harness; `config` overrides defaults (rate limits are off unless turned on). */
export async function createHarness(
  options: { config?: Partial<ServerConfig>; llm?: LlmGateway; cipher?: KeyCipher; databasePath?: string } = {},
): Promise<Harness> {
  const store = openSqliteStore(options.databasePath ?? ":memory:");
  const clock = new ManualClock();
  const logs: string[] = [];
  const deps: AppDeps = {
    store,
    cipher: options.cipher ?? stubCipher,
    llm: options.llm ?? unusedLlm,
    clock: clock.read,
    config: createConfig({ rateLimitEnabled: false, ...options.config }),
    log: (line) => logs.push(line),
  };
  const app = createApp(deps);

  const key: Harness["key"] = async ({ projects = ["1"], scopes = ["*"], label } = {}) => {
    const secret = generateApiKeySecret();
    const id = crypto.randomUUID();
    await store.apiKeys.insert({
      id,
      label: label ?? `test key ${id.slice(0, 8)}`,
      tokenHash: hashApiKeySecret(secret),
      projectIds: projects,
      scopes,
      createdAt: new Date(clock.now).toISOString(),
    });
    return secret;
  };
  const adminKey = await key({ label: "admin" });

  const call: Harness["call"] = async (method, path, callOptions = {}) =>
    readReply(await app.request(path, requestInit(method, callOptions, adminKey)));

  return { app, store, deps, clock, logs, adminKey, key, call, close: () => store.close() };
}

/** The `fetch` init for a call; `defaultKey` is used when `options.key` is undefined. */
export function requestInit(method: string, options: CallOptions, defaultKey: string): RequestInit {
  const headers = new Headers(options.headers);
  const bearer = options.key === undefined ? defaultKey : options.key;
  if (bearer !== null) headers.set("Authorization", `Bearer ${bearer}`);
  let body: RequestInit["body"];
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  } else if (options.body !== undefined) {
    body = options.body as RequestInit["body"];
  }
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (body !== undefined) init.body = body;
  // A streamed body needs half duplex in undici's fetch.
  if (body instanceof ReadableStream) init.duplex = "half";
  return init;
}

/** Reads a response: the JSON body parsed, or the raw text when it is not JSON. */
export async function readReply(response: Response): Promise<Reply> {
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: keep the text, so a test can say what came back.
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** The project prefix of project `id`. */
export const project = (id = "1") => `/api/environments/${id}`;
