import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonSyntaxError, jsonDumps, MAX_DEPTH, parseJson } from "../../src/python/index.js";
import { isDict, PyFloat, type PyValue } from "../../src/value/py-value.js";

/** Strips the int/float distinction so a PyValue can be compared with a JSON.parse result. */
function toPlain(v: PyValue): unknown {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(toPlain);
  if (isDict(v)) return Object.fromEntries([...v].map(([k, item]) => [k, toPlain(item)]));
  return v;
}

function syntaxError(text: string, options?: { allowConstants: boolean }): JsonSyntaxError {
  try {
    parseJson(text, options);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

/**
 * One character of a random JSON string or key: any code point (non-ASCII, control characters),
 * often one JSON must escape, now and then a lone surrogate (JSON.stringify writes it as \uXXXX).
 */
const jsonStringUnit = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 8 },
  { arbitrary: fc.constantFrom('"', "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u001f", "\u007f", "\u2028", "é", "🦊"), weight: 3 },
  { arbitrary: fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF"), weight: 1 },
);
const jsonValue = fc.jsonValue({ stringUnit: jsonStringUnit });

describe("parseJson", () => {
  it("keeps ints and floats apart", () => {
    expect(parseJson("1")).toBe(1);
    expect(parseJson("1.0")).toEqual(new PyFloat(1));
    expect(parseJson("1e2")).toEqual(new PyFloat(100));
    expect(parseJson("0.5")).toBe(0.5);
    expect(parseJson("-0")).toBe(0);
    expect(Object.is(parseJson("-0"), -0)).toBe(false);
    expect(Object.is((parseJson("-0.0") as PyFloat).value, -0)).toBe(true);
  });

  it("keeps big ints exact and turns too-large floats into infinity", () => {
    expect(parseJson("12345678901234567890")).toBe(12345678901234567890n);
    expect(parseJson("-9007199254740993")).toBe(-9007199254740993n);
    expect(parseJson("9007199254740991")).toBe(9007199254740991);
    expect(parseJson("1e400")).toBe(Infinity);
    expect(parseJson("-1E400")).toBe(-Infinity);
  });

  it("refuses ints Python 3.11 will not convert (over 4300 digits)", () => {
    expect(parseJson("9".repeat(4300))).toBe(BigInt("9".repeat(4300)));
    expect(syntaxError("9".repeat(4301)).message).toMatch(/^Exceeds the limit \(4300 digits\)/);
    expect(syntaxError("9".repeat(4301)).pythonError).toBe("ValueError");
    expect(syntaxError("[9,]").pythonError).toBe("JSONDecodeError");
  });

  it("accepts the NaN/Infinity literals unless told not to, then refuses them as DRF's strict parser", () => {
    expect(parseJson("[NaN, Infinity, -Infinity]")).toEqual([NaN, Infinity, -Infinity]);
    expect(syntaxError("NaN", { allowConstants: false }).position).toBe(0);
    expect(syntaxError("[1, -Infinity]", { allowConstants: false }).position).toBe(4);
    expect(syntaxError("[1, -Infinity]", { allowConstants: false }).message).toBe("Out of range float values are not JSON compliant: '-Infinity'");
    expect(syntaxError('{"a": NaN}', { allowConstants: false }).pythonError).toBe("ValueError");
    // a literal that does not match in full is a decode error either way
    expect(syntaxError("[Infinit]", { allowConstants: false }).message).toBe("Expecting value: line 1 column 2 (char 1)");
    expect(syntaxError("nan").message).toBe("Expecting value: line 1 column 1 (char 0)");
    expect(syntaxError("\ufeff{}").message).toBe("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
  });

  it("keeps key order, first position and last value for repeated keys", () => {
    const v = parseJson('{"b": 1, "0": 2, "b": 3}') as Map<string, PyValue>;
    expect([...v]).toEqual([
      ["b", 3],
      ["0", 2],
    ]);
  });

  it("decodes escapes, keeps lone surrogates and rejects raw control characters", () => {
    expect(parseJson(String.raw`"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`)).toBe('a"\\/\b\f\n\r\té😀');
    expect(parseJson(String.raw`"\ud800x"`)).toBe("\ud800x");
    expect(parseJson(String.raw`"\uDC00"`)).toBe("\udc00");
    expect(syntaxError('"a\u0001"').message).toBe("Invalid control character at: line 1 column 3 (char 2)");
    expect(syntaxError('"a\nb"').position).toBe(2);
    expect(parseJson('"a\u007fé"')).toBe("a\u007fé");
  });

  it("reports errors with Python's messages and positions", () => {
    expect(syntaxError("").message).toBe("Expecting value: line 1 column 1 (char 0)");
    expect(syntaxError("[1,]").message).toBe("Expecting value: line 1 column 4 (char 3)");
    expect(syntaxError('{"a" 1}').message).toBe("Expecting ':' delimiter: line 1 column 6 (char 5)");
    expect(syntaxError('{"a": 1,}').message).toBe("Expecting property name enclosed in double quotes: line 1 column 9 (char 8)");
    expect(syntaxError('"abc').message).toBe("Unterminated string starting at: line 1 column 1 (char 0)");
    expect(syntaxError("[01]").message).toBe("Expecting ',' delimiter: line 1 column 3 (char 2)");
    expect(syntaxError("1.").message).toBe("Extra data: line 1 column 2 (char 1)");
    expect(syntaxError('\n\n  "\\x"').message).toBe("Invalid \\escape: line 3 column 4 (char 5)");
    expect(syntaxError('"\\u12"').message).toBe("Invalid \\uXXXX escape: line 1 column 3 (char 2)");
    expect(syntaxError("\ufeff1").position).toBe(0);
  });

  it("counts error positions in code points, as Python's str does", () => {
    // expected messages printed by Python 3.11's json.loads on the same text
    expect(syntaxError('{"a": "🦊", }').message).toBe("Expecting property name enclosed in double quotes: line 1 column 12 (char 11)");
    expect(syntaxError('["🦊🦊",\n "🦊" 1]').message).toBe("Expecting ',' delimiter: line 2 column 6 (char 12)");
    expect(syntaxError('["\uD800", }').message).toBe("Expecting value: line 1 column 7 (char 6)");
    expect(syntaxError('"🦊').message).toBe("Unterminated string starting at: line 1 column 1 (char 0)");
  });

  it("refuses a \\u escape that ends the text, however well formed, as Python's scanner does", () => {
    // Python 3.11's json.loads on the same texts
    expect(syntaxError('"\\u00e9').message).toBe("Invalid \\uXXXX escape: line 1 column 3 (char 2)");
    expect(syntaxError('["ab\\ude00').message).toBe("Invalid \\uXXXX escape: line 1 column 6 (char 5)");
    expect(syntaxError('"\\ud800\\udc00').message).toBe("Invalid \\uXXXX escape: line 1 column 9 (char 8)");
    expect(syntaxError('"\\ude00x').message).toBe("Unterminated string starting at: line 1 column 1 (char 0)");
  });

  it("allows JSON whitespace around the value and nothing else", () => {
    expect(parseJson(' \t\r\n [ "x" ] \n')).toEqual(["x"]);
    expect(syntaxError("[1] x").message).toBe("Extra data: line 1 column 5 (char 4)");
    expect(syntaxError("\u00a01").position).toBe(0);
  });

  it("accepts MAX_DEPTH levels and rejects one more, counting the innermost empty container", () => {
    expect(MAX_DEPTH).toBe(1000);
    expect(parseJson("[".repeat(1000) + "]".repeat(1000))).toBeInstanceOf(Array);
    expect(syntaxError("[".repeat(1001) + "]".repeat(1001)).message).toMatch(/^Nesting deeper than 1000 levels/);
    expect(syntaxError("[".repeat(1001) + "]".repeat(1001)).pythonError).toBe("RecursionError");
    expect(syntaxError('{"a":'.repeat(1001) + "1" + "}".repeat(1001)).position).toBe(5000);
  });

  it("throws JsonSyntaxError, not RangeError, for 100,000 nested arrays", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(() => parseJson(deep)).toThrow(JsonSyntaxError);
    const deepObjects = '{"k": '.repeat(100_000);
    expect(() => parseJson(deepObjects)).toThrow(JsonSyntaxError);
  });

  it("parses long strings with and without escapes", () => {
    const long = "x".repeat(100_000);
    expect(parseJson(`"${long}"`)).toBe(long);
    expect(parseJson(`"${long}\\n${long}"`)).toBe(`${long}\n${long}`);
    expect(syntaxError(`"${long}`).position).toBe(0);
  });

  it("reads repeated short strings right when many share a length and their end characters", () => {
    // the parser hands out one string per short run it has seen; same-shaped ones must not mix up
    const alike = fc.constantFrom("abz", "aYz", "aéz", "a🦊z", "ab", "az", "", "a\\z", "a\"z", "role", "rule", "x".repeat(24), `${"x".repeat(23)}y`);
    fc.assert(
      fc.property(fc.array(fc.tuple(alike, alike), { maxLength: 60 }), (pairs) => {
        const text = `[${pairs.map(([k, v]) => `{${JSON.stringify(k)}: ${JSON.stringify(v)}}`).join(", ")}]`;
        expect(toPlain(parseJson(text))).toEqual(JSON.parse(text));
      }),
      { seed: 20261127, numRuns: 500 },
    );
  });

  it("agrees with JSON.parse on the values of random JSON (seeded)", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = JSON.stringify(value);
        expect(toPlain(parseJson(text))).toEqual(JSON.parse(text));
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });

  it("reads back what jsonDumps writes, compact and indented (seeded)", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const v = parseJson(JSON.stringify(value));
        expect(parseJson(jsonDumps(v))).toEqual(v);
        expect(parseJson(jsonDumps(v, 2))).toEqual(v);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
