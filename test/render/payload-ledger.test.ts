/**
 * Measuring marker payloads with tokens: the ledger must count exactly the bytes the written text
 * has, and must notice every way a handler can disturb its tokens, so that the caller measures
 * again the slow way instead of trusting a wrong count.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { base64Utf8, utf8Length } from "../../src/format/base64.js";
import { lineLength, lineText } from "../../src/format/lines.js";
import { DEFAULT_SETTINGS, defaultHandlers, fromJs, safeRenderJson, type EventHandler, type Handlers } from "../../src/index.js";
import { createState } from "../../src/render/create-state.js";
import { PayloadLedger } from "../../src/render/payload-ledger.js";
import type { PyDict } from "../../src/value/py-value.js";
import { codePoints } from "../helpers.js";

const SEED = 20261127;
const piece = fc.string({ unit: fc.constantFrom("a", " ", "é", "字", "🦊", "\n", ";", ":", "0"), maxLength: 30 });

describe("PayloadLedger", () => {
  it("counts the bytes of the text with every token replaced by the base64 it stands for", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, piece)), piece, (parts, last) => {
        const ledger = new PayloadLedger("n0nce");
        // tokens are placed in reverse order of making, to show order does not matter
        const made = parts.map(([around, middle]) => [around, ledger.token(middle), base64Utf8(middle)] as const);
        const withTokens = made.map(([around, token]) => around + token).reverse().join("") + last;
        const written = made.map(([around, , b64]) => around + b64).reverse().join("") + last;
        expect(ledger.settle(withTokens)).toBe(utf8Length(written));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("refuses a text whose tokens were dropped, repeated, invented or changed", () => {
    const ledger = new PayloadLedger("n0nce");
    const a = ledger.token("first middle");
    const b = ledger.token("second");
    expect(ledger.settle(`x${a}y${b}z`)).toBeTypeOf("number");
    expect(ledger.settle(`x${a}y`)).toBeUndefined();
    expect(ledger.settle(`x${a}y${b}z${b}`)).toBeUndefined();
    expect(ledger.settle(`x${a}y${b}z\u0000n0nce:2;`)).toBeUndefined();
    expect(ledger.settle(`x${a}y${b.replace(":1;", ":01;")}`)).toBeUndefined();
    expect(ledger.settle(`x${a}y${b.toUpperCase()}`)).toBeUndefined();
    expect(ledger.settle(`x${a}y${b.slice(0, -1)}`)).toBeUndefined();
  });

  it("is not fooled by a token of another nonce in the text", () => {
    const ledger = new PayloadLedger("n0nce");
    const a = ledger.token("middle");
    expect(ledger.settle(`${a} \u0000other:0;`)).toBe(utf8Length(`${base64Utf8("middle")} \u0000other:0;`));
  });
});

/** A span renderer that truncates its input and hands on what `change` makes of the result. */
function spanHandler(change: (truncated: string) => string): EventHandler {
  return (event, state) => [change(state.truncate(String(event.properties.get("$ai_input_state"))))];
}

const CHANGES: Record<string, (truncated: string) => string> = {
  drops: () => "dropped",
  repeats: (text) => `${text}\n${text}`,
  "upper-cases": (text) => text.toUpperCase(),
};

describe("measuring an expandable node by tokens", () => {
  const event = fromJs({ event: "$ai_span", properties: { $ai_input_state: "é🦊 long input ".repeat(40) } }) as PyDict;

  it.each(Object.keys(CHANGES))("still measures exactly when a handler %s its marker", (name) => {
    // the table claims to be built in, so the token path is taken and must notice the disturbance
    const handlers: Handlers = { ...defaultHandlers, $ai_span: spanHandler(CHANGES[name] as (text: string) => string) };
    const state = createState({ ...DEFAULT_SETTINGS, truncateBuffer: 50 }, handlers, { builtInHandlers: true });
    const settle = vi.spyOn(PayloadLedger.prototype, "settle");
    const line = state.encodedLine("<<<GEN_EXPANDABLE|x|", () => state.renderEvent(event), ">>>");
    // the ledger refused the disturbed tokens, and the stand-ins measured exactly
    expect(settle.mock.results.map((result) => result.value)).toEqual([undefined]);
    settle.mockRestore();
    expect(lineLength(line)).toBe(codePoints(lineText(line)));
  });
});

describe("the lone-surrogate check", () => {
  it("stays on for a user's handler, though the request's text holds no lone surrogate", () => {
    // the check is left out only where the built-in handlers cut text at code points; this one
    // drops the second half of the pair that stands in what truncation hides
    const halving: EventHandler = (event, state) => {
      const input = String(event.properties.get("$ai_input"));
      return [state.truncate(input.slice(0, 21) + input.slice(22))];
    };
    const input = `${"a".repeat(20)}🦊${"a".repeat(20)}`;
    const text = JSON.stringify({ event_type: "$ai_generation", data: { id: "g", properties: { $ai_input: input } }, options: { truncate_buffer: 10 } });
    const result = safeRenderJson(text, { handlers: { $ai_generation: halving } });
    expect(result.success ? "rendered" : result.error.body).toEqual({ error: "Invalid data format" });
    expect(safeRenderJson(text).success).toBe(true);
  });
});

describe("a measured payload without markers", () => {
  it("is kept and written as measured, where one with markers is made again", () => {
    const state = createState({ ...DEFAULT_SETTINGS, truncateBuffer: 10 }, defaultHandlers, { builtInHandlers: true });
    const calls = { short: 0, long: 0 };
    const short = state.encodedLine("<<<X|", () => (calls.short++, state.truncate("fits")), ">>>");
    const long = state.encodedLine("<<<X|", () => (calls.long++, state.truncate("a long text to truncate")), ">>>");
    expect([lineText(short), lineText(long)]).toEqual([`<<<X|${base64Utf8("fits")}>>>`, `<<<X|${base64Utf8(state.truncate("a long text to truncate"))}>>>`]);
    expect(calls).toEqual({ short: 1, long: 2 });
  });
});
