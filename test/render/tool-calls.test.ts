import { describe, expect, it } from "vitest";
import { InvalidDataError, UnrenderableError } from "../../src/errors.js";
import { toolCallLine, toolCallsLines } from "../../src/format/tool-calls.js";
import { parseJson } from "../../src/python/index.js";

const j = (text: string) => parseJson(text);

describe("toolCallLine (§6.6)", () => {
  it("lets the errors Python's json.loads raises besides a decode error escape, as the reference does", () => {
    // An int past 4300 digits is a ValueError (answered "Invalid data format"), deep nesting a
    // RecursionError (a crash); only a JSONDecodeError keeps the raw string.
    expect(() => toolCallLine("f", `{"n": ${"7".repeat(4301)}}`)).toThrow(InvalidDataError);
    expect(toolCallLine("f", `{"n": ${"7".repeat(4300)}}`)).toBe(`f(n=${"7".repeat(4300)})`);
    expect(() => toolCallLine("f", `${"[".repeat(1200)}${"]".repeat(1200)}`)).toThrow(UnrenderableError);
  });
  it("prints object args as k=<json> in source order, Python float repr and ASCII escapes", () => {
    expect(toolCallLine("f", '{"b": 1.0, "a": 1e-7, "c": "Zürich", "0": [1, null, true]}')).toBe(
      'f(b=1.0, a=1e-07, c="Z\\u00fcrich", 0=[1, null, true])',
    );
  });
  it("accepts the bare NaN/Infinity literals of Python's json.loads", () => {
    expect(toolCallLine("f", '{"n": NaN, "big": 1e400}')).toBe("f(n=NaN, big=Infinity)");
  });
  it('prints the raw string when it is not a non-empty object: "{}" → f({}), "null" → f(null)', () => {
    expect(toolCallLine("f", "{}")).toBe("f({})");
    expect(toolCallLine("f", "null")).toBe("f(null)");
    expect(toolCallLine("f", "[1, 2]")).toBe("f([1, 2])");
    expect(toolCallLine("f", "city=Paris")).toBe("f(city=Paris)");
  });
  it("prints an empty object, an empty string, null and a missing value as f()", () => {
    expect(toolCallLine("f", new Map())).toBe("f()");
    expect(toolCallLine("f", "")).toBe("f()");
    expect(toolCallLine("f", null)).toBe("f()");
    expect(toolCallLine("f", undefined)).toBe("f()");
  });
  it("prints other truthy args and the name with str()", () => {
    expect(toolCallLine(null, j('[1, "a"]'))).toBe("None([1, 'a'])");
    expect(toolCallLine(7, true)).toBe("7(True)");
    expect(toolCallLine("f", j("1.0"))).toBe("f(1.0)");
  });
});

describe("toolCallsLines (§6.3/§6.6)", () => {
  it("reads OpenAI and LangChain entries and prints non-objects with str()", () => {
    const calls = j(`[{"function": {"name": "a", "arguments": "{\\"x\\": 1}"}}, {"function": {"arguments": ""}},
      {"name": "lc", "args": {"k": "v"}}, {"name": "n", "args": null}, "bare", {"function": "s", "name": "fb"}, 5]`);
    expect(toolCallsLines(calls)).toEqual([
      "",
      "Tool calls: 7",
      "  - a(x=1)",
      "  - unknown()",
      '  - lc(k="v")',
      "  - n()",
      "  - bare",
      "  - fb()",
      "  - 5",
    ]);
  });
  it("iterates a string by code point and an object by key, as Python does", () => {
    expect(toolCallsLines("a😀")).toEqual(["", "Tool calls: 2", "  - a", "  - 😀"]);
    expect(toolCallsLines(j('{"k1": 1, "k2": 2}'))).toEqual(["", "Tool calls: 2", "  - k1", "  - k2"]);
  });
  it("fails like the reference on a number or true", () => {
    expect(() => toolCallsLines(3)).toThrow(UnrenderableError);
    expect(() => toolCallsLines(true)).toThrow(UnrenderableError);
  });
});
