/**
 * Middle truncation (spec §4.2): the hidden count `len - buffer` is printed exactly however negative
 * the buffer (where JavaScript numbers would differ from Python's ints), and the head and tail are
 * cut at code points as Python's slices cut them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidDataError } from "../../src/errors.js";
import { renderJson } from "../../src/index.js";
import { scanSurrogates, unitIndex, unitIndexByPairs, unitIndexFromEnd, unitIndexFromEndByPairs } from "../../src/format/text.js";
import { middleBase64, middleUtf8Length, truncateMiddle, TruncationMemo } from "../../src/format/truncate-middle.js";

const input = (buffer: string, markers = true) =>
  renderJson(
    `{"event_type": "$ai_generation", "data": {"id": "x", "properties": {"$ai_input": "abcdefghijk"}}, "options": {"truncate_buffer": ${buffer}, "include_markers": ${markers}}}`,
  ).text;

describe("the hidden count", () => {
  it("is exact for a buffer past 2^53, given as a number or a string", () => {
    expect(input("-1000000000000000000000000000000")).toContain("<<<TRUNCATED|YWJjZGVmZ2hpams=|1000000000000000000000000000011>>>");
    expect(input('"-1000000000000000000000000000000"', false)).toContain("... (1000000000000000000000000000011 chars truncated) ...");
    expect(input("-9007199254740993")).toContain("|9007199254741004>>>");
  });

  it("is exact when a safe buffer makes the count pass 2^53", () => {
    expect(input("-9007199254740990")).toContain("|9007199254741001>>>");
    expect(truncateMiddle("abc", -(2 ** 53 - 1), false)).toBe("\n\n... (9007199254740994 chars truncated) ...\n\n");
  });

  it("leaves a huge positive buffer's text whole", () => {
    expect(input("1000000000000000000000000000000")).toContain("abcdefghijk");
  });
});

describe("the cut points", () => {
  const SEED = 20261127;
  // pairs, lone surrogates of both halves (which must not pair up across a cut), and plain units
  const text = fc.string({ unit: fc.constantFrom("a", "é", "字", "🦊", "\uD800", "\uDC00", "\n"), maxLength: 200 });

  it("found from the positions of the pairs equal the walk through the string", () => {
    fc.assert(
      fc.property(text, fc.nat(220), (s, wanted) => {
        const { pairs, positions } = scanSurrogates(s, Number.POSITIVE_INFINITY);
        const count = wanted % (s.length - pairs + 1);
        expect(unitIndexByPairs(positions, count)).toBe(unitIndex(s, count));
        expect(unitIndexFromEndByPairs(positions, s.length, count)).toBe(unitIndexFromEnd(s, count));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("come from one scan that finds every pair and every lone surrogate", () => {
    fc.assert(
      fc.property(text, fc.nat(10), (s, listed) => {
        // Array.from splits into code points, a lone surrogate being one of its own
        const expected = Array.from(s).flatMap((point, i, all) => {
          const at = all.slice(0, i).join("").length;
          return point.length === 2 ? [at] : [];
        });
        const scan = scanSurrogates(s, listed);
        expect(scan.pairs).toBe(expected.length);
        expect(scan.positions).toEqual(expected.slice(0, listed));
        expect(scan.lone).toBe(!s.isWellFormed());
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("tell the encoder the middle is well formed only when it is", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -20, max: 150 }), (s, buffer) => {
        const told: boolean[] = [];
        truncateMiddle(s, buffer, true, ({ middle, wellFormed }) => {
          // a hint may be withheld (a lone surrogate elsewhere in the text), never wrongly given
          if (wellFormed) expect(middle.isWellFormed()).toBe(true);
          if (s.isWellFormed()) expect(wellFormed).toBe(true);
          told.push(wellFormed);
          return "";
        });
        expect(told.length).toBe(Array.from(s).length > buffer ? 1 : 0);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("come out the same from a memo, for texts that recur and texts that share only a length", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), fc.integer({ min: -20, max: 60 }), fc.boolean(), (distinct, buffer, markers) => {
        // each text recurs, and texts of one length come in more than a memo keeps per length
        const texts = [...distinct, ...distinct.map((s) => s.slice(1) + s.slice(0, 1)), ...distinct];
        const memo = new TruncationMemo(buffer);
        // a lone surrogate in the middle is refused each time, memo or not
        const outcome = (run: () => string): string => {
          try {
            return run();
          } catch (error) {
            return error instanceof InvalidDataError ? "refused" : String(error);
          }
        };
        for (const s of texts) {
          const memoized = outcome(() => truncateMiddle(s, buffer, markers, middleBase64, (t) => memo.cut(t)));
          expect(memoized).toBe(outcome(() => truncateMiddle(s, buffer, markers)));
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("are found once for a text that recurs, and its middle is counted and encoded once", () => {
    const memo = new TruncationMemo(10);
    const text = "🦊".repeat(30);
    const first = memo.cut(text);
    const again = memo.cut(` ${text}`.slice(1));
    expect(again).toBe(first);
    expect(memo.cut("short")).toBeUndefined();
    if (first === undefined) throw new Error("a 30-character text must be cut to 10");
    expect(middleUtf8Length(first)).toBe(new TextEncoder().encode(first.middle).length);
    expect(middleBase64(first)).toBe(btoa(String.fromCharCode(...new TextEncoder().encode(first.middle))));
    expect(first.middleBytes).toBe(80);
  });

  it("are kept for texts up to 64K characters and 8M in all, so a render's large dumps are freed", () => {
    const memo = new TruncationMemo(10);
    const large = "x".repeat(65_537);
    expect(memo.cut(large)).not.toBe(memo.cut(large));
    // texts of one length each, so that none is let go to make room for another of its length
    const texts = Array.from({ length: 140 }, (_, i) => "y".repeat(60_000 + i));
    const cuts = texts.map((text) => memo.cut(text));
    let total = 0;
    const fits = texts.filter((text) => (total += text.length) <= 2 ** 23).length;
    expect(fits).toBeLessThan(texts.length);
    texts.forEach((text, i) => expect(memo.cut(text) === cuts[i]).toBe(i < fits));
  });

  it("keep the first and last code points as Python's slices do, with few pairs or many", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 150 }), fc.boolean(), (s, buffer, manyPairs) => {
        // past the listed pairs, the cut points are found by walking instead
        const input = manyPairs ? `${"🦊".repeat(80)}${s}` : s;
        const points = Array.from(input); // code points, a lone surrogate being one, as in Python
        const half = Math.floor(buffer / 2);
        const expected =
          points.length <= buffer
            ? input
            : `${points.slice(0, half).join("")}\n\n... (${points.length - buffer} chars truncated) ...\n\n${(half === 0 ? points : points.slice(-half)).join("")}`;
        expect(truncateMiddle(input, buffer, false)).toBe(expected);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
