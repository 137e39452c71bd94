/** Conversion of plain JavaScript values into {@link PyValue}s. */
import { isDict, PyFloat, type PyValue } from "../value/py-value.js";
import { MAX_DEPTH } from "./errors.js";

/** Gives `JSON.stringify`'s view of objects with a `toJSON` (dates and the like). */
function jsonView(value: object): unknown {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === "function" ? (toJSON as () => unknown).call(value) : value;
}

class Converter {
  /** Containers being converted: a value met again while still open is a cycle. */
  private readonly open = new Set<object>();
  /** Keys and indexes down to the value being converted; spelled out only for an error. */
  private readonly keys: (string | number)[] = [];

  /** Where the value being converted sits, as `$.a[0].b`. */
  private path(): string {
    return `$${this.keys.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("")}`;
  }

  // A conversion that throws is abandoned whole, so the key needs no popping on the way out.
  private child(key: string | number, value: unknown): PyValue {
    this.keys.push(key);
    const converted = this.convert(value);
    this.keys.pop();
    return converted;
  }

  convert(value: unknown): PyValue {
    switch (typeof value) {
      case "string":
      case "boolean":
      case "bigint":
        return value;
      case "number":
        // The model's rule: integral → int. `-0` is integral, but an int has no sign of zero.
        return Object.is(value, -0) ? 0 : value;
      case "undefined":
        return null;
      case "function":
      case "symbol":
        throw new TypeError(`Cannot convert a ${typeof value} at ${this.path()} to a Python value`);
    }
    if (value === null || value instanceof PyFloat) return value;
    if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf();
    return this.convertContainer(value as object);
  }

  private convertContainer(source: object): PyValue {
    if (this.open.has(source)) throw new TypeError(`Cycle at ${this.path()}`);
    if (this.open.size >= MAX_DEPTH) throw new TypeError(`Nesting deeper than ${MAX_DEPTH} levels at ${this.path()}`);
    this.open.add(source);
    try {
      // Array.from visits holes of sparse arrays too, so they become None like `undefined` items.
      if (Array.isArray(source)) return Array.from(source as unknown[], (item, i) => this.child(i, item));
      const dict = new Map<string, PyValue>();
      if (isDict(source)) {
        for (const [key, item] of source as ReadonlyMap<unknown, unknown>) {
          if (typeof key !== "string") throw new TypeError(`Non-string key in the Map at ${this.path()}`);
          dict.set(key, this.child(key, item));
        }
        return dict;
      }
      const view = jsonView(source);
      if (view !== source) return this.convert(view);
      for (const key of Object.keys(source)) {
        const item: unknown = (source as Record<string, unknown>)[key];
        if (item !== undefined && typeof item !== "function" && typeof item !== "symbol") {
          dict.set(key, this.child(key, item));
        }
      }
      return dict;
    } finally {
      this.open.delete(source);
    }
  }
}

/**
 * Converts a plain JavaScript value (as from `JSON.parse` or user code) into a {@link PyValue}.
 * Rule for numbers: an integral `number` is an int, any other a float. `undefined` object members
 * are dropped (as `JSON.stringify` does), `undefined` list items become `None`. Maps with string
 * keys and {@link PyFloat}s are taken as they are, objects with `toJSON` as that gives.
 * Recursion is bounded by {@link MAX_DEPTH}, so it cannot overflow the stack.
 * @throws {TypeError} for cycles, functions, symbols and nesting over {@link MAX_DEPTH}.
 * @example fromJs({ b: 1, a: [1.5, null] }) → Map { "b" → 1, "a" → [1.5, null] }
 */
export function fromJs(value: unknown): PyValue {
  return new Converter().convert(value);
}
