/**
 * The field rules of the reference's request serializer (spec §1 step 1), reproduced from Django
 * REST framework: how `ChoiceField`, `BooleanField` and `IntegerField` coerce a value, and the exact
 * messages they reject it with. The zod schemas of `request.ts` are built from these functions, so
 * the plain-JavaScript and the Python-value paths share one definition.
 *
 * Every coercer takes `unknown`: it is called with {@link PyValue} scalars and with plain
 * JavaScript scalars alike (the two agree on every scalar), and it rejects every container without
 * looking inside, since no container's `str()` is ever a valid boolean, integer or choice.
 */
import { floatRepr, parsePyInt, pyStr } from "../python/index.js";
import { codePointLength } from "../format/text.js";
import { isNumber, PyFloat, pyTypeName, toDouble, type PyValue } from "../value/py-value.js";

/** The messages DRF answers with, word for word: they are the 400 body. */
export const DRF_MESSAGES = {
  required: "This field is required.",
  null: "This field may not be null.",
  noData: "No data provided",
  invalidJson: "Value must be valid JSON.",
  boolean: "Must be a valid boolean.",
  integer: "A valid integer is required.",
  stringTooLarge: "String value too large.",
  /** `Serializer` given something that is not a dict; `type` is Python's type name. */
  notADict: (type: string): string => `Invalid data. Expected a dictionary, but got ${type}.`,
  /** `ChoiceField`; `shown` is Python's `str()` of the value, quoted but not escaped. */
  invalidChoice: (shown: string): string => `"${shown}" is not a valid choice.`,
} as const;

/** A coerced value, or the DRF message plus a sentence for people saying what was expected. */
export type FieldResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly expected: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (message: string, expected: string): FieldResult<never> => ({ ok: false, message, expected });

const EXPECTED_BOOLEAN = 'a boolean: true/false, 1/0, 1.0/0.0 or one of "true", "t", "yes", "y", "on", "1", "false", "f", "no", "n", "off", "0" (any case)';
const EXPECTED_INTEGER = "an integer: an int, a float without fraction below 1e16, or a string Python's int() reads (\"12\", \" 12 \", \"+1_000\", \"12.0\")";

// DRF lower-cases strings before the lookup; the sets hold only ASCII words, and no non-ASCII
// character lower-cases to one of their letters, so JavaScript's toLowerCase matches Python's here.
const TRUE_STRINGS: ReadonlySet<string> = new Set(["true", "t", "yes", "y", "on", "1"]);
const FALSE_STRINGS: ReadonlySet<string> = new Set(["false", "f", "no", "n", "off", "0"]);

/** DRF `IntegerField.MAX_STRING_LENGTH`: longer strings are refused before `int()` sees them. */
export const MAX_INTEGER_STRING_LENGTH = 1000;

// Python's `\s` in a str pattern is `str.isspace()`, which differs from JavaScript's `\s`: it adds
// U+001C–U+001F and U+0085 and lacks U+FEFF.
const PY_WHITESPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

// DRF strips `\.0*\s*$` so that "12.0" and "12. " count as integers. JavaScript's `$` only matches
// at the very end while Python's also matches before a final newline, but the greedy whitespace
// run swallows that newline first, so both remove the same text.
const DECIMAL_TAIL = new RegExp(`\\.0*[${PY_WHITESPACE}]*$`);

/** Whether `v` is a list or dict (a JavaScript array, `Map` or plain object). */
function isContainer(v: unknown): boolean {
  return typeof v === "object" && v !== null && !(v instanceof PyFloat);
}

/**
 * A short rendering of a bad value for error messages written for people (never for the body):
 * strings quoted, numbers as Python prints them, containers by their Python type name.
 * @example describeValue("maybe") === '"maybe"'; describeValue(new Map()) === "a dict"
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") {
    const quoted = JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
    return v.length > 60 ? `${quoted} (${codePointLength(v)} characters)` : quoted;
  }
  if (v === null) return "null";
  if (typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : floatRepr(v);
  if (v instanceof PyFloat) return floatRepr(v.value);
  return `a ${Array.isArray(v) ? "list" : "dict"}`;
}

/**
 * DRF `BooleanField`: `true`/`false`, the numbers equal to 1 or 0 (`1.0`, `-0.0` included) and the
 * strings of {@link TRUE_STRINGS}/{@link FALSE_STRINGS} compared after lower-casing, untrimmed.
 * @example coerceBoolean("YES") → {ok: true, value: true}; coerceBoolean(" true") → not ok
 */
export function coerceBoolean(v: unknown): FieldResult<boolean> {
  if (v === null) return fail(DRF_MESSAGES.null, EXPECTED_BOOLEAN);
  if (typeof v === "boolean") return ok(v);
  // Python's set lookup compares numbers by value, so 1 == 1.0 == True and 0 == -0.0 == False.
  const n = isNumber(v) ? toDouble(v) : undefined;
  if (n === 1) return ok(true);
  if (n === 0) return ok(false);
  if (typeof v === "string") {
    const lower = v.toLowerCase();
    if (TRUE_STRINGS.has(lower)) return ok(true);
    if (FALSE_STRINGS.has(lower)) return ok(false);
  }
  return fail(DRF_MESSAGES.boolean, EXPECTED_BOOLEAN);
}

/**
 * DRF `IntegerField`: `int()` of `str(value)` after dropping a trailing `.`, `.0…` and whitespace.
 * So `" 12"`, `"12.0 "`, `"+12"`, `"0012"`, `"1_000"`, `"12."` and the float `1000.0` give integers,
 * while `12.5`, `"1e3"`, `""`, `true` (its `str()` is `"True"`) and floats from 1e16 up (their
 * `repr` switches to exponent form, `"1e+16"`) do not. Strings over 1000 code points are refused
 * with their own message.
 * @example coerceInteger("1_000") → {ok: true, value: 1000n}
 */
export function coerceInteger(v: unknown): FieldResult<bigint> {
  if (v === null) return fail(DRF_MESSAGES.null, EXPECTED_INTEGER);
  if (typeof v === "string" && codePointLength(v) > MAX_INTEGER_STRING_LENGTH) {
    return fail(DRF_MESSAGES.stringTooLarge, `${EXPECTED_INTEGER}, of at most ${MAX_INTEGER_STRING_LENGTH} characters`);
  }
  // int(str(n)) is n for every int, so only strings and floats go through the text.
  if (typeof v === "bigint") return ok(v);
  if (typeof v === "number" && Number.isInteger(v)) return ok(BigInt(v));
  const text = typeof v === "string" ? v : typeof v === "number" ? floatRepr(v) : v instanceof PyFloat ? floatRepr(v.value) : undefined;
  // Booleans (`True`/`False`) and containers (`[…]`/`{…}`) have no text int() reads.
  const parsed = text === undefined ? undefined : parsePyInt(text.replace(DECIMAL_TAIL, ""));
  return parsed === undefined ? fail(DRF_MESSAGES.integer, EXPECTED_INTEGER) : ok(parsed);
}

/**
 * DRF `ChoiceField`: the value's `str()` must be one of `choices`; the message quotes that
 * `str()` (`"['a']" is not a valid choice.`). Containers must already be {@link PyValue}s so that
 * their `str()` is Python's.
 * @example coerceChoice("$ai_span", EVENT_TYPES) → {ok: true, value: "$ai_span"}
 */
export function coerceChoice<C extends string>(v: PyValue | undefined, choices: readonly C[]): FieldResult<C> {
  const expected = `one of ${choices.join(", ")}`;
  if (v === undefined) return fail(DRF_MESSAGES.required, expected);
  if (v === null) return fail(DRF_MESSAGES.null, expected);
  const shown = typeof v === "string" ? v : pyStr(v);
  const choice = choices.find((c) => c === shown);
  return choice === undefined ? fail(DRF_MESSAGES.invalidChoice(shown), expected) : ok(choice);
}

/**
 * Python's type name of a value that is not a dict, for {@link DRF_MESSAGES.notADict}; plain
 * JavaScript values are named as their {@link PyValue} counterparts.
 */
export function pythonTypeName(v: unknown): string {
  if (v === undefined || v === null) return "NoneType";
  if (isContainer(v)) return Array.isArray(v) ? "list" : "dict";
  return pyTypeName(v as PyValue);
}
