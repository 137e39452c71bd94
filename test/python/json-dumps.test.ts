import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonDumps, parseJson } from "../../src/python/index.js";
import { PyFloat } from "../../src/value/py-value.js";

describe("jsonDumps", () => {
  it("keeps source key order and uses Python's separators", () => {
    expect(jsonDumps(parseJson('{"b":1,"0":2}'))).toBe('{"b": 1, "0": 2}');
    expect(jsonDumps(parseJson('[1,[2,3],{}, []]'))).toBe("[1, [2, 3], {}, []]");
  });

  it("writes Python scalars", () => {
    expect(jsonDumps([true, false, null, 1, new PyFloat(1), new PyFloat(-0), 0.1, 1e-7, new PyFloat(1e16), 12345678901234567890n])).toBe(
      "[true, false, null, 1, 1.0, -0.0, 0.1, 1e-07, 1e+16, 12345678901234567890]",
    );
    expect(jsonDumps([NaN, Infinity, -Infinity])).toBe("[NaN, Infinity, -Infinity]");
    expect(jsonDumps(1e16)).toBe("10000000000000000");
    expect(jsonDumps(1e21)).toBe("1000000000000000000000");
  });

  it("escapes like ensure_ascii", () => {
    expect(jsonDumps('"\\/\n\r\t\b\f')).toBe(String.raw`"\"\\/\n\r\t\b\f"`);
    expect(jsonDumps("\u0000\u001f\u007f é")).toBe(String.raw`"\u0000\u001f\u007f \u00e9"`);
    expect(jsonDumps("😀你\u2028")).toBe(String.raw`"\ud83d\ude00\u4f60\u2028"`);
    expect(jsonDumps("\ud800x\udfff")).toBe(String.raw`"\ud800x\udfff"`);
    expect(jsonDumps(new Map([["é", "ok"]]))).toBe(String.raw`{"\u00e9": "ok"}`);
  });

  it("pretty-prints with indent 2 as Python does", () => {
    const v = parseJson('{"a": [1, {"b": null}], "c": {}, "d": [], "e": "x"}');
    expect(jsonDumps(v, 2)).toBe(
      ['{', '  "a": [', "    1,", "    {", '      "b": null', "    }", "  ],", '  "c": {},', '  "d": [],', '  "e": "x"', "}"].join("\n"),
    );
    expect(jsonDumps([], 2)).toBe("[]");
    expect(jsonDumps(new Map(), 2)).toBe("{}");
    expect(jsonDumps("s", 2)).toBe('"s"');
  });

  it("handles multi-megabyte strings", () => {
    const plain = "a".repeat(5_000_000);
    expect(jsonDumps(plain).length).toBe(5_000_002);
    const mixed = "é\n".repeat(1_000_000);
    const out = jsonDumps(mixed);
    expect(out.length).toBe(8_000_002);
    expect(out.slice(0, 9)).toBe('"\\u00e9\\n');
  });

  it("matches JSON.stringify on ASCII-only JSON values apart from separators (seeded)", () => {
    const asciiJson = fc.jsonValue().filter((v) => /^[\x20-\x7e]*$/.test(JSON.stringify(v)));
    fc.assert(
      fc.property(asciiJson, (value) => {
        const text = JSON.stringify(value);
        const dumped = jsonDumps(parseJson(text));
        expect(JSON.parse(dumped)).toEqual(JSON.parse(text));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe("deep values", () => {
  it("dumps and reprs the deepest value parseJson accepts", () => {
    const text = '{"a": '.repeat(500) + "[".repeat(500) + "]".repeat(500) + "}".repeat(500);
    const v = parseJson(text);
    expect(jsonDumps(v)).toBe(text);
    expect(jsonDumps(v, 2).split("\n")).toHaveLength(1999);
  });
});
