/**
 * A parser for the part of Python's expression syntax `ast.literal_eval` evaluates (spec §11):
 * string/bytes/number literals, `True`/`False`/`None`/`...`, tuples, lists, dicts, sets, `set()`,
 * unary `+`/`-` and `+`/`-` between numbers (for complex sums like `1+2j`).
 *
 * Anything else either is a syntax error or parses in Python to a node `literal_eval` rejects
 * with "malformed node" — both print the state verbatim, so the parser gives up with
 * {@link NotALiteral} as soon as it meets one. Bare names are kept as {@link LiteralNode}s of their
 * own because Python only rejects them when evaluation reaches them, which decides between the
 * two outcomes when an unhashable dict key comes first (`{[1]: 2, 3: x}` is a TypeError).
 */
import { INT_MAX_STR_DIGITS } from "./errors.js";

/** A complex number `re + im·j`. */
export interface PyComplex {
  readonly kind: "complex";
  readonly re: number;
  readonly im: number;
}

/** A bytes literal; only its identity matters (JSON cannot encode bytes). */
export interface PyBytes {
  readonly kind: "bytes";
  readonly text: string;
}

/** Python's `...`. */
export interface PyEllipsis {
  readonly kind: "ellipsis";
}

/** A constant as `ast.Constant` holds it (ints are bigints, floats numbers). */
export type LiteralConstant = string | bigint | number | boolean | null | PyComplex | PyBytes | PyEllipsis;

/** The syntax tree of a literal expression. */
export type LiteralNode =
  | { readonly type: "constant"; readonly value: LiteralConstant }
  | { readonly type: "tuple" | "list" | "set"; readonly items: readonly LiteralNode[] }
  | { readonly type: "dict"; readonly keys: readonly LiteralNode[]; readonly values: readonly LiteralNode[] }
  | { readonly type: "emptySet" }
  | { readonly type: "name"; readonly id: string }
  /** Valid syntax `literal_eval` rejects when it reaches it (an f-string). */
  | { readonly type: "malformed"; readonly what: string }
  | { readonly type: "unary"; readonly op: "+" | "-"; readonly operand: LiteralNode }
  | { readonly type: "binary"; readonly op: "+" | "-"; readonly left: LiteralNode; readonly right: LiteralNode };

/** The text is a syntax error or holds an expression that is not a literal (both print verbatim). */
export class NotALiteral extends Error {
  override name = "NotALiteral";
}

/** Python's parser ran out of stack (RecursionError or MemoryError), which is not a syntax error. */
export class ParserExhausted extends Error {
  override name = "ParserExhausted";
}

/** The tokenizer's limit on open brackets (`MAXLEVEL`): one more is "too many nested parentheses". */
const MAX_BRACKET_DEPTH = 200;

/**
 * Consecutive unary operators at which CPython 3.11 raises RecursionError while building the AST.
 * Approximate: measured near the top of a Python stack, 2983 still parse (then fail as malformed)
 * and 2984 exhaust it; the limit shrinks with the caller's own stack depth and with enclosing
 * brackets (deep inside them it is a MemoryError after a few hundred), which is not modelled.
 */
const MAX_UNARY_CHAIN = 2983;

/** Python 3.11 keywords other than the three constants: each starts syntax `literal_eval` rejects. */
const KEYWORDS = new Set(
  "and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

const DIGIT_PART = String.raw`\d(?:_?\d)*`;
/** Decimal ints, floats and imaginary numbers; `.5`, `5.`, `1e5`, `1_0.5e-3j`. */
const DECIMAL_NUMBER = new RegExp(
  String.raw`(?:${DIGIT_PART}(?:\.(?:${DIGIT_PART})?)?|\.${DIGIT_PART})(?:[eE][+-]?${DIGIT_PART})?[jJ]?`,
  "y",
);
const PREFIXED_INT = /0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)/y;
const IDENTIFIER = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const IDENTIFIER_CHAR = /[\p{ID_Continue}]/u;
const STRING_PREFIX = /^(?:[rRuUbBfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])$/;
const HEX_DIGITS = /^[0-9a-fA-F]*$/;

/** An f-string: valid syntax, but a JoinedStr node that literal_eval rejects. */
interface FString {
  readonly kind: "fstring";
}

type Token =
  | { readonly kind: "constant"; readonly value: LiteralConstant }
  | { readonly kind: "string"; readonly value: string | PyBytes | FString }
  | { readonly kind: "name"; readonly id: string }
  | { readonly kind: "op"; readonly op: string }
  | { readonly kind: "newline" }
  | { readonly kind: "end" };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** String-literal characters that need no attention: no quote, backslash or newline. */
const PLAIN_STRING_RUN = /[^'"\\\n]+/y;
const NON_ASCII = /[^\x00-\x7f]/;

/** The column a run of blanks ends at, as Python's tokenizer counts it (tabs to 8, `\f` resets). */
function indentColumn(blanks: string): number {
  let column = 0;
  for (const char of blanks) {
    if (char === " ") column++;
    else if (char === "\t") column = (Math.floor(column / 8) + 1) * 8;
    else column = 0;
  }
  return column;
}

class LiteralParser {
  /** A `\N{name}` escape was met: some string's text is a placeholder. */
  hasUnknownText = false;
  private pos = 0;
  private bracketDepth = 0;
  private token: Token;

  constructor(private readonly source: string) {
    this.skipLeadingLines();
    this.token = this.nextToken();
  }

  parse(): LiteralNode {
    const node = this.parseExpressionList(true);
    while (this.token.kind === "newline") this.token = this.nextToken();
    if (this.token.kind !== "end") throw new NotALiteral("unexpected text after the expression");
    // Python's tokenizer reads a last line of only blanks, with no newline after it, as an
    // indented line: IndentationError, though blank lines that end in a newline are skipped.
    const lastLine = this.source.slice(this.source.lastIndexOf("\n") + 1);
    if (/^[ \t\f]+$/.test(lastLine) && indentColumn(lastLine) > 0) {
      throw new NotALiteral("unexpected indent");
    }
    return node;
  }

  // ---- grammar ----

  /** `expr (',' expr)* [',']`; a comma makes it a tuple. */
  private parseExpressionList(topLevel: boolean): LiteralNode {
    const first = this.parseSum();
    if (!this.isOp(",")) return first;
    const items = [first];
    while (this.isOp(",")) {
      this.advance();
      if (!this.startsExpression(topLevel)) break;
      items.push(this.parseSum());
    }
    return { type: "tuple", items };
  }

  private startsExpression(topLevel: boolean): boolean {
    const { token } = this;
    if (token.kind === "end" || token.kind === "newline") return false;
    if (token.kind !== "op") return true;
    if (topLevel) return true;
    return token.op !== ")" && token.op !== "]" && token.op !== "}";
  }

  private parseSum(): LiteralNode {
    let node = this.parseFactor();
    for (;;) {
      const { token } = this;
      if (token.kind !== "op" || (token.op !== "+" && token.op !== "-")) break;
      this.advance();
      node = { type: "binary", op: token.op, left: node, right: this.parseFactor() };
    }
    this.rejectOtherOperators();
    return node;
  }

  /** Operators and postfixes outside the literal subset: valid Python, but never a literal. */
  private rejectOtherOperators(): void {
    const { token } = this;
    if (token.kind === "name" && KEYWORDS.has(token.id)) throw new NotALiteral(`'${token.id}' expression`);
    if (token.kind !== "op") return;
    // `=` only ends a keyword argument; anywhere else the caller's comma check rejects it.
    if (token.op === "," || token.op === ":" || token.op === ")" || token.op === "]" || token.op === "}" || token.op === "=") return;
    throw new NotALiteral(`operator ${token.op}`);
  }

  private parseFactor(): LiteralNode {
    const signs: ("+" | "-")[] = [];
    for (;;) {
      const { token } = this;
      if (token.kind !== "op" || (token.op !== "+" && token.op !== "-")) break;
      signs.push(token.op);
      if (signs.length > MAX_UNARY_CHAIN) throw new ParserExhausted("too many unary operators");
      this.advance();
    }
    let node = this.parseAtom();
    for (let i = signs.length - 1; i >= 0; i--) node = { type: "unary", op: signs[i] as "+" | "-", operand: node };
    return node;
  }

  private parseAtom(): LiteralNode {
    const { token } = this;
    switch (token.kind) {
      case "constant":
        this.advance();
        return { type: "constant", value: token.value };
      case "string":
        return this.parseStrings();
      case "name":
        return this.parseName(token.id);
      case "op":
        if (token.op === "(") return this.parseParenthesized();
        if (token.op === "[") return this.parseList();
        if (token.op === "{") return this.parseBraced();
        break;
    }
    throw new NotALiteral("expected a literal");
  }

  private parseName(id: string): LiteralNode {
    if (KEYWORDS.has(id)) throw new NotALiteral(`keyword ${id}`);
    this.advance();
    if (id === "True" || id === "False" || id === "None") {
      return { type: "constant", value: id === "None" ? null : id === "True" };
    }
    if (this.isOp("(")) return this.parseCall(id);
    return { type: "name", id };
  }

  /**
   * A call: `set()` is the one literal_eval evaluates (Python 3.9+, for the empty set); any other
   * is valid syntax it rejects when reached. Arguments are literal-like expressions or `name=`
   * keywords; fancier argument syntax counts as not a literal at once.
   */
  private parseCall(id: string): LiteralNode {
    this.advance();
    let argumentCount = 0;
    while (!this.isOp(")")) {
      const argument = this.parseSum();
      if (argument.type === "name" && this.isOp("=")) {
        this.advance();
        this.parseSum();
      }
      argumentCount++;
      if (!this.isOp(")")) this.expectOp(",");
    }
    this.advance();
    if (this.isOp("(") || this.isOp("[") || this.isOp(".")) throw new NotALiteral("call result used");
    return id === "set" && argumentCount === 0 ? { type: "emptySet" } : { type: "malformed", what: `call of ${id}` };
  }

  /** Adjacent string literals join up; str and bytes must not be mixed; an f-string makes a JoinedStr. */
  private parseStrings(): LiteralNode {
    let text = "";
    let isBytes: boolean | undefined;
    let formatted = false;
    while (this.token.kind === "string") {
      const { value } = this.token;
      const bytes = typeof value !== "string" && value.kind === "bytes";
      if (isBytes !== undefined && bytes !== isBytes) throw new NotALiteral("cannot mix bytes and nonbytes literals");
      isBytes = bytes;
      if (typeof value === "string") text += value;
      else if (value.kind === "bytes") text += value.text;
      else formatted = true;
      this.advance();
    }
    if (formatted) return { type: "malformed", what: "f-string" };
    return { type: "constant", value: isBytes ? { kind: "bytes", text } : text };
  }

  private parseParenthesized(): LiteralNode {
    this.advance();
    if (this.isOp(")")) {
      this.advance();
      return { type: "tuple", items: [] };
    }
    const node = this.parseExpressionList(false);
    this.expectOp(")");
    return node;
  }

  private parseList(): LiteralNode {
    this.advance();
    const items = this.parseItems("]");
    return { type: "list", items };
  }

  /** Items up to `close`, with an optional trailing comma. */
  private parseItems(close: string, first?: LiteralNode): LiteralNode[] {
    const items: LiteralNode[] = [];
    if (first) {
      items.push(first);
      if (!this.isOp(close)) this.expectOp(",");
    }
    while (!this.isOp(close)) {
      items.push(this.parseSum());
      if (!this.isOp(close)) this.expectOp(",");
    }
    this.advance();
    return items;
  }

  private parseBraced(): LiteralNode {
    this.advance();
    if (this.isOp("}")) {
      this.advance();
      return { type: "dict", keys: [], values: [] };
    }
    if (this.isOp("**")) throw new NotALiteral("dict unpacking");
    const first = this.parseSum();
    if (!this.isOp(":")) return { type: "set", items: this.parseItems("}", first) };
    const keys: LiteralNode[] = [];
    const values: LiteralNode[] = [];
    let key = first;
    for (;;) {
      this.expectOp(":");
      keys.push(key);
      values.push(this.parseSum());
      if (this.isOp("}")) break;
      this.expectOp(",");
      if (this.isOp("}")) break;
      if (this.isOp("**")) throw new NotALiteral("dict unpacking");
      key = this.parseSum();
    }
    this.advance();
    return { type: "dict", keys, values };
  }

  private isOp(op: string): boolean {
    return this.token.kind === "op" && this.token.op === op;
  }

  private expectOp(op: string): void {
    if (!this.isOp(op)) throw new NotALiteral(`expected ${op}`);
    this.advance();
  }

  private advance(): void {
    this.token = this.nextToken();
  }

  // ---- tokenizer ----

  /**
   * Blank and comment-only lines before the expression are skipped; the first real line must not
   * be indented (Python raises IndentationError), where a form feed resets the column.
   */
  private skipLeadingLines(): void {
    const { source } = this;
    for (;;) {
      let pos = this.pos;
      while (source[pos] === " " || source[pos] === "\t" || source[pos] === "\f") pos++;
      const column = indentColumn(source.slice(this.pos, pos));
      const char = source[pos];
      if (char === "#") {
        while (pos < source.length && source[pos] !== "\n") pos++;
      }
      if (source[pos] === "\n") {
        this.pos = pos + 1;
        continue;
      }
      if (pos < source.length && column > 0) throw new NotALiteral("unexpected indent");
      this.pos = pos;
      return;
    }
  }

  /** Skips spaces, comments, line continuations, and newlines inside brackets. */
  private skipTrivia(): void {
    const { source } = this;
    for (;;) {
      const char = source[this.pos];
      if (char === " " || char === "\t" || char === "\f") {
        this.pos++;
      } else if (char === "#") {
        while (this.pos < source.length && source[this.pos] !== "\n") this.pos++;
      } else if (char === "\\") {
        if (source[this.pos + 1] !== "\n") throw new NotALiteral("unexpected character after line continuation");
        this.pos += 2;
        if (this.pos >= source.length) throw new NotALiteral("unexpected EOF");
      } else if (char === "\n" && this.bracketDepth > 0) {
        this.pos++;
      } else {
        return;
      }
    }
  }

  private nextToken(): Token {
    this.skipTrivia();
    const { source } = this;
    const start = this.pos;
    if (start >= source.length) return { kind: "end" };
    const char = source[start] as string;
    if (char === "\n") {
      this.pos++;
      return { kind: "newline" };
    }
    if ((char >= "0" && char <= "9") || (char === "." && /\d/.test(source[start + 1] ?? ""))) return this.readNumber();
    if (char === "'" || char === '"') return this.readString("");
    IDENTIFIER.lastIndex = start;
    const identifier = IDENTIFIER.exec(source);
    if (identifier) {
      const word = identifier[0];
      this.pos = start + word.length;
      const next = source[this.pos];
      if ((next === "'" || next === '"') && STRING_PREFIX.test(word)) return this.readString(word.toLowerCase());
      return { kind: "name", id: word };
    }
    return this.readOperator(char);
  }

  private readOperator(char: string): Token {
    const { source } = this;
    if (source.startsWith("...", this.pos)) {
      this.pos += 3;
      return { kind: "constant", value: { kind: "ellipsis" } };
    }
    if (source.startsWith("**", this.pos)) {
      this.pos += 2;
      return { kind: "op", op: "**" };
    }
    if ("([{".includes(char)) {
      if (++this.bracketDepth > MAX_BRACKET_DEPTH) throw new NotALiteral("too many nested parentheses");
    } else if (")]}".includes(char)) {
      if (--this.bracketDepth < 0) throw new NotALiteral("unmatched bracket");
    } else if (!"+-,:*/%@<>=!.~^&|;".includes(char)) {
      throw new NotALiteral(`invalid character ${char}`);
    }
    this.pos++;
    return { kind: "op", op: char };
  }

  private readNumber(): Token {
    const { source } = this;
    const start = this.pos;
    PREFIXED_INT.lastIndex = start;
    let match = PREFIXED_INT.exec(source);
    let value: LiteralConstant;
    if (match) {
      const text = match[0].replace(/_/g, "");
      value = BigInt(text.slice(0, 2).toLowerCase() + text.slice(2));
    } else {
      DECIMAL_NUMBER.lastIndex = start;
      match = DECIMAL_NUMBER.exec(source);
      if (!match) throw new NotALiteral("invalid number");
      const text = match[0].replace(/_/g, "");
      if (/[jJ]$/.test(text)) {
        value = { kind: "complex", re: 0, im: Number(text.slice(0, -1)) };
      } else if (/[.eE]/.test(text)) {
        value = Number(text);
      } else {
        if (text.length > 1 && text.startsWith("0") && !/^0+$/.test(text)) throw new NotALiteral("leading zeros");
        if (text.length > INT_MAX_STR_DIGITS) throw new NotALiteral("too many digits");
        value = BigInt(text);
      }
    }
    this.pos = start + match[0].length;
    // `1a`, `1_`, `1e` are invalid literals; `1if …` is valid but not a literal: verbatim either way.
    if (IDENTIFIER_CHAR.test(source[this.pos] ?? "")) throw new NotALiteral("invalid decimal literal");
    return { kind: "constant", value };
  }

  /** A string literal from its opening quote; `prefix` is lower-cased. */
  private readString(prefix: string): Token {
    const raw = prefix.includes("r");
    const formatted = prefix.includes("f");
    const bytes = prefix.includes("b");
    const { source } = this;
    const quote = source[this.pos] as string;
    const triple = source.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    const bodyStart = this.pos + delimiter.length;
    let pos = bodyStart;
    let value = "";
    for (;;) {
      if (pos >= source.length) throw new NotALiteral("unterminated string literal");
      if (source.startsWith(delimiter, pos)) break;
      // A run that holds no quote, backslash or newline cannot end the string or start an
      // escape: it is taken whole, as the per-character steps below would take it.
      PLAIN_STRING_RUN.lastIndex = pos;
      if (PLAIN_STRING_RUN.test(source)) {
        value += source.slice(pos, PLAIN_STRING_RUN.lastIndex);
        pos = PLAIN_STRING_RUN.lastIndex;
        continue;
      }
      const char = source[pos] as string;
      if (char === "\n" && !triple) throw new NotALiteral("unterminated string literal");
      if (char !== "\\") {
        value += char;
        pos++;
        continue;
      }
      const next = source[pos + 1];
      if (next === undefined) throw new NotALiteral("unterminated string literal");
      if (raw) {
        // A raw string keeps the backslash, but it still stops the next char from ending the string.
        value += char + next;
        pos += 2;
        continue;
      }
      const [decoded, length] = this.decodeEscape(pos, bytes);
      value += decoded;
      pos += length;
    }
    // Python refuses a non-ASCII character anywhere in a bytes literal, escaped or not.
    if (bytes && NON_ASCII.test(source.slice(bodyStart, pos))) throw new NotALiteral("bytes can only contain ASCII literal characters");
    this.pos = pos + delimiter.length;
    if (formatted) {
      // Replacement fields are parsed by Python as expressions; only plain text is modelled.
      if (/[{}]/.test(value.replace(/\{\{|\}\}/g, ""))) throw new NotALiteral("f-string replacement field");
      return { kind: "string", value: { kind: "fstring" } };
    }
    return { kind: "string", value: bytes ? { kind: "bytes", text: value } : value };
  }

  /** The text of the escape at `backslash` and how many chars it spans. */
  private decodeEscape(backslash: number, bytes: boolean): [string, number] {
    const { source } = this;
    const next = source[backslash + 1] as string;
    if (next === "\n") return ["", 2];
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) return [simple, 2];
    if (next >= "0" && next <= "7") {
      const octal = /^[0-7]{1,3}/.exec(source.slice(backslash + 1, backslash + 4))?.[0] ?? next;
      return [String.fromCharCode(parseInt(octal, 8)), 1 + octal.length];
    }
    const hexLength = next === "x" ? 2 : bytes ? 0 : next === "u" ? 4 : next === "U" ? 8 : 0;
    if (hexLength > 0) {
      const hex = source.slice(backslash + 2, backslash + 2 + hexLength);
      if (hex.length < hexLength || !HEX_DIGITS.test(hex)) throw new NotALiteral(`truncated \\${next} escape`);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw new NotALiteral("illegal Unicode character");
      // fromCodePoint of a surrogate value gives the lone surrogate, as Python's str holds it.
      return [String.fromCodePoint(cp), 2 + hexLength];
    }
    if (next === "N" && !bytes) {
      // Unicode names need the character database, which is not carried here: the string is
      // valid, but its text unknown (see {@link LiteralParser.hasUnknownText}).
      const name = /^\{[A-Za-z0-9 -]+\}/.exec(source.slice(backslash + 2, backslash + 100));
      if (!name) throw new NotALiteral("malformed \\N character escape");
      this.hasUnknownText = true;
      return ["\uFFFD", 2 + name[0].length];
    }
    // Unknown escapes keep their backslash (a DeprecationWarning in 3.11, not an error).
    return ["\\" + next, 2];
  }
}

/**
 * Parses `source` (already stripped of leading spaces/tabs) as a literal expression.
 * `hasUnknownText` tells that a `\N{name}` escape left a placeholder in some string.
 * @throws {NotALiteral} for syntax errors and non-literal expressions.
 * @throws {ParserExhausted} where CPython runs out of parser stack.
 * @example parseLiteral("{'a': (1, 2j)}") → dict node with a tuple value
 */
export function parseLiteral(source: string): { readonly node: LiteralNode; readonly hasUnknownText: boolean } {
  const parser = new LiteralParser(source.replace(/\r\n?/g, "\n"));
  const node = parser.parse();
  return { node, hasUnknownText: parser.hasUnknownText };
}
