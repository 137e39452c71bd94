/**
 * The engine stays portable: nothing under src/ but the CLI imports `node:*`, and nothing imports
 * from outside src/ except zod; the engine never imports the server.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/**
 * Module specifiers in source text: side-effect imports (`import "x"`, tried first so that one
 * without a semicolon is not swallowed by the next statement's `from`), `import … from` /
 * `export … from`, dynamic `import("x")` and `require("x")`.
 */
const IMPORT =
  /(?:^|\n)\s*import\s*["']([^"']+)["']|(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g;

function scanImports(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

function importsOf(file: string): string[] {
  return scanImports(readFileSync(file, "utf8"));
}

describe("engine boundaries", () => {
  const files = sourceFiles(src);

  it("finds the engine's sources", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const file of files) {
    const name = relative(src, file);
    if (name === "cli.ts") continue;
    it(`${name} imports only relative modules and zod`, () => {
      for (const specifier of importsOf(file)) {
        const allowed = specifier === "zod" || specifier.startsWith("./") || specifier.startsWith("../");
        expect(allowed, `${name} imports ${specifier}`).toBe(true);
        if (specifier.startsWith(".")) {
          const target = join(file, "..", specifier);
          expect(relative(src, target).startsWith(".."), `${name} reaches outside src/: ${specifier}`).toBe(false);
        }
      }
    });
  }

  it("the import scanner sees node: imports (so the checks above can fail)", () => {
    const cli = importsOf(join(src, "cli.ts"));
    expect(cli).toContain("node:fs");
  });

  it("the import scanner sees side-effect imports, require and dynamic import", () => {
    expect(scanImports('import "node:fs";\n')).toEqual(["node:fs"]);
    expect(scanImports("  import 'node:process'\nconst x = 1;\n")).toEqual(["node:process"]);
    // without a semicolon, a side-effect import is still its own statement, not part of the next one
    expect(scanImports('import "node:os"\nimport { a } from "./a.js";\n')).toEqual(["node:os", "./a.js"]);
    expect(scanImports('const fs = require("node:fs");\nconst p = require ( \'node:path\' );\n')).toEqual(["node:fs", "node:path"]);
    expect(scanImports('const m = await import("node:crypto");\n')).toEqual(["node:crypto"]);
    expect(scanImports('import {\n  a,\n  b,\n} from "./x.js";\nexport * from "zod";\nexport type { T } from "../t.js";\n')).toEqual([
      "./x.js",
      "zod",
      "../t.js",
    ]);
  });
});
