/**
 * The route → scope table: the one place that says which scope every route under
 * `/api/environments/:project_id/` needs and which rate-limit budget it draws from. The auth
 * middleware looks every request up here, so a route missing from the table is unreachable
 * (404/405) rather than unprotected.
 */

import type { RateLimitClass } from "../config.js";

/** Every scope a personal API key can hold (PostHog's names). */
export const SCOPES = [
  "llm_provider_key:read",
  "llm_provider_key:write",
  "llm_analytics:write",
  "llm_prompt:read",
  "llm_prompt:write",
] as const;

/** One of {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];

/** A method of the API. */
export type RouteMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** One row of {@link ROUTE_SCOPES}. `path` is relative to the project prefix; `:name` matches one segment. */
export interface RouteScope {
  readonly method: RouteMethod;
  readonly path: string;
  readonly scope: Scope;
  readonly rateLimit: RateLimitClass;
}

/**
 * Every project route. Choices where PostHog's reference is silent (endpoints.md §0): `validate`
 * needs `llm_provider_key:write` because it writes `state`; `batch_check` and `text_repr` need
 * `llm_analytics:write` like the other `llm_analytics` actions, and `batch_check` shares the
 * summarization budget as it does in PostHog.
 */
export const ROUTE_SCOPES: readonly RouteScope[] = [
  { method: "GET", path: "llm_analytics/provider_keys", scope: "llm_provider_key:read", rateLimit: "default" },
  { method: "POST", path: "llm_analytics/provider_keys", scope: "llm_provider_key:write", rateLimit: "default" },
  { method: "GET", path: "llm_analytics/provider_keys/:id", scope: "llm_provider_key:read", rateLimit: "default" },
  { method: "PATCH", path: "llm_analytics/provider_keys/:id", scope: "llm_provider_key:write", rateLimit: "default" },
  { method: "PUT", path: "llm_analytics/provider_keys/:id", scope: "llm_provider_key:write", rateLimit: "default" },
  { method: "DELETE", path: "llm_analytics/provider_keys/:id", scope: "llm_provider_key:write", rateLimit: "default" },
  { method: "POST", path: "llm_analytics/provider_keys/:id/validate", scope: "llm_provider_key:write", rateLimit: "default" },
  { method: "POST", path: "llm_analytics/summarization", scope: "llm_analytics:write", rateLimit: "summarization" },
  { method: "POST", path: "llm_analytics/summarization/batch_check", scope: "llm_analytics:write", rateLimit: "summarization" },
  { method: "POST", path: "llm_analytics/translate", scope: "llm_analytics:write", rateLimit: "translate" },
  { method: "POST", path: "llm_analytics/text_repr", scope: "llm_analytics:write", rateLimit: "default" },
  { method: "GET", path: "llm_prompts", scope: "llm_prompt:read", rateLimit: "default" },
  { method: "POST", path: "llm_prompts", scope: "llm_prompt:write", rateLimit: "default" },
  { method: "GET", path: "llm_prompts/:id", scope: "llm_prompt:read", rateLimit: "default" },
  { method: "PATCH", path: "llm_prompts/:id", scope: "llm_prompt:write", rateLimit: "default" },
  { method: "GET", path: "llm_prompts/name/:name", scope: "llm_prompt:read", rateLimit: "default" },
];

/** What a request path under a project resolves to. */
export type RouteLookup =
  | { readonly kind: "found"; readonly route: RouteScope }
  | { readonly kind: "method_not_allowed"; readonly allowed: readonly RouteMethod[] }
  | { readonly kind: "not_found" };

function segmentsMatch(pattern: readonly string[], path: readonly string[]): boolean {
  return (
    pattern.length === path.length &&
    pattern.every((segment, i) => segment.startsWith(":") ? path[i] !== "" : segment === path[i])
  );
}

const PATTERNS = ROUTE_SCOPES.map((route) => ({ route, segments: route.path.split("/") }));

/**
 * Looks up `method` and `subpath` (the part after `/api/environments/:project_id/`, without
 * leading or trailing slashes) in {@link ROUTE_SCOPES}. `HEAD` is treated as `GET`.
 * @example lookupRoute("GET", "llm_prompts/name/greeting") // found, llm_prompt:read
 */
export function lookupRoute(method: string, subpath: string): RouteLookup {
  const segments = subpath.split("/");
  const effective = method === "HEAD" ? "GET" : method;
  const matching = PATTERNS.filter((p) => segmentsMatch(p.segments, segments));
  const route = matching.find((p) => p.route.method === effective)?.route;
  if (route !== undefined) return { kind: "found", route };
  if (matching.length > 0) return { kind: "method_not_allowed", allowed: matching.map((p) => p.route.method) };
  return { kind: "not_found" };
}

/** Whether a key holding `granted` may use a route needing `needed` (`*` grants everything). */
export function hasScope(granted: readonly string[], needed: Scope): boolean {
  return granted.includes("*") || granted.includes(needed);
}

/**
 * Parses a comma-separated scope list as given to `create-api-key --scopes`.
 * @throws {Error} naming the unknown scopes and listing the valid ones
 */
export function parseScopes(text: string): string[] {
  const scopes = [...new Set(text.split(",").map((s) => s.trim()).filter((s) => s !== ""))];
  if (scopes.length === 0) throw new Error(`No scopes given: expected a comma-separated list of ${SCOPES.join(", ")} (or *).`);
  const unknown = scopes.filter((s) => s !== "*" && !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new Error(`Unknown scope${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: expected any of ${SCOPES.join(", ")} (or *).`);
  }
  return scopes;
}
