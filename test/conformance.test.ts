/**
 * The judge: every request/expected pair of PostHog's reference in fixtures/conformance, rendered
 * from its raw JSON text (so number spelling survives) and compared as parsed JSON.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { renderJson, safeRenderJson } from "../src/index.js";
import { conformanceCorpus, renderOtherRequests } from "./helpers.js";

/**
 * Cases where we knowingly differ from the reference, with the reason. Expected to stay empty; a
 * listed case that starts passing fails the suite, so the list can only shrink.
 */
const knownDivergences: ReadonlyMap<string, string> = new Map();

// named by file (`<name>.json`), as the test titles and knownDivergences spell them
const cases = conformanceCorpus().map(({ file, request, expected }) => ({ name: file, request, expected }));

describe("conformance corpus", () => {
  it("holds every pair of ../shared/corpus (155 = 132 + 16 + 7)", () => {
    expect(cases.length).toBe(155);
    expect(cases.filter((c) => c.expected.status === undefined).length).toBe(132);
  });

  for (const { name, request, expected } of cases) {
    const status = expected.status ?? 200;
    it(`${name} (${status})`, () => {
      const result = safeRenderJson(request);
      const matches = (() => {
        if (status === 200) {
          return result.success && result.data.text === expected.text
            && isDeepStrictEqual(result.data.metadata, expected.metadata);
        }
        // The reference crashes (500) on these; we answer a clear 400 instead.
        if (status === 500) return !result.success && result.error.status === 400;
        return !result.success && result.error.status === 400
          && isDeepStrictEqual(result.error.body, expected.error);
      })();
      if (knownDivergences.has(name)) {
        expect(matches, `${name} now passes: remove it from knownDivergences`).toBe(false);
        return;
      }
      if (status === 200) {
        expect(result.success ? result.data.text : result.error.body).toEqual(expected.text);
        expect(result.success && result.data.metadata).toEqual(expected.metadata);
        // a second pass, after other renders, proves rendering is deterministic and keeps no
        // state from one render to the next
        renderOtherRequests();
        expect(renderJson(request)).toEqual(result.success && result.data);
      } else if (status === 500) {
        expect(result.success ? "rendered" : result.error.status).toBe(400);
      } else {
        expect(result.success ? "rendered" : result.error.body).toEqual(expected.error);
      }
    });
  }
});
