import { describe, expect, it } from "vitest";
import { jsonDumps, literalEvalState } from "../../src/python/index.js";

function pretty(s: string): string | undefined {
  const state = literalEvalState(s);
  return state.kind === "container" ? jsonDumps(state.value, 2) : undefined;
}

describe("literalEvalState", () => {
  it("gives containers converted as json.dumps sees them", () => {
    expect(pretty("{'a': True}")).toBe('{\n  "a": true\n}');
    expect(pretty('{"a": 1, "b": [1.5, (2, 3), None]}')).toBe('{\n  "a": 1,\n  "b": [\n    1.5,\n    [\n      2,\n      3\n    ],\n    null\n  ]\n}');
    expect(pretty("[1e-7, 1.0, -0.0, 1e999, 'é']")).toBe('[\n  1e-07,\n  1.0,\n  -0.0,\n  Infinity,\n  "\\u00e9"\n]');
    expect(pretty("[0x1F, 0o7, 0b1_0, 1_000, +5, -3, 12345678901234567890]")).toBe("[\n  31,\n  7,\n  2,\n  1000,\n  5,\n  -3,\n  12345678901234567890\n]");
  });

  it("turns non-string keys into json.dumps's strings, merging keys Python finds equal", () => {
    expect(jsonDumps(expectContainer("{1: 'a', 1.5: 'b', True: 'c', False: 'd', None: 'e', 1e16: 'f'}"))).toBe(
      '{"1": "c", "1.5": "b", "false": "d", "null": "e", "1e+16": "f"}',
    );
    expect(jsonDumps(expectContainer("{'a': 1, 'b': 2, 'a': 3}"))).toBe('{"a": 3, "b": 2}');
    expect(jsonDumps(expectContainer("{0: 1, 0j: 2, -0.0: 3}"))).toBe('{"0": 3}');
  });

  it("writes twice a key that two keys Python tells apart print as, as json.dumps does", () => {
    // expected texts printed by Python 3.11's json.dumps(ast.literal_eval(s), indent=2)
    expect(pretty("{1: 'a', '1': 'b'}")).toBe('{\n  "1": "a",\n  "1": "b"\n}');
    expect(pretty("{True: 1, 'true': 2, None: 3, 'null': 4}")).toBe('{\n  "true": 1,\n  "true": 2,\n  "null": 3,\n  "null": 4\n}');
    expect(pretty("[{1.5: 1, '1.5': 2}, {}]")).toBe('[\n  {\n    "1.5": 1,\n    "1.5": 2\n  },\n  {}\n]');
    expect(pretty("{1: 'a', 1.0: 'b', True: 'c'}")).toBe('{\n  "1": "c"\n}');
  });

  it("reads Python string syntax", () => {
    expect(jsonDumps(expectContainer(String.raw`['a' "b" '''c''', 'it\'s', "\x41\u00e9\U0001F600\101\777", r'\d\'', u'u', '\q', 'a\
b']`))).toBe(String.raw`["abc", "it's", "A\u00e9\ud83d\ude00A\u01ff", "\\d\\'", "u", "\\q", "ab"]`);
    expect(jsonDumps(expectContainer("['\\ud800']"))).toBe('["\\ud800"]');
  });

  it("ignores leading spaces and tabs, comments and newlines inside brackets", () => {
    expect(literalEvalState(" \t[1,\n  2,  # two\n]\n").kind).toBe("container");
    expect(literalEvalState("\n\n{'a': 1}").kind).toBe("container");
    expect(literalEvalState("  \n  [1]").kind).toBe("verbatim");
  });

  it("refuses a last line of blanks with no newline after it (Python's unexpected indent)", () => {
    for (const s of ["[1]\n ", "[1]\n# c\n ", "[1]\n\t", "[1]\n\n ", "[1]\r ", "[1]\r\n ", "[1]\n\f ", "{'a': 1}\n    ", "(1,\n2)\n "]) {
      expect(literalEvalState(s).kind, JSON.stringify(s)).toBe("verbatim");
    }
    // a blank line that ends in a newline is skipped, and a form feed resets the column
    for (const s of ["[1]\n  \n", "[1]\n  # c", "[1]\n \f", "[1]\n \r", "[1]  ", "[1,\n  ]"]) {
      expect(literalEvalState(s).kind, JSON.stringify(s)).toBe("container");
    }
  });

  it("refuses a non-ASCII character anywhere in a bytes literal, escaped or raw (a SyntaxError)", () => {
    for (const s of [String.raw`[b'\é']`, String.raw`[rb'\é']`, "[b'é']", "[b'''a\n\\é''']"]) {
      expect(literalEvalState(s), s).toEqual({ kind: "verbatim" });
    }
    // an ASCII bytes literal parses, then JSON cannot encode it
    expect(literalEvalState(String.raw`[b'a\x41']`)).toEqual({ kind: "fallback" });
  });

  it("takes long plain runs of a string whole, as the character steps would", () => {
    const long = "Résumé, café 🦊 ".repeat(5000);
    const result = literalEvalState(`['${long}', "it's", '''a\nb''']`);
    expect(result.kind).toBe("container");
    if (result.kind === "container") expect(result.value).toEqual([long, "it's", "a\nb"]);
  });

  it("prints scalars, tuples, sets, syntax errors and non-literal names verbatim", () => {
    for (const s of ["(3, 4)", "'hi'", "2e-5", "42", "None", "{1, 2}", "set()", "1, [2]", "1+2j", "...", "[1, 2", "[1,,2]", "012", "1_", "[true]", "null", "{'a': null}", "[1 + 1]", "[--1]", "[-True]", "[x]", "[f'x']", "[1 for x in y]", "{**{}}", "[*[]]", "[1]\n[2]", "b'a' 'b'", "'\\x4'", "[1\u00a0]", "[\u0000]", "['\ud800']", "", "#"]) {
      expect(literalEvalState(s), s).toEqual({ kind: "verbatim" });
    }
  });

  it("falls back when evaluation raises something else or JSON cannot encode the result", () => {
    for (const s of ["{'k': {7, 8}}", "{[1]: 2}", "{1, [2]}", "[{1}]", "[b'x']", "[1j]", "[1+2j]", "[...]", "{(1, 2): 3}", "{b'a': 1}", "[set()]", "{[1]: 2, 3: x}", "{1, [2], x}"]) {
      expect(literalEvalState(s), s).toEqual({ kind: "fallback" });
    }
  });

  it("lets a non-literal met first win over a later unhashable key", () => {
    expect(literalEvalState("{[1]: x}")).toEqual({ kind: "verbatim" });
    expect(literalEvalState("{x: 1, [1]: 2}")).toEqual({ kind: "verbatim" });
  });

  it("limits nesting as Python's tokenizer does, without overflowing the stack", () => {
    expect(literalEvalState("[".repeat(200) + "]".repeat(200)).kind).toBe("container");
    expect(literalEvalState("[".repeat(201) + "]".repeat(201))).toEqual({ kind: "verbatim" });
    expect(literalEvalState("[".repeat(100_000) + "]".repeat(100_000))).toEqual({ kind: "verbatim" });
    expect(literalEvalState("-".repeat(100_000) + "1")).toEqual({ kind: "fallback" });
  });

  it("treats int digit limits as Python 3.11 does", () => {
    expect(literalEvalState(`[${"9".repeat(5000)}]`)).toEqual({ kind: "verbatim" });
    // A hex literal parses, but json.dumps cannot write its 4800 decimal digits (ValueError).
    expect(literalEvalState(`[0x${"f".repeat(4000)}]`)).toEqual({ kind: "verbatim" });
  });
});

function expectContainer(s: string) {
  const state = literalEvalState(s);
  if (state.kind !== "container") throw new Error(`${s}: ${state.kind}`);
  return state.value;
}
