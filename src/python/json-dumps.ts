/**
 * Python `json.dumps` with its defaults (`ensure_ascii=True`, `allow_nan=True`), compact or with
 * `indent=2` (spec §4.4).
 */
import { isDict, type PyDict, type PyList, type PyValue } from "../value/py-value.js";
import { floatRepr } from "./float-format.js";
import { intRepr } from "./repr.js";

/** Every char Python's ASCII encoder escapes: `"`, `\`, and anything outside `' '..'~'`. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;
const NEEDS_ESCAPE_GLOBAL = /["\\\u0000-\u001f\u007f-\uffff]+/g;

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/**
 * Escapes a run of chars. UTF-16 units are escaped one by one, which writes astral characters as
 * the surrogate pair Python writes and a lone surrogate as itself (`\ud800`).
 */
function escapeRun(run: string): string {
  let out = "";
  for (let i = 0; i < run.length; i++) {
    const char = run[i] as string;
    out += SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  }
  return out;
}

/** A string as a JSON string literal, all non-ASCII escaped. */
export function jsonString(s: string): string {
  // One regex test keeps plain strings (the common case, and multi-megabyte ones) at native speed.
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  return `"${s.replace(NEEDS_ESCAPE_GLOBAL, escapeRun)}"`;
}

/**
 * A float as `json.dumps` writes it (value or dict key): repr digits, but the JavaScript-style
 * non-finite names.
 * @example jsonFloat(-Infinity) → "-Infinity"
 */
export function jsonFloat(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  return floatRepr(n);
}

/**
 * The members of a JSON object in order, where a key may repeat: what `json.dumps` writes for a
 * Python dict whose distinct keys print alike (`{1: 'a', '1': 'b'}` → `{"1": "a", "1": "b"}`), which
 * a {@link PyDict} cannot hold.
 */
export class JsonMembers {
  constructor(readonly members: readonly (readonly [string, Dumpable])[]) {}
}

/** What {@link jsonDumps} writes: a value, or a tree with objects whose keys may repeat. */
export type Dumpable = PyValue | JsonMembers | readonly Dumpable[];

interface ObjectMembers {
  readonly entries: Iterable<readonly [string, Dumpable]>;
  readonly empty: boolean;
}

/** The members of an object (a dict, or members that may repeat a key); `undefined` for others. */
function membersOf(v: Dumpable): ObjectMembers | undefined {
  if (v instanceof JsonMembers) return { entries: v.members, empty: v.members.length === 0 };
  return isDict(v) ? { entries: v, empty: v.size === 0 } : undefined;
}

function jsonScalar(v: Exclude<PyValue, PyList | PyDict>): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return jsonString(v);
    case "bigint":
    case "number":
      return typeof v === "bigint" || Number.isInteger(v) ? intRepr(v) : jsonFloat(v);
    default:
      return jsonFloat(v.value);
  }
}

function dumpCompact(v: Dumpable): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i === 0 ? "" : ", ") + dumpCompact(v[i] as Dumpable);
    return out + "]";
  }
  const members = membersOf(v);
  if (members !== undefined) {
    if (members.empty) return "{}";
    let out = "{";
    let first = true;
    for (const [key, item] of members.entries) {
      out += (first ? "" : ", ") + jsonString(key) + ": " + dumpCompact(item);
      first = false;
    }
    return out + "}";
  }
  return jsonScalar(v as Exclude<PyValue, PyList | PyDict>);
}

function dumpIndented(v: Dumpable, indent: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const inner = indent + "  ";
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i === 0 ? "\n" : ",\n") + inner + dumpIndented(v[i] as Dumpable, inner);
    return `${out}\n${indent}]`;
  }
  const members = membersOf(v);
  if (members !== undefined) {
    if (members.empty) return "{}";
    const inner = indent + "  ";
    let out = "{";
    let first = true;
    for (const [key, item] of members.entries) {
      out += (first ? "\n" : ",\n") + inner + jsonString(key) + ": " + dumpIndented(item, inner);
      first = false;
    }
    return `${out}\n${indent}}`;
  }
  return jsonScalar(v as Exclude<PyValue, PyList | PyDict>);
}

/**
 * Python `json.dumps(v)` (ensure_ascii, `", "`/`": "`), or with `indent: 2` the pretty form
 * (`","` at line ends, `": "` after keys, empty containers as `[]`/`{}`).
 * Recursion depth equals the value's nesting, which {@link parseJson} and {@link fromJs} cap.
 * @example jsonDumps(new Map([["b", 1], ["0", "é"]])) → '{"b": 1, "0": "\\u00e9"}'
 */
export function jsonDumps(v: Dumpable, indent?: 2): string {
  return indent === 2 ? dumpIndented(v, "") : dumpCompact(v);
}
