import { describe, expect, it } from "vitest";
import { UnrenderableError } from "../../src/errors.js";
import { formatErrorLines, yamlLines } from "../../src/format/error-section.js";
import { SEP } from "../../src/format/rules.js";
import { parseJson } from "../../src/python/index.js";
import type { PyDict } from "../../src/value/py-value.js";

const props = (text: string) => parseJson(text) as PyDict;
const body = (lines: string[]) => lines.slice(5, -1);

describe("formatErrorLines (§8)", () => {
  it("prints a JSON-object string as YAML-like lines with Python str() values", () => {
    const error = JSON.stringify('{"a": NaN, "b": [1.0, null, {"c": []}, []], "d": {}, "e": "x\\ny", "f": 1e-7}');
    expect(body(formatErrorLines(props(`{"$ai_error": ${error}}`)))).toEqual([
      "a: nan",
      "b:",
      "  - 1.0",
      "  - None",
      "  -",
      "    c:",
      "  -",
      "d:",
      "e: x\ny",
      "f: 1e-07",
    ]);
  });
  it("frames the body with a separator, label and blank lines", () => {
    expect(formatErrorLines(props('{"$ai_is_error": true}'))).toEqual([
      "",
      SEP,
      "",
      "ERROR:",
      "",
      "An error occurred (no details available)",
      "",
    ]);
  });
  it("prints non-object JSON, {} and other values with str()", () => {
    expect(body(formatErrorLines(props('{"$ai_error": "[1, 2]"}')))).toEqual(["[1, 2]"]);
    expect(body(formatErrorLines(props('{"$ai_error": "{}"}')))).toEqual(["{}"]);
    expect(body(formatErrorLines(props('{"$ai_error": ["a", 1.0]}')))).toEqual(["['a', 1.0]"]);
    expect(body(formatErrorLines(props('{"$ai_error": 1.5}')))).toEqual(["1.5"]);
    expect(body(formatErrorLines(props('{"$ai_error": -0.0, "$ai_is_error": 1}')))).toEqual(["An error occurred (no details available)"]);
    expect(body(formatErrorLines(props('{"$ai_error": {"k": {"n": true}}}')))).toEqual(["k:", "  n: True"]);
  });
  it('treats any truthy $ai_is_error as an error, even "false", and nothing falsy', () => {
    expect(formatErrorLines(props('{"$ai_is_error": "false"}'))).toHaveLength(7);
    expect(formatErrorLines(props('{"$ai_is_error": false, "$ai_error": ""}'))).toEqual([]);
  });
  it("yamlLines prints list items of containers as a bare dash", () => {
    expect(yamlLines(parseJson('[[1], {"a": 1}]') as never)).toEqual(["-", "  - 1", "-", "  a: 1"]);
  });
  it("parses like json.loads: surrounding JSON whitespace is fine, a BOM or a trailing comma is not", () => {
    expect(body(formatErrorLines(props(JSON.stringify({ $ai_error: ' {"a": 1}\n' }))))).toEqual(["a: 1"]);
    expect(body(formatErrorLines(props(JSON.stringify({ $ai_error: '\ufeff{"a": 1}' }))))).toEqual(['\ufeff{"a": 1}']);
    expect(body(formatErrorLines(props(JSON.stringify({ $ai_error: '{"a": 1,}' }))))).toEqual(['{"a": 1,}']);
  });
  it("keeps an int literal past 4300 digits raw but fails on nesting Python's json.loads cannot recurse into", () => {
    // json.loads raises ValueError for the digits, which the reference catches; nesting past its
    // recursion limit raises RecursionError, which it does not (a 500 there).
    const longInt = `{"a": 1${"0".repeat(4400)}}`;
    expect(body(formatErrorLines(new Map([["$ai_error", longInt]])))).toEqual([longInt]);
    const deep = `{"a": ${"[".repeat(1001)}${"]".repeat(1001)}}`;
    expect(() => formatErrorLines(new Map([["$ai_error", deep]]))).toThrow(UnrenderableError);
  });
});
