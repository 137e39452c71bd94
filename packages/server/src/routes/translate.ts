// Placeholder so the app builds; owned by the LLM engineer, who replaces this file.
import type { App, AppDeps } from "../deps.js";

/** Registers the `translate` routes (owned by the LLM engineer). */
export function registerTranslateRoutes(app: App, deps: AppDeps): void {
  void app;
  void deps;
}
