#!/usr/bin/env node
// The `tracescribe-server` command. A built package (dist/main.js, from `npm run build`) runs as
// plain JavaScript; a source checkout right after `npm ci` has no build, so it runs the TypeScript
// through tsx and resolves the engine ("tracescribe") to its source as well.
// TRACESCRIBE_SERVER_FROM_SOURCE=1 forces the source even when a (possibly stale) build exists.
import { existsSync } from "node:fs";
import { register } from "node:module";

const built = new URL("../dist/main.js", import.meta.url);
let entry;
if (existsSync(built) && process.env.TRACESCRIBE_SERVER_FROM_SOURCE !== "1") {
  entry = built;
} else {
  const { register: registerTsx } = await import("tsx/esm/api");
  registerTsx();
  register("./source-conditions.js", import.meta.url);
  entry = new URL("../src/main.ts", import.meta.url);
}
const { main } = await import(entry.href);
await main();
