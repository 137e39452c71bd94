import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// The server's tests import "tracescribe" as the engine's TypeScript source (the
// `tracescribe-source` export condition), so they need no engine build.
const conditions = ["tracescribe-source", ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["tracescribe-source"] } },
  test: {
    name: "server",
    root: import.meta.dirname,
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
