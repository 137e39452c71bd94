/**
 * The parser's packed dict must read exactly as a Map built from the same pairs, which is how a
 * Python dict is built from JSON members: a repeated key keeps its first place and its last value.
 */
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { fromJs, parseJson } from "../../src/python/index.js";
import { PACKED_MEMBERS, PackedDict } from "../../src/value/packed-dict.js";
import { isDict, type PyDict, type PyValue } from "../../src/value/py-value.js";

const SEED = 20261127;

// few keys, so that repeats are common; up to 30 pairs, past the size where lookups are indexed
const pairs = fc.array(fc.tuple(fc.constantFrom("a", "b", "role", "0", "__proto__", "", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10"), fc.integer()), {
  maxLength: 30,
});

function readsLike(dict: PyDict, map: Map<string, PyValue>): void {
  expect(dict.size).toBe(map.size);
  expect([...dict]).toEqual([...map]);
  expect([...dict.entries()]).toEqual([...map.entries()]);
  expect([...dict.keys()]).toEqual([...map.keys()]);
  expect([...dict.values()]).toEqual([...map.values()]);
  const visited: [string, PyValue][] = [];
  dict.forEach((value, key, self) => {
    expect(self).toBe(dict);
    visited.push([key, value]);
  });
  expect(visited).toEqual([...map]);
  for (const key of ["a", "b", "role", "0", "__proto__", "", "k1", "k9", "k10", "missing", "constructor"]) {
    expect(dict.has(key)).toBe(map.has(key));
    expect(dict.get(key)).toBe(map.get(key));
  }
}

describe("PackedDict", () => {
  it("reads as a Map of the same pairs, small or large, with repeated keys or not", () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const dict = PackedDict.fromMembers(list.flat());
        // a Map above eight members in the source, repeated or not
        expect(dict instanceof PackedDict).toBe(list.length <= PACKED_MEMBERS);
        readsLike(dict, new Map(list));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("is what the JSON parser makes of an object, and a dict to isDict", () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const parsed = parseJson(`{${list.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(", ")}}`);
        expect(parsed instanceof PackedDict).toBe(list.length <= PACKED_MEMBERS);
        expect(isDict(parsed)).toBe(true);
        readsLike(parsed as PyDict, new Map(list));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("keeps each dict of a large document to its own members, across shared chunks", () => {
    // 3,000 dicts of one to six members fill several chunks; one of 5,000 is a Map
    const objects = Array.from({ length: 3000 }, (_, i) => Object.fromEntries(Array.from({ length: 1 + (i % 6) }, (_, k) => [`k${k}`, i * 10 + k])));
    const huge = Object.fromEntries(Array.from({ length: 5000 }, (_, k) => [`h${k}`, k]));
    const text = JSON.stringify([...objects.slice(0, 1500), huge, ...objects.slice(1500)]);
    const parsed = parseJson(text) as PyValue[];
    const expected = [...objects.slice(0, 1500), huge, ...objects.slice(1500)];
    expect(parsed.length).toBe(expected.length);
    parsed.forEach((dict, i) => readsLike(dict as PyDict, new Map(Object.entries(expected[i] as Record<string, number>))));
    expect((parsed[1500] as PyDict).get("h4999")).toBe(4999);
  });

  it("shows in util.inspect as the Map it reads like", () => {
    expect(inspect(parseJson('{"a": 1, "b": [true]}'))).toBe("PackedDict { 'a' => 1, 'b' => [ true ] }");
  });

  it("stops util.inspect at its depth, as a Map would", () => {
    const deep = parseJson(`${'{"a": '.repeat(12)}1${"}".repeat(12)}`);
    // where Node breaks the lines is its own business
    expect(inspect(deep).replace(/\s+/g, " ")).toBe("PackedDict { 'a' => PackedDict { 'a' => PackedDict { 'a' => [PackedDict] } } }");
    expect(inspect(deep, { depth: null }).match(/PackedDict/g)?.length).toBe(12);
  });

  it("is a dict to isDict and fromJs when another copy of the module made it", async () => {
    vi.resetModules();
    const other = (await import("../../src/value/packed-dict.js")) as typeof import("../../src/value/packed-dict.js");
    const foreign = other.PackedDict.fromMembers(["a", 1, "b", ["x"]]);
    expect(foreign).not.toBeInstanceOf(PackedDict);
    expect(isDict(foreign)).toBe(true);
    expect(fromJs(foreign)).toEqual(new Map<string, PyValue>([["a", 1], ["b", ["x"]]]));
    expect(isDict({ a: 1 })).toBe(false);
  });
});

