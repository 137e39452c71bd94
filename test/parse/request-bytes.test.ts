/**
 * Request bodies as bytes: decoded as DRF's UTF-8 stream reader decodes them. The expected messages
 * and values were printed by Python 3.11 (`json.load(codecs.getreader("utf-8")(io.BytesIO(b)))`),
 * here and in fixtures/python/utf8-stream-decode.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRequestBytes } from "../../src/parse/request-bytes.js";
import { JsonSyntaxError, parseJson, safeRenderJson } from "../../src/index.js";

const SEED = 20261127;

const REFUSED: readonly (readonly [readonly number[], string])[] = [
  [[0xff], "byte 0xff in position 0: invalid start byte"],
  [[0x61, 0x62, 0xff], "byte 0xff in position 2: invalid start byte"],
  [[0xe2, 0x28, 0xa1], "byte 0xe2 in position 0: invalid continuation byte"],
  [[0xe2, 0x82, 0x28], "bytes in position 0-1: invalid continuation byte"],
  [[0xf0, 0x9f, 0x98, 0x78], "bytes in position 0-2: invalid continuation byte"],
  [[0xc0, 0x80], "byte 0xc0 in position 0: invalid start byte"],
  [[0xed, 0xa0, 0x80], "byte 0xed in position 0: invalid continuation byte"],
  [[0xf4, 0x90, 0x80, 0x80], "byte 0xf4 in position 0: invalid continuation byte"],
  [[0xf5], "byte 0xf5 in position 0: invalid start byte"],
  [[0x80], "byte 0x80 in position 0: invalid start byte"],
  [[0xe0, 0x80, 0x80], "byte 0xe0 in position 0: invalid continuation byte"],
  [[0xe0, 0x80], "byte 0xe0 in position 0: invalid continuation byte"],
  [[0x7b, 0x7d, 0xed, 0xa0, 0x80], "byte 0xed in position 2: invalid continuation byte"],
  [[0x5b, 0x31, 0x5d, 0xed, 0xa0, 0x20], "byte 0xed in position 3: invalid continuation byte"],
  [[0x7b, 0x7d, 0xf4, 0x90], "byte 0xf4 in position 2: invalid continuation byte"],
  [[0xed, 0xf0], "byte 0xed in position 0: invalid continuation byte"],
];

const READ: readonly (readonly [readonly number[], string])[] = [
  [[0x5b, 0x31, 0x5d, 0xf0, 0x9f], "[1]"], // an incomplete last character is dropped
  [[0x5b, 0x22, 0xc3, 0xa9, 0x22, 0x5d, 0xc3], '["é"]'],
  [[0x5b, 0x22, 0xf0, 0x9f, 0xa6, 0x8a, 0x22, 0x5d], '["🦊"]'],
  [[0x7b, 0x7d, 0xed, 0xa0], "{}"], // the start of a surrogate, which CPython also keeps back
  [[0x7b, 0x7d, 0xed, 0xbf], "{}"],
  [[0x7b, 0x7d, 0xed], "{}"],
];

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("decodeRequestBytes", () => {
  it.each(REFUSED)("refuses %j as Python's decoder does", (bytes, message) => {
    const error = thrown(() => decodeRequestBytes(Uint8Array.from(bytes)));
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).message).toBe(`'utf-8' codec can't decode ${message}`);
    expect((error as JsonSyntaxError).pythonError).toBe("ValueError");
  });

  it.each(READ)("reads %j as %s", (bytes, text) => {
    expect(decodeRequestBytes(Uint8Array.from(bytes))).toBe(text);
  });

  it("keeps a byte-order mark, which the JSON parser then refuses", () => {
    const text = decodeRequestBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x5b, 0x5d]));
    expect(() => parseJson(text)).toThrow("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
  });

  it("answers any bytes with text or a decode error, and text only for UTF-8 short of its last character", () => {
    const bytes = fc.uint8Array({ maxLength: 24 }).chain((head) =>
      fc.constantFrom(head, Uint8Array.from([...new TextEncoder().encode("é🦊字"), ...head])),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        const error = thrown(() => decodeRequestBytes(input));
        if (error !== undefined) {
          // never the internal disagreement between the two decoders
          expect(error).toBeInstanceOf(JsonSyntaxError);
          return;
        }
        const text = decodeRequestBytes(input);
        const encoded = new TextEncoder().encode(text);
        expect(input.subarray(0, encoded.length)).toEqual(encoded);
        expect(input.length - encoded.length).toBeLessThanOrEqual(3);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("makes a request's bytes answer as its text does, or with a parse error", () => {
    const body = new TextEncoder().encode('{"event_type": "$ai_generation", "data": {"id": "g", "properties": {"$ai_input": "hé"}}}');
    expect(safeRenderJson(body)).toEqual(safeRenderJson(new TextDecoder().decode(body)));
    const broken = safeRenderJson(Uint8Array.from([...body.subarray(0, 10), 0xff]));
    expect(broken.success ? "rendered" : broken.error.body).toEqual({
      type: "validation_error",
      code: "parse_error",
      detail: "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 10: invalid start byte",
      attr: null,
    });
  });
});

describe("decodeRequestBytes against Python", () => {
  // 1,000 short byte strings read by DRF's stream reader, written by fixtures/python/utf8-stream-decode.py
  const file = join(import.meta.dirname, "../../fixtures/python/utf8-stream-decode.json");
  const cases = JSON.parse(readFileSync(file, "utf8")) as [string, "ok" | "err", string][];

  it("reads or refuses each byte string as Python did", () => {
    expect(cases.length).toBe(1000);
    for (const [hex, outcome, expected] of cases) {
      const bytes = Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
      const error = thrown(() => decodeRequestBytes(bytes));
      const got = error === undefined ? ["ok", decodeRequestBytes(bytes)] : ["err", error instanceof JsonSyntaxError ? error.message : String(error)];
      expect(got, hex).toEqual([outcome, expected]);
    }
  });
});
