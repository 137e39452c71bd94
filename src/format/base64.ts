/**
 * UTF-8 base64 of marker payloads (spec §4.3). Python encodes `str` to UTF-8 strictly, so a lone
 * surrogate cannot be encoded: that is the reference's `400 Invalid data format`, reproduced here
 * by throwing {@link InvalidDataError}.
 */
import { InvalidDataError } from "../errors.js";

interface BufferLike {
  from(text: string, encoding: "utf8"): { toString(encoding: "base64"): string };
}

/** The web-standard globals the portable path uses (typed here: the engine compiles without DOM types). */
interface PortableGlobals {
  readonly Buffer?: BufferLike;
  readonly TextEncoder: new () => { encode(text: string): Uint8Array };
  readonly btoa: (binary: string) => string;
}

const runtime = globalThis as unknown as PortableGlobals;
// Node's Buffer is several times faster than TextEncoder + btoa on multi-megabyte payloads; the
// engine takes it from the global scope when a runtime offers it, so it still imports no `node:*`.
const NodeBuffer = runtime.Buffer;
const CHUNK = 0x8000;

/** Standard base64 (with `=` padding) of the UTF-8 bytes of `text`. @throws {InvalidDataError} */
export function base64Utf8(text: string): string {
  if (!text.isWellFormed()) {
    throw new InvalidDataError("a lone UTF-16 surrogate cannot be encoded as UTF-8");
  }
  if (NodeBuffer) return NodeBuffer.from(text, "utf8").toString("base64");
  const bytes = new runtime.TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return runtime.btoa(binary);
}
