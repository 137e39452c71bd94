import { describe, expect, it } from "vitest";
import { fromJs, jsonDumps, MAX_DEPTH } from "../../src/python/index.js";
import { PyFloat } from "../../src/value/py-value.js";

describe("fromJs", () => {
  it("maps numbers by integrality and objects to Maps", () => {
    const v = fromJs({ b: 1, a: [1.5, null, true, "s"], c: { d: 12345678901234567890n } });
    expect(jsonDumps(v)).toBe('{"b": 1, "a": [1.5, null, true, "s"], "c": {"d": 12345678901234567890}}');
    expect(fromJs(-0)).toBe(0);
    expect(fromJs(NaN)).toBeNaN();
    expect(fromJs(new PyFloat(1))).toEqual(new PyFloat(1));
  });

  it("drops undefined members and turns undefined items and holes into None", () => {
    expect([...(fromJs({ a: undefined, b: 1, f: () => 1 }) as Map<string, unknown>)]).toEqual([["b", 1]]);
    // eslint-disable-next-line no-sparse-arrays
    expect(fromJs([undefined, , 1])).toEqual([null, null, 1]);
  });

  it("takes string-keyed Maps and toJSON results", () => {
    expect(fromJs(new Map([["0", 1]]))).toEqual(new Map([["0", 1]]));
    expect(fromJs({ when: new Date(0) })).toEqual(new Map([["when", "1970-01-01T00:00:00.000Z"]]));
    expect(() => fromJs(new Map([[1, 1]]))).toThrow(TypeError);
  });

  it("rejects cycles, functions, symbols and deep nesting without overflowing the stack", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(() => fromJs(cyclic)).toThrow(/Cycle at \$\.self/);
    const shared = { x: 1 };
    expect(jsonDumps(fromJs([shared, shared]))).toBe('[{"x": 1}, {"x": 1}]');
    expect(() => fromJs(() => 1)).toThrow(TypeError);
    expect(() => fromJs([Symbol("s")])).toThrow(TypeError);
    // the error names where the value sits, past siblings converted before it
    expect(() => fromJs({ a: [0, { b: 1 }, [null, Symbol("s")]] })).toThrow(/a symbol at \$\.a\[2\]\[1\] /);
    expect(() => fromJs(new Map([["m", new Map([[2, 1]])]]))).toThrow(/Non-string key in the Map at \$\.m$/);
    let deep: unknown[] = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => fromJs(deep)).toThrow(TypeError);
    let ok: unknown[] = [];
    for (let i = 1; i < MAX_DEPTH; i++) ok = [ok];
    expect(Array.isArray(fromJs(ok))).toBe(true);
  });
});
