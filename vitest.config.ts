import { defineConfig } from "vitest/config";

// One `vitest run` at the root runs the engine's tests and the server workspace's own project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "engine",
          include: ["test/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      "packages/server",
    ],
  },
});
