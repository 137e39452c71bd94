/** Conversion of plain JavaScript values into {@link PyValue}s. */
import { PyFloat, type PyDict, type PyValue } from "../value/py-value.js";
import { MAX_DEPTH } from "./errors.js";

/** Gives `JSON.stringify`'s view of objects with a `toJSON` (dates and the like). */
function jsonView(value: object): unknown {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === "function" ? (toJSON as () => unknown).call(value) : value;
}

class Converter {
  /** Containers being converted: a value met again while still open is a cycle. */
  private readonly open = new Set<object>();

  convert(value: unknown, path: string): PyValue {
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
        throw new TypeError(`Cannot convert a ${typeof value} at ${path} to a Python value`);
    }
    if (value === null || value instanceof PyFloat) return value;
    if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf();
    return this.convertContainer(value as object, path);
  }

  private convertContainer(source: object, path: string): PyValue {
    if (this.open.has(source)) throw new TypeError(`Cycle at ${path}`);
    if (this.open.size >= MAX_DEPTH) throw new TypeError(`Nesting deeper than ${MAX_DEPTH} levels at ${path}`);
    this.open.add(source);
    try {
      // Array.from visits holes of sparse arrays too, so they become None like `undefined` items.
      if (Array.isArray(source)) return Array.from(source as unknown[], (item, i) => this.convert(item, `${path}[${i}]`));
      const dict: PyDict = new Map();
      if (source instanceof Map) {
        for (const [key, item] of source as Map<unknown, unknown>) {
          if (typeof key !== "string") throw new TypeError(`Non-string key in the Map at ${path}`);
          dict.set(key, this.convert(item, `${path}.${key}`));
        }
        return dict;
      }
      const view = jsonView(source);
      if (view !== source) return this.convert(view, path);
      for (const key of Object.keys(source)) {
        const item: unknown = (source as Record<string, unknown>)[key];
        if (item !== undefined && typeof item !== "function" && typeof item !== "symbol") {
          dict.set(key, this.convert(item, `${path}.${key}`));
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
  return new Converter().convert(value, "$");
}
