/**
 * The engine as its users import it: the tsup bundle in `dist/`, so the figures are those of the
 * code that ships (`npm run bench` builds it first). Run from `src/` through tsx, every call
 * between modules would go through an export getter, which users' code never pays.
 * The types come from the source the bundle is built from.
 */
import { existsSync } from "node:fs";
import type * as Engine from "../src/index.js";

const bundle = new URL("../dist/index.js", import.meta.url);
if (!existsSync(bundle)) throw new Error(`${bundle.pathname} is missing: run \`npm run build\` first`);

export const { buildHierarchy, fromJs, isDict, jsonDumps, parseJson, renderJson } = (await import(bundle.href)) as typeof Engine;
export type { PyValue } from "../src/index.js";
