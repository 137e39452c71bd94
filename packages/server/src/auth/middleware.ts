/**
 * Authentication, routing checks, scopes and rate limits for every request under
 * `/api/environments/:project_id/`, in this order:
 * 1. a known personal API key (`Authorization: Bearer <key>`), else 401;
 * 2. a route in the scope table, else 404 or 405 (after 1, so anonymous callers learn nothing);
 * 3. a key that may reach this project, else 404 (PostHog never says another project exists);
 * 4. the route's scope, else 403;
 * 5. room in the key's rate-limit budget, else 429 with `Retry-After`.
 */

import type { MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv, Principal } from "../deps.js";
import { ApiError } from "../http/errors.js";
import { RateLimiter } from "../http/rate-limit.js";
import { hasScope, lookupRoute } from "./scopes.js";
import { hashApiKeySecret } from "./tokens.js";

/** The path prefix every project route lives under (after `/api/projects/` is rewritten to it). */
export const PROJECT_PREFIX = "/api/environments/";

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The principal for an `Authorization` header value, or a 401. */
async function authenticate(deps: AppDeps, header: string | undefined): Promise<Principal> {
  if (header === undefined || header.trim() === "") {
    throw ApiError.unauthenticated('Authentication credentials were not provided: send "Authorization: Bearer <personal API key>".');
  }
  const match = BEARER.exec(header);
  if (match === null) {
    throw ApiError.unauthenticated('Malformed Authorization header: expected "Bearer <personal API key>".');
  }
  const record = await deps.store.apiKeys.findByHash(hashApiKeySecret(match[1] ?? ""));
  if (record === null) throw ApiError.unauthenticated("Invalid personal API key.");
  return { apiKeyId: record.id, label: record.label, projectIds: record.projectIds, scopes: record.scopes };
}

/**
 * The middleware, mounted on `/api/environments/:project_id/*`. Sets `principal` and `projectId`
 * on the context for the routes.
 */
export function projectAuth(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const limiter = new RateLimiter(deps.clock);
  return async (c, next) => {
    const principal = await authenticate(deps, c.req.header("Authorization"));

    const projectId = c.req.param("project_id") ?? "";
    // By segments, not by the length of the decoded id: an encoded id (`a%2Fb`) is longer in the path.
    const subpath = c.req.path.split("/").slice(PROJECT_PREFIX.split("/").length).join("/");
    const lookup = lookupRoute(c.req.method, subpath);
    if (lookup.kind === "not_found") throw ApiError.notFound();
    if (lookup.kind === "method_not_allowed") throw ApiError.methodNotAllowed(c.req.method, lookup.allowed);

    if (!principal.projectIds.includes("*") && !principal.projectIds.includes(projectId)) throw ApiError.notFound();

    const { scope, rateLimit } = lookup.route;
    if (!hasScope(principal.scopes, scope)) {
      throw ApiError.forbidden(`API key missing required scope '${scope}'.`);
    }

    if (deps.config.rateLimitEnabled) {
      const decision = limiter.take(`${principal.apiKeyId}|${rateLimit}`, deps.config.rateLimits[rateLimit]);
      if (!decision.allowed) throw ApiError.throttled(decision.retryAfterSeconds);
    }

    c.set("principal", principal);
    c.set("projectId", projectId);
    await next();
  };
}
