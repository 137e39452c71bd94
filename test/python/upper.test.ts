import { describe, expect, it } from "vitest";
import { pyUpper } from "../../src/python/index.js";

describe("pyUpper", () => {
  it("upper-cases with full case mapping", () => {
    expect(pyUpper("span name")).toBe("SPAN NAME");
    expect(pyUpper("straße")).toBe("STRASSE");
    expect(pyUpper("ﬁx ŉ")).toBe("FIX ʼN");
    expect(pyUpper("é😀ς")).toBe("É😀Σ");
    expect(pyUpper("\ud800a")).toBe("\ud800A");
  });

  it("leaves letters whose upper case arrived after Unicode 14 unchanged", () => {
    expect(pyUpper("\u019b\u0264\u1c8a\ua7cd\ua7cf\ua7d3\ua7d5\ua7db")).toBe("\u019b\u0264\u1c8a\ua7cd\ua7cf\ua7d3\ua7d5\ua7db");
    expect(pyUpper("a\u{10d70}b\u{16ebb}c\u{16ed3}")).toBe("A\u{10d70}B\u{16ebb}C\u{16ed3}");
    expect(pyUpper("x\u0264y")).toBe("X\u0264Y");
  });
});
