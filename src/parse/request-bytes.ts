/**
 * The text the endpoint's JSON parser reads from a request body's bytes.
 *
 * DRF decodes the body through a `codecs` UTF-8 stream reader. An invalid byte raises Python's
 * `UnicodeDecodeError`, a `ValueError`, so the answer is a `JSON parse error` naming the byte and
 * its position. An incomplete character at the very end is not an error there: the reader keeps it
 * for a next read that never comes, and the JSON parser never sees it. CPython counts as incomplete
 * also `ED` and one byte of `A0`–`BF` at the end, though no byte could complete them (they begin a
 * surrogate, which UTF-8 refuses), so that an error handler may still take them whole.
 */
import { JsonSyntaxError } from "../python/errors.js";

/** The web-standard decoder (typed here: the engine compiles without DOM types). */
interface Utf8Decoder {
  decode(bytes: Uint8Array, options: { readonly stream: boolean }): string;
}
const { TextDecoder } = globalThis as unknown as {
  readonly TextDecoder: new (label: "utf-8", options: { readonly fatal: boolean; readonly ignoreBOM: boolean }) => Utf8Decoder;
};

/** Where CPython's UTF-8 decoder stops, and why: the bytes `start..end-1` cannot be decoded. */
interface DecodeError {
  readonly start: number;
  readonly end: number;
  readonly reason: "invalid start byte" | "invalid continuation byte" | "unexpected end of data";
}

/**
 * The first error CPython's UTF-8 decoder reports in `bytes`: a byte that starts no character, or
 * a character broken off (the range then spans the lead byte and the continuation bytes that were
 * valid), or one cut short by the end of the data.
 */
function firstDecodeError(bytes: Uint8Array): DecodeError | undefined {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // continuation bytes needed, and the range the first of them must fall in: the narrower
    // ranges refuse overlong forms, surrogates and code points past U+10FFFF
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else {
      return { start: i, end: i + 1, reason: "invalid start byte" };
    }
    // the last two bytes begin a surrogate: incomplete for a streaming CPython decoder
    const second = bytes[i + 1] as number;
    if (lead === 0xed && i + 2 === bytes.length && second >= 0xa0 && second <= 0xbf) {
      return { start: i, end: bytes.length, reason: "unexpected end of data" };
    }
    for (let k = 1; k <= needed; k++) {
      if (i + k >= bytes.length) return { start: i, end: bytes.length, reason: "unexpected end of data" };
      const byte = bytes[i + k] as number;
      if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) {
        return { start: i, end: i + k, reason: "invalid continuation byte" };
      }
    }
    i += needed + 1;
  }
  return undefined;
}

/** Python's `str()` of the `UnicodeDecodeError` for `error` in `bytes`. */
function decodeErrorMessage(bytes: Uint8Array, error: DecodeError): string {
  const { start, end, reason } = error;
  const where =
    end - start === 1
      ? `byte 0x${(bytes[start] as number).toString(16).padStart(2, "0")} in position ${start}`
      : `bytes in position ${start}-${end - 1}`;
  return `'utf-8' codec can't decode ${where}: ${reason}`;
}

/**
 * Decodes a request body as the endpoint does: strict UTF-8, a byte-order mark kept (the JSON
 * parser refuses it), an incomplete character at the end dropped.
 * @throws {JsonSyntaxError} (as Python's `ValueError`) with the decoder's message for an invalid byte.
 * @example decodeRequestBytes(new Uint8Array([0x7b, 0x7d, 0xe2, 0x82])) // "{}"
 */
export function decodeRequestBytes(bytes: Uint8Array): string {
  try {
    // streaming: the decoder keeps an incomplete last character back instead of failing on it
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
  } catch {
    const error = firstDecodeError(bytes);
    // TextDecoder refuses a trailing surrogate start that CPython keeps back: drop it here
    if (error?.reason === "unexpected end of data") return decodeRequestBytes(bytes.subarray(0, error.start));
    if (error === undefined) throw new Error("TextDecoder refused bytes that CPython's decoder accepts");
    throw new JsonSyntaxError(decodeErrorMessage(bytes, error), error.start, "ValueError");
  }
}
