import { describe, expect, it } from "vitest";
import { isPrintable, parseJson, pyRepr, pyStr, stringRepr } from "../../src/python/index.js";
import { PyFloat } from "../../src/value/py-value.js";

describe("pyStr / pyRepr", () => {
  it("prints Python scalars", () => {
    expect([true, false, null, 5, 12345678901234567890n, 1.5, new PyFloat(1), new PyFloat(-0)].map(pyStr)).toEqual([
      "True",
      "False",
      "None",
      "5",
      "12345678901234567890",
      "1.5",
      "1.0",
      "-0.0",
    ]);
    expect([NaN, Infinity, -Infinity, 1e-7].map(pyStr)).toEqual(["nan", "inf", "-inf", "1e-07"]);
    expect(pyStr("plain 'text'")).toBe("plain 'text'");
  });

  it("prints lists and dicts as Python repr, in key order", () => {
    expect(pyStr(parseJson('["a", 1, {"b": null}]'))).toBe("['a', 1, {'b': None}]");
    expect(pyStr(parseJson('{"k": [1.0, true], "0": {}}'))).toBe("{'k': [1.0, True], '0': {}}");
    expect(pyStr([])).toBe("[]");
    expect(pyStr(new Map())).toBe("{}");
    expect(pyRepr(["don't", "a\tb", "\u00e9"])).toBe(`["don't", 'a\\tb', 'é']`);
  });

  it("chooses quotes and escapes as Python", () => {
    expect(stringRepr("it's")).toBe(`"it's"`);
    expect(stringRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(stringRepr(`say "x"`)).toBe(`'say "x"'`);
    expect(stringRepr("a\\b\n\r\t")).toBe(String.raw`'a\\b\n\r\t'`);
    expect(stringRepr("\u0000\u001b\u007f\u0080\u00ad")).toBe(String.raw`'\x00\x1b\x7f\x80\xad'`);
  });

  it("escapes what Python 3.11 finds non-printable", () => {
    expect(pyRepr("a\u00a0b")).toBe(String.raw`'a\xa0b'`);
    expect(pyRepr("\u200b")).toBe(String.raw`'\u200b'`);
    expect(pyRepr("\ufeff")).toBe(String.raw`'\ufeff'`);
    expect(pyRepr("\ud800")).toBe(String.raw`'\ud800'`);
    expect(pyRepr("\u2028\u3000 ")).toBe(String.raw`'\u2028\u3000 '`);
    expect(pyRepr("\ue000")).toBe(String.raw`'\ue000'`);
    expect(pyRepr("\u{e0001}\u{10ffff}")).toBe(String.raw`'\U000e0001\U0010ffff'`);
    expect(pyRepr("é你😀")).toBe("'é你😀'");
  });

  it("treats characters assigned after Unicode 14 as unassigned", () => {
    // U+0897 (15.0), U+1C89 (16.0), U+1FADC (16.0), U+1E6C0 (17.0): letters or marks for Node, Cn for Python 3.11.
    expect(pyRepr("\u0897")).toBe(String.raw`'\u0897'`);
    expect(pyRepr("\u1c89")).toBe(String.raw`'\u1c89'`);
    expect(pyRepr("\u{1fadc}")).toBe(String.raw`'\U0001fadc'`);
    expect(pyRepr("\u{1e6c0}")).toBe(String.raw`'\U0001e6c0'`);
    // Neighbours assigned in 14.0 stay literal.
    expect(pyRepr("\u0898\u{1fad9}")).toBe("'\u0898\u{1fad9}'");
    expect(isPrintable("\u{31350}")).toBe(false);
    expect(isPrintable("\u{3134a}")).toBe(true);
  });

  it("knows its exception list only covers Unicode up to 17.0", () => {
    // Extending Node past Unicode 17 needs the newly assigned ranges added to repr.ts.
    const [major] = (process.versions["unicode"] ?? "14.0").split(".").map(Number);
    expect(major).toBeLessThanOrEqual(17);
  });

  it("handles multi-megabyte strings", () => {
    const s = "ab\u00a0".repeat(1_000_000);
    expect(pyRepr(s).length).toBe(2 + 6_000_000);
  });
});
