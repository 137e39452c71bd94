import { describe, expect, it } from "vitest";
import { formatToolLines } from "../../src/format/tools.js";
import { parseJson } from "../../src/python/index.js";
import { stateWith } from "../helpers.js";

const j = (text: string) => parseJson(text);

describe("formatToolLines (§7)", () => {
  it("renders OpenAI, Anthropic and unknown tools with signatures and first-sentence descriptions", () => {
    const tools = j(`[
      {"type": "function", "function": {"name": "w", "description": "Gets it. Really.\\nMore",
        "parameters": {"properties": {"loc": {"type": "string"}, "u": {"type": ["string", "null"]}, "x": {}}, "required": ["loc"]}}},
      {"name": "r", "description": "Line\\r\\nmore", "input_schema": {"properties": {"p": {"type": null}, "s": "skip"}}},
      {"type": "x", "note": "Hi. There"},
      {"codeExecution": {}},
      {"name": "q", "description": "Ends with a question?"},
      {"name": "d", "description": ". Rest"},
      {"name": "na", "description": "N/A"}
    ]`);
    expect(formatToolLines(tools, stateWith({ toolsCollapseThreshold: 10 }))).toEqual([
      "",
      "AVAILABLE TOOLS: 7",
      "",
      "  w(loc: string, u?: ['string', 'null'], x?: any)",
      "    Gets it.",
      "",
      "  r(p?: None)",
      "    Line\r.",
      "",
      "  x()",
      '    {"type": "x", "note": "Hi.',
      "",
      "  UNKNOWN()",
      '    {"codeExecution": {}}.',
      "",
      "  q()",
      "    Ends with a question?.",
      "",
      "  d()",
      "    .",
      "",
      "  na()",
    ]);
  });
  it("counts Gemini declarations after flattening and drops non-objects", () => {
    const tools = j('[{"functionDeclarations": [{"name": "g1"}, "junk", null, {"name": "g2"}]}, "s", 3]');
    expect(formatToolLines(tools, stateWith())).toEqual(["", "AVAILABLE TOOLS: 2", "", "  g1()", "", "  g2()"]);
  });
  it("takes the values of an object and ignores anything else", () => {
    expect(formatToolLines(j('{"a": {"name": "a"}}'), stateWith())).toEqual(["", "AVAILABLE TOOLS: 1", "", "  a()"]);
    expect(formatToolLines("tools", stateWith())).toEqual([]);
    expect(formatToolLines(j("[]"), stateWith())).toEqual([]);
  });
  it("collapses above the threshold into a marker holding the full list, or a [+] line", () => {
    const tools = j('[{"name": "a"}, {"name": "b"}]');
    const payload = "QVZBSUxBQkxFIFRPT0xTOiAyCgogIGEoKQoKICBiKCk="; // base64 of "AVAILABLE TOOLS: 2\n\n  a()\n\n  b()"
    expect(formatToolLines(tools, stateWith({ toolsCollapseThreshold: 1 }))).toEqual([
      "",
      `<<<TOOLS_EXPANDABLE|AVAILABLE TOOLS: 2|${payload}>>>`,
    ]);
    expect(formatToolLines(tools, stateWith({ toolsCollapseThreshold: 1, includeMarkers: false }))).toEqual([
      "",
      "[+] AVAILABLE TOOLS: 2",
    ]);
  });
  it("cuts an unknown tool's dump at 100 code points before taking its first sentence", () => {
    const tools = j('[{"type": "computer_use_preview", "display_width": 1024, "display_height": 768, "environment": "browser. Extra", "note": "\\u00e9"}]');
    expect(formatToolLines(tools, stateWith())).toEqual([
      "",
      "AVAILABLE TOOLS: 1",
      "",
      "  computer_use_preview()",
      '    {"type": "computer_use_preview", "display_width": 1024, "display_height": 768, "environment": "brows.',
    ]);
  });
  it("marks the required parameters, whatever else the required list holds", () => {
    // non-strings and names of no parameter in it mark nothing
    const names = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const properties = Object.fromEntries(names.map((n) => [n, { type: "string" }]));
    const signature = (required: unknown[]) =>
      formatToolLines(j(JSON.stringify([{ name: "f", input_schema: { properties, required } }])), stateWith({}))[3];
    const expected = `  f(${names.map((n, i) => `${n}${i % 3 === 0 ? "" : "?"}: string`).join(", ")})`;
    const required = names.filter((_, i) => i % 3 === 0);
    expect(signature(required)).toBe(expected);
    expect(signature([...required, 1, null, ["p1"], ...Array.from({ length: 20 }, (_, i) => `other${i}`)])).toBe(expected);
  });

  it("treats a non-list required as empty and a non-list functionDeclarations as no bundle", () => {
    const tools = j('[{"name": "n", "input_schema": {"properties": {"a": {"type": "string"}}, "required": "a"}}, {"functionDeclarations": {"name": "x"}, "name": "wrapped", "description": 7}]');
    expect(formatToolLines(tools, stateWith())).toEqual(["", "AVAILABLE TOOLS: 2", "", "  n(a?: string)", "", "  wrapped()"]);
  });
});
