import { describe, expect, it } from "vitest";
import { parsePyInt, pyFloat } from "../../src/python/index.js";
import { PyFloat } from "../../src/value/py-value.js";

describe("pyFloat", () => {
  it("converts numbers and booleans", () => {
    expect(pyFloat(1.5)).toBe(1.5);
    expect(pyFloat(3)).toBe(3);
    expect(pyFloat(new PyFloat(2))).toBe(2);
    expect(pyFloat(true)).toBe(1);
    expect(pyFloat(false)).toBe(0);
    expect(pyFloat(98765432109876543210n)).toBe(98765432109876543488);
    // float(10**400) is an OverflowError in Python.
    expect(pyFloat(10n ** 400n)).toBeUndefined();
  });

  it("parses strings with Python's float syntax", () => {
    expect(pyFloat("1.5")).toBe(1.5);
    expect(pyFloat(" 2.5 ")).toBe(2.5);
    expect(pyFloat("1_000")).toBe(1000);
    expect(pyFloat("1e3")).toBe(1000);
    expect(pyFloat("1e1_0")).toBe(1e10);
    expect(pyFloat(".5")).toBe(0.5);
    expect(pyFloat("5.")).toBe(5);
    expect(Object.is(pyFloat("-0"), -0)).toBe(true);
    expect(pyFloat("inf")).toBe(Infinity);
    expect(pyFloat("-iNfInItY")).toBe(-Infinity);
    expect(pyFloat("+NaN")).toBeNaN();
    expect(pyFloat("1e400")).toBe(Infinity);
    expect(pyFloat("9".repeat(400))).toBe(Infinity);
  });

  it("accepts Unicode digits and whitespace known to Python 3.11", () => {
    expect(pyFloat("١٢٣")).toBe(123);
    expect(pyFloat("\u00a0１２\u3000")).toBe(12);
    expect(pyFloat("\u0085𝟏.𝟓")).toBe(1.5);
    // U+11BF1 is a digit only since Unicode 16; \x1c is whitespace to str.isspace but not to float().
    expect(pyFloat("\u{11bf1}")).toBeUndefined();
    expect(pyFloat("\x1c1")).toBeUndefined();
  });

  it("fails where Python raises", () => {
    for (const s of ["", " ", "n/a", "0x10", "1__0", "_1", "1_", "1_.5", "1._5", "1e", ".", "1,000", "in_f", "infinity_", "- 1", "\ufeff7"]) {
      expect(pyFloat(s), s).toBeUndefined();
    }
    expect(pyFloat(null)).toBeUndefined();
    expect(pyFloat([1, 2])).toBeUndefined();
    expect(pyFloat(new Map([["a", 1]]))).toBeUndefined();
  });
});

describe("parsePyInt", () => {
  it("parses what Python's int() accepts", () => {
    expect(parsePyInt(" 12")).toBe(12n);
    expect(parsePyInt("+12")).toBe(12n);
    expect(parsePyInt("-0012")).toBe(-12n);
    expect(parsePyInt("1_000")).toBe(1000n);
    expect(parsePyInt("\t7\r\n")).toBe(7n);
    expect(parsePyInt("٤٢")).toBe(42n);
    expect(parsePyInt("12345678901234567890")).toBe(12345678901234567890n);
    expect(parsePyInt("1".repeat(4300))).toBe(BigInt("1".repeat(4300)));
  });

  it("fails where Python raises", () => {
    for (const s of ["", "12.0", "12.", "1e3", "0x10", "1__0", "_1", "1_", "- 1", "True", "1".repeat(4301)]) {
      expect(parsePyInt(s), s).toBeUndefined();
    }
  });
});
