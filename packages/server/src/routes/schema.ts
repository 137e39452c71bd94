/**
 * `GET /api/schema`: the OpenAPI 3.1 document, generated on request from the zod schemas the
 * routes validate with, so it always lists exactly the registered routes. Each operation also
 * carries `x-required-scope` from the scope table, the one place scopes are defined.
 */

import type { App } from "../deps.js";
import { ROUTE_SCOPES } from "../auth/scopes.js";
import { PROJECT_PREFIX } from "../auth/middleware.js";

const PACKAGE_VERSION = "0.1.0";

/** Registers `GET /api/schema` on `app`. Public: it holds no data. */
export function registerSchemaRoute(app: App): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "PersonalApiKey", {
    type: "http",
    scheme: "bearer",
    description: "A personal API key from `tracescribe-server create-api-key`.",
  });

  app.get("/api/schema", (c) => {
    const document = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "tracescribe server",
        version: PACKAGE_VERSION,
        description:
          "PostHog-compatible LLM-analytics endpoints. Trailing slashes are optional, and /api/projects/ is an alias of /api/environments/.",
      },
    });
    const paths = (document.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    for (const route of ROUTE_SCOPES) {
      const path = `${PROJECT_PREFIX}{project_id}/${route.path.replace(/:(\w+)/g, "{$1}")}`;
      const operation = paths[path]?.[route.method.toLowerCase()];
      if (operation !== undefined) operation["x-required-scope"] = route.scope;
    }
    return c.json(document, 200);
  });
}
