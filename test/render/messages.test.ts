import { describe, expect, it } from "vitest";
import { UnrenderableError } from "../../src/errors.js";
import {
  extractContent,
  formatInputLines,
  formatMessageArray,
  formatOutputLines,
  inputSection,
  outputSection,
  payloadText,
} from "../../src/format/messages.js";
import { SEP } from "../../src/format/rules.js";
import { parseJson } from "../../src/python/index.js";
import type { PyList } from "../../src/value/py-value.js";
import { stateWith } from "../helpers.js";

const j = (text: string) => parseJson(text);
const state = stateWith();
const text = (content: string) => extractContent(j(content));

describe("formatMessageArray (§6.3)", () => {
  it("numbers by original index, skips non-objects and leaves a dangling separator after a skipped last", () => {
    const lines = formatMessageArray(j('["x", {"role": {"name": "user"}, "content": "a"}, {"role": "", "type": "", "content": ""}, 4]') as PyList, state);
    expect(lines).toEqual(["", "[2] {'NAME': 'USER'}", "", "a", "", SEP, "", "[3] UNKNOWN", "", "", SEP]);
  });
  it("upper-cases roles with full Unicode mapping and falls back to type (a bare type is a Responses item)", () => {
    expect(formatMessageArray(j('[{"role": "straße"}, {"type": "ai", "content": ""}, {"type": "message"}]') as PyList, state)).toEqual([
      "", "[1] STRASSE", "", "", SEP, "", "[2] AI", "", "", SEP, "", "[3] MESSAGE", "", "message()",
    ]);
  });
  it("adds tool calls after the body, also for Responses items", () => {
    const lines = formatMessageArray(j('[{"type": "function_call", "name": "f", "arguments": "{}", "tool_calls": "ab"}]') as PyList, state);
    expect(lines).toEqual(["", "[1] FUNCTION_CALL", "", "f({})", "", "Tool calls: 2", "  - a", "  - b"]);
  });
  it("fails on a list/object type and on a numeric tool_calls, as the reference does", () => {
    expect(() => formatMessageArray(j('[{"role": "user", "type": ["x"]}]') as PyList, state)).toThrow(UnrenderableError);
    expect(() => formatMessageArray(j('[{"role": "user", "tool_calls": 1}]') as PyList, state)).toThrow(UnrenderableError);
  });
  it("truncates the extracted content as one string", () => {
    const lines = formatMessageArray(j('[{"role": "user", "content": [{"type": "text", "text": "abcdef"}, {"type": "text", "text": "ghij"}]}]') as PyList, stateWith({ truncateBuffer: 4, includeMarkers: false }));
    expect(lines[3]).toBe("ab\n\n... (8 chars truncated) ...\n\nij");
  });
});

describe("extractContent (§6.4)", () => {
  it("reads text, then content, then dumps an object", () => {
    expect(text('{"text": null}')).toBe("None");
    expect(text('{"text": {"a": "é"}}')).toBe("{'a': 'é'}");
    expect(text('{"content": {"text": "hello"}}')).toBe("hello");
    expect(text('{"foo": "é", "n": 1.0}')).toBe('{"foo": "\\u00e9", "n": 1.0}');
  });
  it("joins plain-list parts with blank lines and labels non-text block types", () => {
    expect(text('["plain", "", {"type": "custom_block", "content": "typed"}, {"type": "input_text", "text": "t"}, 5]')).toBe(
      "plain\n\n\n\n[CUSTOM_BLOCK]\n\ntyped\n\nt",
    );
    expect(text('[{"type": "tool_result", "content": [{"type": "text", "text": "x"}]}]')).toBe(
      "[TOOL_RESULT]\n\n[{'type': 'text', 'text': 'x'}]",
    );
  });
  it("prints a repr when nothing is taken, cut to 500 plus ...", () => {
    expect(text('[{"type": "image_url", "image_url": {"url": "u"}}]')).toBe("[{'type': 'image_url', 'image_url': {'url': 'u'}}]");
    expect(text("42")).toBe("42");
    expect(text("true")).toBe("True");
    const long = text(`[{"type": "image", "data": "${"A".repeat(600)}"}]`);
    expect(long).toHaveLength(503);
    expect(long.endsWith("AAA...")).toBe(true);
    expect(text('["", {"type": "image"}]')).toBe("");
  });
  it("answers a repr without ... when a taken block has a non-string type", () => {
    expect(text('[{"type": 5, "text": "x"}]')).toBe("[{'type': 5, 'text': 'x'}]");
  });
  it("renders tool blocks as call lines and keeps thinking blocks as JSON next to them", () => {
    expect(
      text(`[{"type": "thinking", "thinking": "hm"}, {"type": "text", "text": "a"}, "",
        {"type": "tool_use", "name": "t", "input": {}, "partial_json": "[3]"},
        {"type": "tool-call", "toolName": "v", "input": {"q": 1}}, {"type": "function", "function": {"name": "f"}},
        {"content": {"toolName": "lk", "args": "{\\"id\\": 7}"}}, {"type": "text", "text": ""}, 3]`),
    ).toBe('{"type": "thinking", "thinking": "hm"}\n\na\n\n\n\nt([3])\n\nv(q=1)\n\nlk(id=7)');
  });
  it("labels a block whose content object holds a result but no toolName as an unknown tool result", () => {
    // Next to a tool block the reference checks `content.result` right after `content.toolName`,
    // and the name it prints is then always the default.
    expect(
      text(`[{"type": "tool_use", "name": "t", "input": {}},
        {"type": "tool_result", "text": "ignored", "content": {"result": {"ok": true}, "name": "x"}}]`),
    ).toBe("t()\n\n[Tool result: unknown]");
    // Without a tool block the plain rule applies: the content object prints with str().
    expect(text('[{"type": "tool_result", "content": {"result": 1}}]')).toBe("[TOOL_RESULT]\n\n{'result': 1}");
  });
  it("drops thinking blocks without a tool block and keeps unparsable partial_json input", () => {
    expect(text('[{"type": "thinking", "thinking": "hm"}, {"type": "text", "text": "a"}]')).toBe("a");
    expect(text('[{"type": "tool_use", "name": "t", "partial_json": "{"}]')).toBe("t()");
    // partial_json is parsed under a catch of ValueError too, so an over-long int keeps the input.
    expect(text(`[{"type": "tool_use", "name": "t", "partial_json": "[${"7".repeat(4301)}]"}]`)).toBe("t()");
  });
  it("degrades to a repr, not a failure, for a list type after the first tool block", () => {
    // The tool-aware pass keeps nothing (the function block is dropped, the text is empty), so the
    // plain rule reads `content`; its list type is looked up inside the reference's catch-all.
    expect(text('[{"type": "function", "function": {}}, {"type": ["x"], "text": "", "content": "abc"}]')).toBe(
      "[{'type': 'function', 'function': {}}, {'type': ['x'], 'text': '', 'content': 'abc'}]",
    );
  });
  it("fails on a non-string partial_json and on a list type before the first tool block", () => {
    expect(() => text('[{"type": "tool_use", "name": "t", "partial_json": 5}]')).toThrow(UnrenderableError);
    expect(() => text(`[{"type": "tool_use", "name": "t", "partial_json": "${"[".repeat(1200)}"}]`)).toThrow(UnrenderableError);
    expect(() => text('[{"type": ["a"]}, {"type": "tool_use", "name": "t"}]')).toThrow(UnrenderableError);
    expect(text('{"content": [{"type": ["a"], "text": "x"}]}')).toBe("[{'type': ['a'], 'text': 'x'}]");
  });
});

describe("payloadText (§6.5)", () => {
  it("answers empty for null and empty containers, the value for strings, extraction otherwise", () => {
    expect(payloadText(null)).toBe("");
    expect(payloadText(undefined)).toBe("");
    expect(payloadText(j("[]"))).toBe("");
    expect(payloadText(j("{}"))).toBe("");
    expect(payloadText("")).toBe("");
    expect(payloadText(0)).toBe("0");
    expect(payloadText(false)).toBe("False");
    expect(payloadText(j("2.5"))).toBe("2.5");
    expect(payloadText(j('[{"type": "input_text", "text": "done"}]'))).toBe("done");
  });
});

describe("Responses items (§6.5)", () => {
  const body = (item: string) => formatMessageArray(j(`[${item}]`) as PyList, state).slice(3);
  it("renders call signatures from arguments or input", () => {
    expect(body('{"type": "function_call", "name": "f", "arguments": "{\\"q\\": \\"x\\"}"}')).toEqual(['f(q="x")']);
    expect(body('{"type": "custom_tool_call", "name": "exec", "input": "{\\"a\\": 1}"}')).toEqual(['exec({"a": 1})']);
    expect(body('{"type": "custom_tool_call", "input": {"a": "é"}}')).toEqual(["custom_tool_call({'a': 'é'})"]);
    expect(body('{"type": "function_call", "name": "f", "arguments": [1]}')).toEqual(["f([1])"]);
  });
  it("notes missing outputs and summaries", () => {
    expect(body('{"type": "function_call_output", "output": null, "content": ""}')).toEqual(["[tool output not recorded]"]);
    expect(body('{"type": "function_call_output", "output": 0}')).toEqual(["0"]);
    expect(body('{"type": "reasoning", "summary": [], "content": [{"type": "reasoning_text", "text": "r"}]}')).toEqual(["[REASONING_TEXT]\n\nr"]);
    expect(body('{"type": "reasoning", "summary": []}')).toEqual(["[reasoning summary not recorded]"]);
    expect(body('{"type": "additional_tools", "tools": "x"}')).toEqual(["[tool catalog not recorded]"]);
  });
  it("dumps the remaining fields of an unknown item, hiding strings over 2000 code points", () => {
    expect(body(`{"type": "image_generation_call", "id": "i", "status": "completed", "result": "${"😀".repeat(2001)}", "size": [1.0]}`)).toEqual([
      'image_generation_call() (completed)\n{\n  "result": "[2,001 chars not shown]",\n  "size": [\n    1.0\n  ]\n}',
    ]);
    expect(body('{"type": "web_search_call", "status": "done"}')).toEqual(["web_search_call() (done)"]);
  });
  it("takes the tool-block row by type even with role/content, and lets function blocks fall through", () => {
    expect(body('{"type": "tool_use", "role": "assistant", "name": "t", "content": "ignored"}')).toEqual(["t()"]);
    expect(body('{"type": "function", "function": {"name": "f"}}')).toEqual(['function()\n{\n  "function": {\n    "name": "f"\n  }\n}']);
    expect(body('{"type": "function", "role": "assistant", "content": "hi"}')).toEqual(["hi"]);
    expect(body('{"type": "input_text", "text": "x"}')).toEqual([]);
  });
});

describe("input and output sections (§6.1, §6.2)", () => {
  it("distinguishes no section from an empty one", () => {
    expect(inputSection(j("[]"), state)).toBeUndefined();
    expect(inputSection(j('["a", "b"]'), state)).toEqual([]);
    expect(formatInputLines(j('["a", "b"]'), state)).toEqual([]);
    expect(formatInputLines(0, state)).toEqual([]);
  });
  it("dumps other inputs after an [Unparsed input format] note", () => {
    expect(formatInputLines(j("1.5"), state)).toEqual(["", "[Unparsed input format: float]", "1.5"]);
    expect(formatInputLines(j('{"a": "é"}'), state)).toEqual(["", "[Unparsed input format: dict]", '{"a": "\\u00e9"}']);
  });
  it("prefers a Responses object, then a string output, then normalised choices", () => {
    const response = j('{"object": "response", "output": [{"type": "reasoning", "summary": "s"}]}');
    expect(formatOutputLines("text", response, state)).toEqual(["", "[1] REASONING", "", "s"]);
    expect(formatOutputLines("text", j('{"object": "response", "output": []}'), state)).toEqual(["", "text"]);
    expect(outputSection(j('[{"role": "a"}]'), undefined, state)).toBeUndefined();
  });
  it("accepts an empty list/object type on a choice (dropped by normalisation) but fails on a non-empty one", () => {
    // The choice's Responses-item test only looks the type up when it is truthy.
    expect(formatOutputLines(undefined, j('[{"type": [], "content": "a"}, {"type": {}, "message": {"content": "b"}}]'), state)).toEqual([
      "", "[1] ASSISTANT", "", "a", "", SEP, "", "[2] ASSISTANT", "", "b",
    ]);
    expect(() => formatOutputLines(undefined, j('[{"type": ["x"], "content": "a"}]'), state)).toThrow(UnrenderableError);
  });
  it("normalises choices: role default, message unwrapping, tool calls from content blocks", () => {
    const choices = j(`{"choices": [{"message": {"content": "one"}, "role": "x"}, "junk", {"finish_reason": "stop"},
      {"role": null, "type": "message", "content": [{"type": "tool-call", "function": {"name": "f", "arguments": "{}"}}]}]}`);
    expect(formatOutputLines(undefined, choices, state)).toEqual([
      "", "[1] ASSISTANT", "", "one", "", SEP,
      "", "[2] UNKNOWN", "", "unknown()", "", "Tool calls: 1", "  - f({})",
    ]);
  });
});
