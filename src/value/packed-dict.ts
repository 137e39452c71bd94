/**
 * The dict the JSON parser makes: read-only, its members packed into one array.
 *
 * A `Map` costs about 180 bytes however few its members, and most objects in an event have two or
 * three. Packed, the tree of the benchmark's 32 MB trace takes 13 MB instead of 19, and the
 * garbage collector, which copies the young tree while the parser builds it, has that much less to
 * copy (building that tree: 21–25 ms against 40–44 ms with Maps).
 */
import type { PyValue } from "./py-value.js";

/** Dicts with up to this many members are searched key by key; larger ones are indexed. */
const SEARCHED = 8;

/** A read-only dict in source order; members are packed `[key, value, key, value, …]`. */
export class PackedDict implements ReadonlyMap<string, PyValue> {
  readonly #members: readonly PyValue[];
  /** Where each key stands in `#members`, for a dict too large to search (made on first lookup). */
  #index: ReadonlyMap<string, number> | undefined;

  /** Use {@link PackedDict.fromMembers}, which drops repeated keys; these members are taken as they are. */
  private constructor(members: readonly PyValue[], index: ReadonlyMap<string, number> | undefined) {
    this.#members = members;
    this.#index = index;
  }

  /**
   * A dict of `members` (`[key, value, …]`, taken over, not copied) as Python builds one from
   * pairs: a repeated key keeps its first place and takes its last value.
   */
  static fromMembers(members: PyValue[]): PackedDict {
    if (members.length <= 2 * SEARCHED) {
      for (let i = 2; i < members.length; i += 2) {
        for (let j = 0; j < i; j += 2) if (members[j] === members[i]) return new PackedDict(withoutRepeats(members), undefined);
      }
      return new PackedDict(members, undefined);
    }
    const index = indexMembers(members);
    return index.size * 2 === members.length ? new PackedDict(members, index) : PackedDict.fromMembers(withoutRepeats(members));
  }

  get size(): number {
    return this.#members.length >>> 1;
  }

  get(key: string): PyValue | undefined {
    const at = this.#find(key);
    return at < 0 ? undefined : this.#members[at + 1];
  }

  has(key: string): boolean {
    return this.#find(key) >= 0;
  }

  forEach(callback: (value: PyValue, key: string, dict: ReadonlyMap<string, PyValue>) => void, thisArg?: unknown): void {
    const members = this.#members;
    for (let i = 0; i < members.length; i += 2) callback.call(thisArg, members[i + 1] as PyValue, members[i] as string, this);
  }

  *entries(): MapIterator<[string, PyValue]> {
    const members = this.#members;
    for (let i = 0; i < members.length; i += 2) yield [members[i] as string, members[i + 1] as PyValue];
  }

  *keys(): MapIterator<string> {
    const members = this.#members;
    for (let i = 0; i < members.length; i += 2) yield members[i] as string;
  }

  *values(): MapIterator<PyValue> {
    const members = this.#members;
    for (let i = 1; i < members.length; i += 2) yield members[i] as PyValue;
  }

  [Symbol.iterator](): MapIterator<[string, PyValue]> {
    return this.entries();
  }

  /** The position of `key` in `#members`, or -1. */
  #find(key: string): number {
    const members = this.#members;
    if (members.length <= 2 * SEARCHED) {
      for (let i = 0; i < members.length; i += 2) if (members[i] === key) return i;
      return -1;
    }
    this.#index ??= indexMembers(members);
    return this.#index.get(key) ?? -1;
  }
}

/** Where each key stands in `members` (the last place of a repeated one: its size tells). */
function indexMembers(members: readonly PyValue[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < members.length; i += 2) index.set(members[i] as string, i);
  return index;
}

/** `members` with each key once, in its first place, holding its last value. */
function withoutRepeats(members: readonly PyValue[]): PyValue[] {
  const last = new Map<string, PyValue>();
  for (let i = 0; i < members.length; i += 2) last.set(members[i] as string, members[i + 1] as PyValue);
  const out: PyValue[] = [];
  for (const [key, value] of last) out.push(key, value);
  return out;
}
