import { defineConfig } from "tsup";

// The production build: dist/main.js, which bin/tracescribe-server.js prefers over running the
// TypeScript source. Dependencies and the engine ("tracescribe", a peer) stay external.
export default defineConfig({
  entry: { main: "src/main.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  sourcemap: true,
  clean: true,
  external: ["tracescribe"],
});
