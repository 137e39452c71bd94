/**
 * The HTTP app: a fetch handler built from injected parts. It opens no port and reads no
 * environment (that is `main.ts`), so tests drive it in process with `app.request(...)`.
 */

import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { getPath } from "hono/utils/url";
import { PROJECT_PREFIX, projectAuth } from "./auth/middleware.js";
import type { App, AppDeps, AppEnv } from "./deps.js";
import { ApiError, errorResponse, validationHook } from "./http/errors.js";
import { registerPromptRoutes } from "./routes/prompts.js";
import { registerProviderKeyRoutes } from "./routes/provider-keys.js";
import { registerSchemaRoute } from "./routes/schema.js";
import { registerSummarizationRoutes } from "./routes/summarization.js";
import { registerTextReprRoutes } from "./routes/text-repr.js";
import { registerTranslateRoutes } from "./routes/translate.js";

const PROJECTS_ALIAS = "/api/projects/";

/**
 * The routing path of a request: trailing slashes dropped (PostHog's paths end in `/`, routes are
 * registered without) and `/api/projects/` read as `/api/environments/`, as PostHog rewrites it.
 */
function routingPath(request: Request): string {
  let path = getPath(request);
  if (path.startsWith(PROJECTS_ALIAS)) path = PROJECT_PREFIX + path.slice(PROJECTS_ALIAS.length);
  return path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
}

/**
 * Builds the app from its parts.
 * @example
 * const app = createApp({ store, cipher, llm, clock: Date.now, config: createConfig() });
 * const response = await app.request("/api/schema");
 */
export function createApp(deps: AppDeps): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook, getPath: routingPath });

  app.onError((error, c) => errorResponse(error, c, deps.log));
  app.notFound((c) => errorResponse(ApiError.notFound(`No route for ${c.req.method} ${c.req.path}.`), c));

  const limit = deps.config.bodyLimitBytes;
  app.use(
    "*",
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw ApiError.payloadTooLarge(limit);
      },
    }),
  );
  app.use(`${PROJECT_PREFIX}:project_id/*`, projectAuth(deps));

  registerSchemaRoute(app);
  registerTextReprRoutes(app, deps);
  registerPromptRoutes(app, deps);
  registerProviderKeyRoutes(app, deps);
  registerSummarizationRoutes(app, deps);
  registerTranslateRoutes(app, deps);
  return app;
}
