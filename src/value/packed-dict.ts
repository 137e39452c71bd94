/**
 * The dict the JSON parser makes of a small object: read-only, its members packed into chunks it
 * shares with the other small dicts of its document. An object of more than
 * {@link PACKED_MEMBERS} members stays a `Map`, whose hash table costs less than packed members
 * with an index of their own.
 *
 * A `Map` is two objects and some 180 bytes however few its members, and most objects in an
 * event have two or three. A packed dict is one small object pointing at its run of a shared
 * chunk, so the garbage collector, which copies the young tree object by object while the parser
 * builds it, has about half as many objects to copy (`npm run bench` times `parseJson` beside
 * `JSON.parse`; commit c027dfb gives the figures against a Map per dict). A render gains less
 * than the parse: the tree, younger when the handlers start, is promoted during them instead.
 *
 * A chunk lives as long as any of its dicts, and with it the values of its other members: a
 * caller that keeps one small dict of a large parsed document keeps up to a chunk's worth of its
 * neighbours (and, through their strings, which are slices of it, the input text). Copy what you
 * keep (`new Map(dict)`) when that matters.
 */
import type { PyDict, PyValue } from "./py-value.js";

/** Objects with up to this many members are packed (and searched key by key); larger ones are Maps. */
export const PACKED_MEMBERS = 8;
/** Slots of a shared chunk (a member takes two), unless a document is smaller. */
const CHUNK = 1024;
/** Marks a PackedDict for {@link isPackedDict} across copies of this module. */
const BRAND = Symbol.for("tracescribe.PackedDict");

/** A read-only dict of a few members in source order, packed `[key, value, key, value, …]`. */
export class PackedDict implements ReadonlyMap<string, PyValue> {
  readonly #store: readonly PyValue[];
  readonly #start: number;
  readonly #end: number;

  private constructor(store: readonly PyValue[], start: number, end: number) {
    this.#store = store;
    this.#start = start;
    this.#end = end;
  }

  /**
   * The dict of `members` (`[key, value, …]`) as Python builds one from pairs: a repeated key
   * keeps its first place and takes its last value. Packed when it has up to
   * {@link PACKED_MEMBERS} members, a `Map` otherwise.
   * @example PackedDict.fromMembers(["a", 1, "b", 2, "a", 3]) // {a: 3, b: 2}
   */
  static fromMembers(members: readonly PyValue[]): PyDict {
    return PackedDict.packer(members.length)(members, 0, members.length);
  }

  /**
   * A packer for the dicts of one document: each call makes the dict of `members[from:to]` (read
   * as {@link fromMembers} reads them), copying a small one into the current shared chunk, so
   * that the parser can keep every open container's members on one stack. `maxSlots` bounds the
   * slots the document can fill, so that a small one gets a small chunk.
   */
  static packer(maxSlots = CHUNK): (members: readonly PyValue[], from: number, to: number) => PyDict {
    // a short document (a tool call's arguments) gets a chunk of its size, not a whole one
    const chunkSize = Math.min(CHUNK, Math.max(maxSlots, 2 * PACKED_MEMBERS));
    let chunk: PyValue[] = [];
    let used = 0;
    return (members, from, to) => {
      if (to - from > 2 * PACKED_MEMBERS) {
        // Map.set keeps a repeated key in its first place with its last value, as Python does
        const dict = new Map<string, PyValue>();
        for (let i = from; i < to; i += 2) dict.set(members[i] as string, members[i + 1] as PyValue);
        return dict;
      }
      const run = hasRepeats(members, from, to) ? withoutRepeats(members, from, to) : members;
      const runStart = run === members ? from : 0;
      const count = (run === members ? to : run.length) - runStart;
      if (used + count > chunk.length) {
        chunk = new Array<PyValue>(chunkSize);
        used = 0;
      }
      const start = used;
      for (let i = 0; i < count; i++) chunk[start + i] = run[runStart + i] as PyValue;
      used += count;
      return new PackedDict(chunk, start, used);
    };
  }

  get size(): number {
    return (this.#end - this.#start) >>> 1;
  }

  get(key: string): PyValue | undefined {
    const at = this.#find(key);
    return at < 0 ? undefined : this.#store[at + 1];
  }

  has(key: string): boolean {
    return this.#find(key) >= 0;
  }

  forEach(callback: (value: PyValue, key: string, dict: ReadonlyMap<string, PyValue>) => void, thisArg?: unknown): void {
    const store = this.#store;
    for (let i = this.#start; i < this.#end; i += 2) callback.call(thisArg, store[i + 1] as PyValue, store[i] as string, this);
  }

  *entries(): MapIterator<[string, PyValue]> {
    const store = this.#store;
    for (let i = this.#start; i < this.#end; i += 2) yield [store[i] as string, store[i + 1] as PyValue];
  }

  *keys(): MapIterator<string> {
    const store = this.#store;
    for (let i = this.#start; i < this.#end; i += 2) yield store[i] as string;
  }

  *values(): MapIterator<PyValue> {
    const store = this.#store;
    for (let i = this.#start + 1; i < this.#end; i += 2) yield store[i] as PyValue;
  }

  [Symbol.iterator](): MapIterator<[string, PyValue]> {
    return this.entries();
  }

  /** Node's `util.inspect` (and so `console.log`) shows the dict as the Map it reads like. */
  [Symbol.for("nodejs.util.inspect.custom")](
    depth: number | null,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    if (depth !== null && depth < 0) return "[PackedDict]";
    // `depth` is what is left of the caller's (null for no limit): the Map goes on from there
    return `PackedDict ${inspect(new Map(this), { ...options, depth }).replace(/^Map\(\d+\) /, "")}`;
  }

  /** See {@link isPackedDict}. */
  get [BRAND](): true {
    return true;
  }

  /** The position of `key` in `#store`, or -1. */
  #find(key: string): number {
    const store = this.#store;
    for (let i = this.#start; i < this.#end; i += 2) if (store[i] === key) return i;
    return -1;
  }
}

/** Whether a key repeats among `members[from:to]`, a run small enough to search. */
function hasRepeats(members: readonly PyValue[], from: number, to: number): boolean {
  for (let i = from + 2; i < to; i += 2) {
    for (let j = from; j < i; j += 2) if (members[j] === members[i]) return true;
  }
  return false;
}

/** `members[from:to]` with each key once, in its first place, holding its last value. */
function withoutRepeats(members: readonly PyValue[], from: number, to: number): PyValue[] {
  const last = new Map<string, PyValue>();
  for (let i = from; i < to; i += 2) last.set(members[i] as string, members[i + 1] as PyValue);
  const out: PyValue[] = [];
  for (const [key, value] of last) out.push(key, value);
  return out;
}

/**
 * Whether `v` is a PackedDict, made by this copy of the module or by another (two installed
 * versions of the package), which `instanceof` would not recognise.
 */
export function isPackedDict(v: unknown): v is PackedDict {
  if (v instanceof PackedDict) return true;
  // lists are tested often and never dicts: they skip the property lookup
  return typeof v === "object" && v !== null && !Array.isArray(v) && (v as { [BRAND]?: unknown })[BRAND] === true;
}
