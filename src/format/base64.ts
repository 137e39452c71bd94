/**
 * UTF-8 base64 of marker payloads (spec §4.3). Python encodes `str` to UTF-8 strictly, so a lone
 * surrogate cannot be encoded: that is the reference's `400 Invalid data format`, reproduced here
 * by throwing {@link InvalidDataError}.
 */
import { InvalidDataError } from "../errors.js";

/** The bytes of a Node Buffer, as far as this module uses them. */
interface BufferBytes {
  write(text: string, offset: number, encoding: "utf8"): number;
  subarray(start: number, end: number): { indexOf(value: BufferBytes): number };
}

interface BufferLike {
  from(text: string, encoding: "utf8"): { toString(encoding: "base64"): string };
  from(bytes: readonly number[]): BufferBytes;
  allocUnsafe(size: number): BufferBytes;
  byteLength(text: string, encoding: "utf8"): number;
}

/** The web-standard globals the portable path uses (typed here: the engine compiles without DOM types). */
interface PortableGlobals {
  readonly Buffer?: BufferLike;
  readonly TextEncoder: new () => { encode(text: string): Uint8Array };
  readonly btoa: (binary: string) => string;
}

const runtime = globalThis as unknown as PortableGlobals;
// Node's Buffer encodes natively, where btoa needs a binary string built from the bytes; the
// engine takes it from the global scope when a runtime offers it, so it still imports no `node:*`.
const NodeBuffer = runtime.Buffer;
const CHUNK = 0x8000;

/** @throws {InvalidDataError} when `text` holds a lone surrogate, which UTF-8 cannot encode. */
export function assertEncodable(text: string): void {
  if (!text.isWellFormed()) {
    throw new InvalidDataError("a lone UTF-16 surrogate cannot be encoded as UTF-8");
  }
}

/** Bytes of the scratch {@link encodableUtf8Length} encodes into; longer texts take two scans. */
const SCRATCH_BYTES = 1 << 18;
let scratch: BufferBytes | undefined;
/** U+FFFD in UTF-8: what Buffer.write puts for a lone surrogate (EF only ever leads a character). */
const REPLACEMENT = NodeBuffer?.from([0xef, 0xbf, 0xbd]);

/**
 * The UTF-8 byte length of `text`, checked: `assertEncodable(text)` then `utf8Length(text)`, in
 * one pass where Node's Buffer is at hand. Buffer.write encodes a lone surrogate as U+FFFD, so
 * bytes without one prove the text well formed (`npm run bench:scans`: 0.72 against 1.26 ns a
 * character for the two scans); a text that holds a real U+FFFD is checked the slow way.
 * @throws {InvalidDataError} when `text` holds a lone surrogate.
 */
export function encodableUtf8Length(text: string): number {
  // three bytes a UTF-16 unit at the most (a pair is four for two), so the whole text fits
  if (NodeBuffer !== undefined && REPLACEMENT !== undefined && text.length * 3 <= SCRATCH_BYTES) {
    scratch ??= NodeBuffer.allocUnsafe(SCRATCH_BYTES);
    const written = scratch.write(text, 0, "utf8");
    if (scratch.subarray(0, written).indexOf(REPLACEMENT) < 0) return written;
  }
  assertEncodable(text);
  return utf8Length(text);
}

/**
 * Standard base64 (with `=` padding) of the UTF-8 bytes of `text`. A caller whose own scan found
 * no lone surrogate in `text` passes `wellFormed`, and the check is not made twice.
 * @throws {InvalidDataError}
 */
export function base64Utf8(text: string, wellFormed = false): string {
  if (!wellFormed) assertEncodable(text);
  if (NodeBuffer) return NodeBuffer.from(text, "utf8").toString("base64");
  const bytes = new runtime.TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return runtime.btoa(binary);
}

/** UTF-8 byte length of well-formed `text`. */
export function utf8Length(text: string): number {
  if (NodeBuffer) return NodeBuffer.byteLength(text, "utf8");
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // a pair (the text is well formed): four bytes for both units
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The length of `base64Utf8(text)` without encoding it: four characters per started group of
 * three bytes. @throws {InvalidDataError} exactly when {@link base64Utf8} would.
 * @example base64Utf8Length("é") // 4
 */
export function base64Utf8Length(text: string): number {
  return base64Length(encodableUtf8Length(text));
}

/** The length of the base64 of `bytes` bytes: four characters per started group of three. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

// One run of stand-in characters, sliced for every measurement that fits (a slice copies nothing).
const PAD = "A".repeat(1 << 16);

/**
 * An ASCII stand-in exactly as long as `base64Utf8(text)`: text that is only measured, never
 * shown, needs the payload's length and not its bytes. @throws {InvalidDataError} as {@link base64Utf8}.
 * @example base64Utf8StandIn("hi") // "AAAA"
 */
export function base64Utf8StandIn(text: string): string {
  return standIn(base64Utf8Length(text));
}

/** `length` stand-in characters (see {@link base64Utf8StandIn}). @example standIn(4) // "AAAA" */
export function standIn(length: number): string {
  // a longer one is made for this call only, so no module state outlives the largest payload
  return length <= PAD.length ? PAD.slice(0, length) : "A".repeat(length);
}
