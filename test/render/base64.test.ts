/**
 * The checked UTF-8 length that measures a payload: one encoding pass must refuse exactly the
 * texts a strict UTF-8 encoder refuses, and count exactly the bytes it writes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidDataError } from "../../src/errors.js";
import { encodableUtf8Length } from "../../src/format/base64.js";

const SEED = 20261127;

/** Text with one- to four-byte characters, real U+FFFD, and lone surrogates of both halves. */
const text = fc.string({ unit: fc.constantFrom("a", "é", "字", "🦊", "\uFFFD", "\uD800", "\uDFFF", "\n"), maxLength: 200 });

/** What Python's `len(s.encode("utf-8"))` gives, or `undefined` where it raises. */
function strictLength(s: string): number | undefined {
  return s.isWellFormed() ? new TextEncoder().encode(s).length : undefined;
}

function checkedLength(s: string): number | undefined {
  try {
    return encodableUtf8Length(s);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDataError);
    return undefined;
  }
}

describe("encodableUtf8Length", () => {
  it("counts the bytes of well-formed text and refuses a lone surrogate, U+FFFD or not", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(checkedLength(s)).toBe(strictLength(s));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("does the same for texts too long for its scratch buffer", () => {
    const long = "é".repeat(100_000);
    for (const s of [long, `${long}\uFFFD`, `${long}\uD800`, `\uDC00${long}`, `${long}🦊`]) {
      expect(checkedLength(s)).toBe(strictLength(s));
    }
    // either side of the longest text the 256 KB scratch takes (three bytes a unit)
    for (const length of [87_380, 87_381, 87_382]) {
      for (const end of ["字", "\uD800", "\uFFFD"]) {
        const s = `${"字".repeat(length - 1)}${end}`;
        expect(checkedLength(s)).toBe(strictLength(s));
      }
    }
  });
});
