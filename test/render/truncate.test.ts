/**
 * Middle truncation (spec §4.2) where JavaScript numbers would differ from Python's ints: the
 * hidden count `len - buffer` is printed exactly however negative the buffer.
 */
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/index.js";
import { truncateMiddle } from "../../src/format/truncate-middle.js";

const input = (buffer: string, markers = true) =>
  renderJson(
    `{"event_type": "$ai_generation", "data": {"id": "x", "properties": {"$ai_input": "abcdefghijk"}}, "options": {"truncate_buffer": ${buffer}, "include_markers": ${markers}}}`,
  ).text;

describe("the hidden count", () => {
  it("is exact for a buffer past 2^53, given as a number or a string", () => {
    expect(input("-1000000000000000000000000000000")).toContain("<<<TRUNCATED|YWJjZGVmZ2hpams=|1000000000000000000000000000011>>>");
    expect(input('"-1000000000000000000000000000000"', false)).toContain("... (1000000000000000000000000000011 chars truncated) ...");
    expect(input("-9007199254740993")).toContain("|9007199254741004>>>");
  });

  it("is exact when a safe buffer makes the count pass 2^53", () => {
    expect(input("-9007199254740990")).toContain("|9007199254741001>>>");
    expect(truncateMiddle("abc", -(2 ** 53 - 1), false)).toBe("\n\n... (9007199254740994 chars truncated) ...\n\n");
  });

  it("leaves a huge positive buffer's text whole", () => {
    expect(input("1000000000000000000000000000000")).toContain("abcdefghijk");
  });
});
