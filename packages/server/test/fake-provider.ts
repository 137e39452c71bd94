/**
 * A fake of the three LLM providers on 127.0.0.1 (port 0), speaking the endpoints the official SDKs
 * call: OpenAI `GET /v1/models`, `POST /v1/chat/completions`; Anthropic `GET /v1/models`,
 * `POST /v1/messages`; Gemini `GET /v1beta/models`, `POST /v1beta/models/{m}:generateContent`.
 *
 * Each provider also lives under its own prefix (`/openai`, `/anthropic`, `/gemini`; see `urls`), so
 * a test can point all three base URLs at one fake without ambiguity. Without a prefix the provider
 * is recognised by its request (Anthropic's `anthropic-version` header, Gemini's `/v1beta` path).
 *
 * Per test, every route can be scripted to answer 200 (the default), any error status, malformed
 * JSON, a dropped connection, or nothing at all (a timeout). Every request is recorded so tests can
 * assert headers, the model, the prompt, and that no call happened at all (a cache hit).
 * Error bodies echo the key the fake received, as real providers partly do, so tests can prove
 * the server never passes provider error text on.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** The provider of a route. */
export type FakeProviderName = "openai" | "anthropic" | "gemini";

/** The routes the fake serves. */
export type FakeRoute =
  | "openai.models"
  | "openai.chat"
  | "anthropic.models"
  | "anthropic.messages"
  | "gemini.models"
  | "gemini.generate";

/** Each provider's routes: the model list a key is validated against, and its completion endpoint. */
export const FAKE_ROUTES: Readonly<Record<FakeProviderName, { readonly models: FakeRoute; readonly completion: FakeRoute }>> = {
  openai: { models: "openai.models", completion: "openai.chat" },
  anthropic: { models: "anthropic.models", completion: "anthropic.messages" },
  gemini: { models: "gemini.models", completion: "gemini.generate" },
};

/** How the fake answers one request. */
export type FakeBehaviour =
  /** 200 with the route's normal body; completions carry `text` (else the fake's `completionText`). */
  | { readonly kind: "ok"; readonly text?: string; readonly model?: string }
  /** An error status with a provider-like JSON error body that echoes the received key. */
  | { readonly kind: "status"; readonly status: number }
  /** 200, `application/json`, and a body that is not JSON. */
  | { readonly kind: "malformed" }
  /** Never answers (until the fake closes); the client's timeout must fire. */
  | { readonly kind: "timeout" }
  /** Closes the connection without an answer. */
  | { readonly kind: "hangup" };

/** One request the fake received. */
export interface RecordedRequest {
  readonly route: FakeRoute | "unknown";
  readonly provider: FakeProviderName;
  readonly method: string;
  /** The path with any `/openai`-style prefix removed, without the query. */
  readonly path: string;
  readonly query: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The JSON body, parsed (undefined when there was none). */
  readonly body: unknown;
  /** The API key the request carried, from whichever header its provider uses. */
  readonly apiKey: string | null;
}

/** A running fake; close it in `afterAll`. */
export interface FakeProvider {
  /** `http://127.0.0.1:<port>` (un-prefixed; the provider is recognised by its request). */
  readonly baseUrl: string;
  /** A base URL per provider, each under its own prefix. */
  readonly urls: Readonly<Record<FakeProviderName, string>>;
  /** Every request since the last {@link reset}, in arrival order. */
  readonly requests: RecordedRequest[];
  /** The completion text answered when a behaviour does not name one. */
  completionText: string;
  /** Answers the next requests of `route` with `behaviours`, one each, then falls back to the default. */
  script(route: FakeRoute, ...behaviours: FakeBehaviour[]): void;
  /** Answers every request of `route` with `behaviour` until {@link reset}. */
  always(route: FakeRoute, behaviour: FakeBehaviour): void;
  /** The recorded requests of one route. */
  requestsTo(route: FakeRoute): RecordedRequest[];
  /** Forgets scripts, defaults and recorded requests; restores the default completion text. */
  reset(): void;
  close(): Promise<void>;
}

/** The completion text answered by default: a valid summary in the server's JSON shape. */
export const DEFAULT_COMPLETION_TEXT = JSON.stringify({
  title: "Fake summary title",
  summary: "## Summary\n\n- The trace starts here [L1].\n\n## Interesting Notes\n\n- Nothing unusual.",
});

function routeOf(provider: FakeProviderName, method: string, path: string): FakeRoute | "unknown" {
  if (provider === "openai") {
    if (method === "GET" && path === "/v1/models") return "openai.models";
    if (method === "POST" && path === "/v1/chat/completions") return "openai.chat";
  } else if (provider === "anthropic") {
    if (method === "GET" && path === "/v1/models") return "anthropic.models";
    if (method === "POST" && path === "/v1/messages") return "anthropic.messages";
  } else {
    if (method === "GET" && path === "/v1beta/models") return "gemini.models";
    if (method === "POST" && /^\/v1beta\/models\/[^/]+:generateContent$/.test(path)) return "gemini.generate";
  }
  return "unknown";
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : null;
}

function keyOf(provider: FakeProviderName, request: IncomingMessage): string | null {
  if (provider === "anthropic") return header(request, "x-api-key");
  if (provider === "gemini") return header(request, "x-goog-api-key");
  return header(request, "authorization")?.replace(/^Bearer\s+/i, "") ?? null;
}

function okBody(route: FakeRoute, text: string, requestedModel: string): unknown {
  switch (route) {
    case "openai.models":
      return { object: "list", data: [{ id: "gpt-4.1-mini", object: "model", created: 0, owned_by: "openai" }] };
    case "anthropic.models":
      return {
        data: [{ id: "claude-haiku-4-5", type: "model", display_name: "Claude Haiku 4.5", created_at: "2025-10-01T00:00:00Z" }],
        has_more: false,
        first_id: "claude-haiku-4-5",
        last_id: "claude-haiku-4-5",
      };
    case "gemini.models":
      return { models: [{ name: "models/gemini-2.5-flash", displayName: "Gemini 2.5 Flash" }] };
    case "openai.chat":
      return {
        id: "chatcmpl-fake",
        object: "chat.completion",
        created: 0,
        model: requestedModel,
        choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: "stop", logprobs: null }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      };
    case "anthropic.messages":
      return {
        id: "msg_fake",
        type: "message",
        role: "assistant",
        model: requestedModel,
        content: [{ type: "text", text }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      };
    case "gemini.generate":
      return {
        candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
        modelVersion: requestedModel,
        usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
      };
  }
}

function errorBody(provider: FakeProviderName, status: number, apiKey: string | null): unknown {
  // Deliberately leaky, like real providers: the server must never forward this text.
  const message = `fake provider error ${status} for key ${apiKey ?? "(none)"}`;
  if (provider === "anthropic") return { type: "error", error: { type: "api_error", message } };
  if (provider === "gemini") return { error: { code: status, message, status: "FAKE_ERROR" } };
  return { error: { message, type: "fake_error", param: null, code: String(status) } };
}

/**
 * Starts the fake on 127.0.0.1 with a free port.
 * @example const fake = await startFakeProvider(); … createLlmGateway({ openaiBaseUrl: fake.urls.openai, … })
 */
export async function startFakeProvider(): Promise<FakeProvider> {
  const queues = new Map<FakeRoute, FakeBehaviour[]>();
  const defaults = new Map<FakeRoute, FakeBehaviour>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();

  const fake = {
    baseUrl: "",
    urls: { openai: "", anthropic: "", gemini: "" },
    requests,
    completionText: DEFAULT_COMPLETION_TEXT,
    script(route: FakeRoute, ...behaviours: FakeBehaviour[]) {
      queues.set(route, [...(queues.get(route) ?? []), ...behaviours]);
    },
    always(route: FakeRoute, behaviour: FakeBehaviour) {
      defaults.set(route, behaviour);
    },
    requestsTo(route: FakeRoute) {
      return requests.filter((request) => request.route === route);
    },
    reset() {
      queues.clear();
      defaults.clear();
      requests.length = 0;
      fake.completionText = DEFAULT_COMPLETION_TEXT;
    },
    close: async () => {
      for (const response of held) response.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } satisfies FakeProvider & { baseUrl: string; urls: Record<FakeProviderName, string> };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://fake");
      let path = url.pathname;
      let provider: FakeProviderName;
      const prefix = /^\/(openai|anthropic|gemini)(?=\/)/.exec(path);
      if (prefix) {
        provider = prefix[1] as FakeProviderName;
        path = path.slice(prefix[0].length);
      } else if (request.headers["anthropic-version"] !== undefined) {
        provider = "anthropic";
      } else if (path.startsWith("/v1beta/")) {
        provider = "gemini";
      } else {
        provider = "openai";
      }
      const method = request.method ?? "GET";
      const route = routeOf(provider, method, path);
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = raw === "" ? undefined : (JSON.parse(raw) as unknown);
      } catch {
        body = raw;
      }
      const apiKey = keyOf(provider, request);
      requests.push({ route, provider, method, path, query: url.search, headers: { ...request.headers }, body, apiKey });

      if (route === "unknown") {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: `fake provider: no route ${method} ${path}` } }));
        return;
      }
      const behaviour = queues.get(route)?.shift() ?? defaults.get(route) ?? { kind: "ok" };
      switch (behaviour.kind) {
        case "timeout":
          held.add(response);
          response.on("close", () => held.delete(response));
          return;
        case "hangup":
          request.socket.destroy();
          return;
        case "malformed":
          response.writeHead(200, { "content-type": "application/json" });
          response.end('{"this is": not json');
          return;
        case "status":
          response.writeHead(behaviour.status, { "content-type": "application/json" });
          response.end(JSON.stringify(errorBody(provider, behaviour.status, apiKey)));
          return;
        case "ok": {
          const requestedModel =
            route === "gemini.generate"
              ? decodeURIComponent(/models\/([^/:]+):/.exec(path)?.[1] ?? "gemini")
              : String((body as { model?: unknown } | undefined)?.model ?? "fake-model");
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify(okBody(route, behaviour.text ?? fake.completionText, behaviour.model ?? requestedModel)));
          return;
        }
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  fake.urls = { openai: `${fake.baseUrl}/openai`, anthropic: `${fake.baseUrl}/anthropic`, gemini: `${fake.baseUrl}/gemini` };
  return fake;
}
