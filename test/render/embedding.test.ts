import { describe, expect, it } from "vitest";
import { SEP } from "../../src/format/rules.js";
import { parseJson } from "../../src/python/index.js";
import { createState, toEventInput } from "../../src/render/create-state.js";
import { defaultHandlers } from "../../src/render/handle/index.js";
import { embedding } from "../../src/render/handle/embedding.js";
import { DEFAULT_SETTINGS } from "../../src/render/settings.js";
import type { PyDict } from "../../src/value/py-value.js";

const state = createState(DEFAULT_SETTINGS, defaultHandlers);
const render = (properties: string) =>
  embedding(toEventInput(parseJson(`{"id": "e", "event": "$ai_embedding", "properties": ${properties}}`) as PyDict), state);
const OUTPUT = [SEP, "", "OUTPUT:", "", "Embedding vector generated", ""];

describe("embedding (§9)", () => {
  it("always shows the output note", () => {
    expect(render("{}")).toEqual(OUTPUT);
  });
  it("keeps an empty INPUT: section for a list of strings", () => {
    expect(render('{"$ai_input": ["a", "b"]}')).toEqual([SEP, "", "INPUT:", "", ...OUTPUT]);
  });
  it("puts three blank lines before the error separator", () => {
    expect(render('{"$ai_input": "t", "$ai_error": "boom"}')).toEqual([
      SEP, "", "INPUT:", "", "t", "", ...OUTPUT, "", "", SEP, "", "ERROR:", "", "boom", "",
    ]);
  });
});
