/**
 * The HTTP app: a fetch handler built from injected parts. It opens no port and reads no
 * environment (that is `main.ts`), so tests drive it in process with `app.request(...)`.
 */

import { OpenAPIHono } from "@hono/zod-openapi";
import type { App, AppDeps, AppEnv } from "./deps.js";
import { registerProviderKeyRoutes } from "./routes/provider-keys.js";
import { registerSummarizationRoutes } from "./routes/summarization.js";
import { registerTranslateRoutes } from "./routes/translate.js";

/**
 * Builds the app from its parts.
 * @example const app = createApp({ store, cipher, llm, clock: Date.now, config: createConfig() });
 */
export function createApp(deps: AppDeps): App {
  const app = new OpenAPIHono<AppEnv>({ strict: false });
  registerProviderKeyRoutes(app, deps);
  registerSummarizationRoutes(app, deps);
  registerTranslateRoutes(app, deps);
  return app;
}
