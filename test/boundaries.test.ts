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

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? "");
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
});
