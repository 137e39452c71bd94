/**
 * Python `json.loads` (strict mode) over JSON text, producing {@link PyValue}s.
 *
 * Hand-written rather than built on `JSON.parse` because that loses ints versus floats, big ints
 * and the source order of integer-like keys. It is iterative (an explicit stack of open
 * containers) so hostile nesting cannot overflow the JavaScript stack, and it works on char codes
 * with one `slice` per run of plain characters because it parses multi-megabyte traces.
 */
import { codePointLength } from "../format/text.js";
import { PackedDict } from "../value/packed-dict.js";
import { makeFloat, makeInt, type PyValue } from "../value/py-value.js";
import { INT_MAX_STR_DIGITS, JsonSyntaxError, MAX_DEPTH, type PythonJsonError } from "./errors.js";

/** Options of {@link parseJson}. */
export interface ParseJsonOptions {
  /**
   * Accept the bare literals `NaN`, `Infinity`, `-Infinity` as Python's `json.loads` does. Default
   * `true`; `false` refuses them as DRF's strict JSON parser does (`Out of range float values …`).
   */
  readonly allowConstants?: boolean;
}

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  UpperI = 73,
  UpperN = 78,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerB = 98,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerR = 114,
  LowerT = 116,
  LowerU = 117,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** Strings up to this many chars are looked up in the parser's {@link JsonParser.shortStrings}. */
const SHORT_STRING = 24;
/** Slots of that table (a power of two): the keys and enum-like values of one document fit. */
const SHORT_STRING_SLOTS = 1024;
/** Slots for a short text (a tool call's arguments), which would not fill the large table. */
const FEW_SHORT_STRING_SLOTS = 64;

/** Chars of a string taken one at a time before handing the rest of the run to {@link PLAIN_RUN}. */
const SHORT_RUN = 16;
/** The chars a JSON string holds as they are; sticky, so it scans in place without slicing. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

/** The one-character escapes `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, by the code of their letter. */
const SIMPLE_ESCAPES: readonly (string | undefined)[] = (() => {
  const table: (string | undefined)[] = [];
  table[Char.Quote] = '"';
  table[Char.Backslash] = "\\";
  table[Char.Slash] = "/";
  table[Char.LowerB] = "\b";
  table[Char.LowerF] = "\f";
  table[Char.LowerN] = "\n";
  table[Char.LowerR] = "\r";
  table[Char.LowerT] = "\t";
  return table;
})();

/** Value of a hex digit char code, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

class JsonParser {
  private pos = 0;
  /**
   * The last short string read into each slot, by its length and end chars. A document repeats
   * its keys and its enum-like values (`"role"`, `"user"`, `"function"`) thousands of times:
   * handing out one string for each saves an allocation per occurrence, and the tree the garbage
   * collector copies is smaller.
   */
  private readonly shortStrings: (string | undefined)[];

  constructor(
    private readonly text: string,
    private readonly allowConstants: boolean,
  ) {
    // parsers run on every tool call's arguments too: those get a table of their size
    this.shortStrings = new Array(text.length < 8 * SHORT_STRING_SLOTS ? FEW_SHORT_STRING_SLOTS : SHORT_STRING_SLOTS);
  }

  parse(): PyValue {
    const { text } = this;
    // json.loads refuses a str that starts with a byte-order mark, naming it.
    if (text.charCodeAt(0) === 0xfeff) this.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    // The open containers, innermost last: whether each is a dict, and where its members start
    // on the one shared stack they wait on (a dict's as key, value, key, value), up to `top`.
    // Each container is copied off the stack when it closes, so it is allocated once at its
    // exact size (pushing onto `[]` reserves 16 slots at the least).
    const isDict: boolean[] = [];
    const starts: number[] = [];
    const pendingKeys: string[] = [];
    const members: PyValue[] = [];
    let top = 0;
    // a member takes two slots and at least four characters (`"":0,`)
    const packDict = PackedDict.packer(text.length >>> 1);
    let value: PyValue;
    for (;;) {
      // Parse one value, or open a container and go on to its first member.
      this.skipWhitespace();
      const code = text.charCodeAt(this.pos);
      if (code === Char.OpenBracket || code === Char.OpenBrace) {
        const dict = code === Char.OpenBrace;
        this.checkDepth(isDict.length);
        this.pos++;
        this.skipWhitespace();
        if (text.charCodeAt(this.pos) === (dict ? Char.CloseBrace : Char.CloseBracket)) {
          this.pos++;
          value = dict ? packDict(members, top, top) : [];
        } else {
          isDict.push(dict);
          starts.push(top);
          pendingKeys.push(dict ? this.parseKey() : "");
          continue;
        }
      } else {
        value = this.parseScalar(code);
      }
      // Hand the value to the enclosing containers, closing as many as end here.
      for (;;) {
        const depth = isDict.length;
        if (depth === 0) {
          this.skipWhitespace();
          if (this.pos < text.length) this.fail("Extra data");
          return value;
        }
        this.skipWhitespace();
        const next = text.charCodeAt(this.pos);
        if (isDict[depth - 1] === true) {
          members[top++] = pendingKeys[depth - 1] as string;
          members[top++] = value;
          if (next === Char.Comma) {
            this.pos++;
            this.skipWhitespace();
            pendingKeys[depth - 1] = this.parseKey();
            break;
          }
          if (next !== Char.CloseBrace) this.fail("Expecting ',' delimiter");
          // a repeated key keeps its first place and takes its last value, as in Python
          const start = starts.pop() as number;
          value = packDict(members, start, top);
          top = start;
        } else {
          members[top++] = value;
          if (next === Char.Comma) {
            this.pos++;
            break;
          }
          if (next !== Char.CloseBracket) this.fail("Expecting ',' delimiter");
          const start = starts.pop() as number;
          value = members.slice(start, top);
          top = start;
        }
        this.pos++;
        isDict.pop();
        pendingKeys.pop();
      }
    }
  }

  /** Counts the container about to open, empty ones included, as Python's recursion does. */
  private checkDepth(openContainers: number): void {
    if (openContainers >= MAX_DEPTH) this.fail(`Nesting deeper than ${MAX_DEPTH} levels`, this.pos, "RecursionError");
  }

  /**
   * Throws with Python's message layout, `<msg>: line L column C (char N)`, where Python counts
   * code points: a surrogate pair before the position is one char, not two.
   */
  private fail(message: string, position = this.pos, pythonError?: PythonJsonError): never {
    const lineStart = position === 0 ? 0 : this.text.lastIndexOf("\n", position - 1) + 1;
    let line = 1;
    for (let i = this.text.indexOf("\n"); i !== -1 && i < position; i = this.text.indexOf("\n", i + 1)) line++;
    const before = codePointLength(this.text.slice(0, lineStart));
    const column = codePointLength(this.text.slice(lineStart, position)) + 1;
    throw new JsonSyntaxError(`${message}: line ${line} column ${column} (char ${before + column - 1})`, position, pythonError);
  }

  private skipWhitespace(): void {
    const { text } = this;
    let pos = this.pos;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code !== Char.Space && code !== Char.LineFeed && code !== Char.CarriageReturn && code !== Char.Tab) break;
      pos++;
    }
    this.pos = pos;
  }

  /** A dict key and its colon; the position is at the key's opening quote. */
  private parseKey(): string {
    if (this.text.charCodeAt(this.pos) !== Char.Quote) {
      this.fail("Expecting property name enclosed in double quotes");
    }
    this.pos++;
    const key = this.parseString();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== Char.Colon) this.fail("Expecting ':' delimiter");
    this.pos++;
    return key;
  }

  private parseScalar(code: number): PyValue {
    const { text } = this;
    const start = this.pos;
    if (code === Char.Quote) {
      this.pos++;
      return this.parseString();
    }
    if ((code >= Char.Zero && code <= Char.Nine) || code === Char.Minus) {
      if (code === Char.Minus && text.charCodeAt(start + 1) === Char.UpperI) return this.parseConstant("-Infinity", -Infinity);
      return this.parseNumber();
    }
    switch (code) {
      case Char.LowerT:
        return this.parseConstant("true", true);
      case Char.LowerF:
        return this.parseConstant("false", false);
      case Char.LowerN:
        return this.parseConstant("null", null);
      case Char.UpperN:
        return this.parseConstant("NaN", NaN);
      case Char.UpperI:
        return this.parseConstant("Infinity", Infinity);
    }
    return this.fail("Expecting value");
  }

  private parseConstant<T extends PyValue>(literal: string, value: T): T {
    if (!this.text.startsWith(literal, this.pos)) this.fail("Expecting value");
    if (typeof value === "number" && !this.allowConstants) {
      // DRF's strict parser hook refuses the literal with a plain ValueError, no position.
      throw new JsonSyntaxError(`Out of range float values are not JSON compliant: '${literal}'`, this.pos, "ValueError");
    }
    this.pos += literal.length;
    return value;
  }

  /** Python's number grammar: `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, the longest match. */
  private parseNumber(): PyValue {
    const { text } = this;
    const start = this.pos;
    let pos = start;
    const negative = text.charCodeAt(pos) === Char.Minus;
    if (negative) pos++;
    const integerStart = pos;
    let code = text.charCodeAt(pos);
    // Small ints are accumulated on the way, sparing a slice and a Number() per number.
    let magnitude = 0;
    if (code === Char.Zero) {
      code = text.charCodeAt(++pos);
    } else if (code > Char.Zero && code <= Char.Nine) {
      do {
        magnitude = magnitude * 10 + (code - Char.Zero);
        code = text.charCodeAt(++pos);
      } while (code >= Char.Zero && code <= Char.Nine);
    } else {
      this.fail("Expecting value", start);
    }
    const integerEnd = pos;
    let isFloat = false;
    if (code === Char.Dot) {
      code = text.charCodeAt(pos + 1);
      if (code >= Char.Zero && code <= Char.Nine) {
        isFloat = true;
        pos++;
        do code = text.charCodeAt(++pos);
        while (code >= Char.Zero && code <= Char.Nine);
      }
    }
    if (code === Char.LowerE || code === Char.UpperE) {
      let exponentPos = pos + 1;
      code = text.charCodeAt(exponentPos);
      if (code === Char.Plus || code === Char.Minus) code = text.charCodeAt(++exponentPos);
      if (code >= Char.Zero && code <= Char.Nine) {
        isFloat = true;
        do code = text.charCodeAt(++exponentPos);
        while (code >= Char.Zero && code <= Char.Nine);
        pos = exponentPos;
      }
    }
    this.pos = pos;
    // An integral float (`1.0`, `1e5`) is boxed so it keeps printing as a float.
    if (isFloat) return makeFloat(Number(text.slice(start, pos)));
    const digitCount = integerEnd - integerStart;
    // `-0` is the int 0 in Python; -0 here would print with a float's sign.
    if (digitCount <= 15) return negative && magnitude !== 0 ? -magnitude : magnitude;
    if (digitCount > INT_MAX_STR_DIGITS) {
      this.fail(`Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion`, start, "ValueError");
    }
    const big = BigInt(text.slice(start, pos));
    return makeInt(big);
  }

  /** A string body; the position is just past the opening quote. */
  private parseString(): string {
    const { text } = this;
    const quote = this.pos - 1;
    let pos = this.pos;
    let runStart = pos;
    let result = "";
    for (;;) {
      let code = text.charCodeAt(pos);
      if (code >= Char.Space && code !== Char.Quote && code !== Char.Backslash) {
        // Long runs of plain characters go through the native regex engine; short ones (most keys)
        // are cheaper char by char.
        if (pos - runStart >= SHORT_RUN) {
          PLAIN_RUN.lastIndex = pos;
          PLAIN_RUN.test(text);
          pos = PLAIN_RUN.lastIndex;
        } else {
          pos++;
        }
        continue;
      }
      if (code === Char.Quote) {
        this.pos = pos + 1;
        if (result !== "") return result + text.slice(runStart, pos);
        return pos - runStart <= SHORT_STRING ? this.shortString(runStart, pos) : text.slice(runStart, pos);
      }
      if (code === Char.Backslash) {
        result += text.slice(runStart, pos);
        pos = this.parseEscape(pos, quote);
        result += this.escaped;
        runStart = pos;
        continue;
      }
      if (pos >= text.length) this.fail("Unterminated string starting at", quote);
      this.fail("Invalid control character at", pos);
    }
  }

  /** `text.slice(start, end)` for a short run, the same string as last time when it repeats. */
  private shortString(start: number, end: number): string {
    const { text, shortStrings } = this;
    const length = end - start;
    if (length === 0) return "";
    const slot = (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1)) & (shortStrings.length - 1);
    const seen = shortStrings[slot];
    if (seen !== undefined && seen.length === length && text.startsWith(seen, start)) return seen;
    const fresh = text.slice(start, end);
    shortStrings[slot] = fresh;
    return fresh;
  }

  private escaped = "";

  /** Decodes the escape at `backslash` into {@link escaped}; returns the position after it. */
  private parseEscape(backslash: number, quote: number): number {
    const code = this.text.charCodeAt(backslash + 1);
    const simple = SIMPLE_ESCAPES[code];
    if (simple !== undefined) {
      this.escaped = simple;
      return backslash + 2;
    }
    if (code !== Char.LowerU) {
      if (Number.isNaN(code)) this.fail("Unterminated string starting at", quote);
      this.fail("Invalid \\escape", backslash);
    }
    // Python's scanner wants a char after the four digits (the closing quote at the least): an
    // escape that ends the text is invalid however well formed.
    const unit = backslash + 6 < this.text.length ? this.hexUnit(backslash + 2) : -1;
    if (unit < 0) this.fail("Invalid \\uXXXX escape", backslash + 1);
    // A lone surrogate stays as it is (Python's str may hold one); a pair simply joins up.
    this.escaped = String.fromCharCode(unit);
    return backslash + 6;
  }

  /** The UTF-16 unit the four hex digits at `at` spell, or -1 when they are not four hex digits. */
  private hexUnit(at: number): number {
    let unit = 0;
    for (let i = at; i < at + 4; i++) {
      const digit = hexDigit(this.text.charCodeAt(i));
      if (digit < 0) return -1;
      unit = unit * 16 + digit;
    }
    return unit;
  }
}

/**
 * Parses JSON text the way Python's `json.loads` does, keeping what `JSON.parse` loses: ints versus
 * floats, exact big ints, key order (duplicate keys keep their first position and last value).
 * Iterative: deep nesting never overflows the stack; over {@link MAX_DEPTH} levels is an error.
 * @throws {JsonSyntaxError}
 * @example parseJson('{"b": 1.0, "0": NaN}') → Map { "b" → PyFloat(1), "0" → NaN }
 */
export function parseJson(text: string, options?: ParseJsonOptions): PyValue {
  return new JsonParser(text, options?.allowConstants ?? true).parse();
}
