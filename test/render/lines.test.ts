/**
 * The line passes on deferred marker lines: an encoded line must measure what its text measures,
 * and deferring the encoding must never change what the budget and line numbers produce.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidDataError } from "../../src/errors.js";
import { base64Utf8, base64Utf8Length } from "../../src/format/base64.js";
import { lineNumberLabels, NO_LABELS } from "../../src/format/line-numbers.js";
import { encodedLine, lineLength, lineText, splitLines, type Line } from "../../src/format/lines.js";
import { applyMaxLength } from "../../src/format/sample-lines.js";
import { codePoints } from "../helpers.js";

const SEED = 20261127;

/** Well-formed text with a mix of one-, two-, three- and four-byte characters, no newline. */
const lineString = fc.string({ unit: fc.constantFrom("a", "Z", " ", "é", "—", "字", "🦊", "|"), maxLength: 40 });

/** A line: plain text, or a marker line whose payload (which may hold newlines) is deferred. */
const line = fc.oneof(
  lineString,
  fc
    .tuple(lineString, fc.string({ unit: fc.constantFrom("x", "é", "🦊", "\n", "字"), maxLength: 120 }))
    .map(([before, payload]) => encodedLine(`${before}<<<M|`, payload, ">>>")),
);

describe("encoded lines", () => {
  it("measure exactly the code points of the text they stand for", () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(lineLength(l)).toBe(codePoints(lineText(l)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("encode the payload as UTF-8 base64 between the surrounding text", () => {
    expect(lineText(encodedLine("<<<X|", "hi é", ">>>"))).toBe(`<<<X|${base64Utf8("hi é")}>>>`);
    expect(base64Utf8Length("🦊")).toBe(base64Utf8("🦊").length);
  });

  it("refuse a lone surrogate at once, whether or not the line is ever written", () => {
    expect(() => encodedLine("<<<X|", "a\uD800b", ">>>")).toThrow(InvalidDataError);
  });

  it("are encoded at once when the text around the payload holds a newline", () => {
    expect(encodedLine("a\n<<<X|", "hi", ">>>")).toBe("a\n<<<X|aGk=>>>");
  });
});

describe("line passes", () => {
  it("give the same text for deferred lines as for the same lines encoded up front", () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 60 }),
        fc.integer({ min: -50, max: 3000 }),
        fc.boolean(),
        (lines, maxLength, numbered) => {
          const eager: Line[] = lines.map(lineText);
          const pass = (input: Line[]) => {
            const split = splitLines(input);
            return applyMaxLength(split, maxLength, numbered ? lineNumberLabels(split.length) : NO_LABELS);
          };
          expect(pass(lines)).toEqual(pass(eager));
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("keep the first five lines and a sample of the rest within the budget", () => {
    // payloads of one length that differ per line, so a kept line can be matched to its source
    const lines = Array.from({ length: 200 }, (_, i) => encodedLine(`line ${i} `, `${i}:`.padEnd(60, "x"), ""));
    const { text, truncated } = applyMaxLength(lines, 2000);
    expect(truncated).toBe(true);
    expect(codePoints(text)).toBeLessThanOrEqual(2000);
    const out = text.split("\n");
    expect(out.slice(0, 2)).toEqual([lineText(lines[0] as Line), lineText(lines[1] as Line)]);
    expect(out[2]).toMatch(/^\[SAMPLED VIEW: Showing ~\d+% of 200 lines\./);
    // a sample beyond the header was kept, and every kept line is one of the input lines, in order
    const kept = out.slice(3);
    expect(kept.length).toBeGreaterThan(0);
    const positions = kept.map((l) => {
      expect(l).toMatch(/^line \d+ /);
      const position = Number(/^line (\d+) /.exec(l)?.[1]);
      expect(Number.isInteger(position) && position >= 2 && position < lines.length, l).toBe(true);
      expect(l).toBe(lineText(lines[position] as Line));
      return position;
    });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
  });

  it("number the lines they keep with their place in the whole text", () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    const { text } = applyMaxLength(lines, 500, lineNumberLabels(lines.length));
    const out = text.split("\n");
    expect(out.slice(0, 2)).toEqual(["L0001: line 0", "L0002: line 1"]);
    expect(out[2]).toMatch(/^\[SAMPLED VIEW/);
    const kept = out.slice(3);
    expect(kept.length).toBeGreaterThan(0);
    for (const line of kept) {
      const match = /^L(\d{4}): (line (\d+))$/.exec(line);
      expect(match, line).not.toBeNull();
      const [, number, body, index] = match ?? [];
      const position = Number(index);
      expect(Number.isInteger(position) && position >= 2 && position < lines.length, line).toBe(true);
      expect(body).toBe(lines[position]);
      expect(Number(number)).toBe(position + 1);
    }
  });

  it("treat no lines as the empty text, which is one line", () => {
    expect(splitLines([])).toEqual([""]);
    expect(applyMaxLength(splitLines([]), 0, lineNumberLabels(1)).text).toBe("L1: ");
  });
});
