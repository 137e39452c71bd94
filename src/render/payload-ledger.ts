/**
 * Measuring a marker payload without building it.
 *
 * A trace's expandable node carries its whole event text as base64, and that text carries the
 * base64 of every truncated middle in it. The budget needs the length of each node's line, but
 * keeps few of them (85 of 2,400 on the benchmark's trace), so rendering the node's text with
 * every middle's base64 in it, only to count its bytes, is wasted work.
 *
 * While a payload is measured, each marker payload inside it is replaced by a short token, and the
 * ledger notes the base64 length the token stands for. The payload's UTF-8 length is then the
 * length of the text with tokens, plus what the tokens stand for minus their own length. The
 * count is exact only if the handler put every token into its text once, unchanged: the ledger
 * checks that, and {@link PayloadLedger.settle} answers `undefined` when it does not hold (a
 * handler dropped a marker, used it twice, or changed it), so the caller measures again the slow
 * way. What it cannot see is a handler that cuts its own text by length after the markers are in
 * it; the built-in handlers never do, and a user's handlers are measured with same-length
 * stand-ins instead (see createState).
 */
import { base64Utf8Length, encodableUtf8Length } from "../format/base64.js";

/** The tokens made while one payload is measured, and the base64 length each stands for. */
export class PayloadLedger {
  /** The base64 length each token stands for, by token number. */
  private readonly lengths: number[] = [];
  /** Starts every token; holds a NUL and a random part no event text is expected to hold. */
  private readonly open: string;

  constructor(nonce: string) {
    this.open = `\u0000${nonce}:`;
  }

  /** Whether no token was made: the measured text is then the text itself. */
  get empty(): boolean {
    return this.lengths.length === 0;
  }

  /** A token standing for `base64Utf8(text)`. @throws {InvalidDataError} exactly when that would. */
  token(text: string): string {
    return this.tokenFor(base64Utf8Length(text));
  }

  /** A token standing for a payload of `length` base64 characters, which the caller checked. */
  tokenFor(length: number): string {
    this.lengths.push(length);
    return `${this.open}${this.lengths.length - 1};`;
  }

  /**
   * The UTF-8 length of `text` with every token replaced by the base64 it stands for, or
   * `undefined` when the tokens in `text` are not each of this ledger's tokens exactly once.
   * @throws {InvalidDataError} when `text` holds a lone surrogate, which the payload's base64
   * could not encode.
   */
  settle(text: string): number | undefined {
    const seen = new Uint8Array(this.lengths.length);
    let found = 0;
    let bytes = encodableUtf8Length(text);
    for (let at = text.indexOf(this.open); at >= 0; at = text.indexOf(this.open, at + 1)) {
      const end = text.indexOf(";", at + this.open.length);
      const digits = end < 0 ? "" : text.slice(at + this.open.length, end);
      const index = Number(digits);
      const standsFor = this.lengths[index];
      // only the spelling the ledger writes counts: "" or " 1" would read as a number too
      if (standsFor === undefined || String(index) !== digits || seen[index] === 1) return undefined;
      seen[index] = 1;
      found++;
      bytes += standsFor - (end + 1 - at);
    }
    return found === this.lengths.length ? bytes : undefined;
  }
}
