/**
 * AES-256-GCM envelope encryption of provider keys with a ring of master keys, so master keys can
 * be rotated: the newest key encrypts, every key in the ring decrypts.
 *
 * Envelope (version 1): `v1:<masterKeyId>:<nonce>:<ciphertext>:<tag>`, the last three base64url.
 * `masterKeyId` is derived from the key itself (a short SHA-256 fingerprint), so the ring needs no
 * names and an envelope says which key opens it without revealing anything about that key.
 */

import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { KeyCipher } from "../deps.js";

/** The only envelope version written today; readers reject unknown versions instead of guessing. */
const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
/** 96 bits: the nonce size GCM is specified for (other sizes go through an extra GHASH step). */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** AES-256 needs exactly 32 bytes of key. */
export const MASTER_KEY_BYTES = 32;

/** Raised when an envelope cannot be opened; the message never contains key material. */
export class DecryptionError extends Error {
  override name = "DecryptionError";
}

/** A {@link KeyCipher} that also knows which envelopes still use an older master key. */
export interface RotatingKeyCipher extends KeyCipher {
  /** The id of the master key new envelopes are sealed with. */
  readonly currentKeyId: string;
  /** The ids of every master key that can open envelopes, newest first. */
  readonly keyIds: readonly string[];
  /** True when `envelope` is sealed with the current master key (re-encryption can skip it). */
  isCurrent(envelope: string): boolean;
}

/**
 * The short, non-secret id of a master key: the first 8 hex digits of SHA-256 over a fixed label
 * and the key, so the id cannot be used to test guesses of the key against other systems.
 * @example masterKeyId(Buffer.alloc(32)) // "…8 hex digits…"
 */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256").update("tracescribe-master-key-id\0").update(key).digest("hex").slice(0, 8);
}

/**
 * Builds the cipher from master keys, newest first. The first key encrypts; all of them decrypt.
 * @throws {Error} when the list is empty, a key is not 32 bytes, or two keys are the same
 * @example const cipher = createEnvelopeCipher([randomBytes(32)]);
 *          cipher.decrypt(cipher.encrypt("sk-…", "p1|k1|openai"), "p1|k1|openai") // "sk-…"
 */
export function createEnvelopeCipher(masterKeys: readonly Buffer[]): RotatingKeyCipher {
  if (masterKeys.length === 0) throw new Error("At least one master key is needed to encrypt provider keys.");
  const ring = new Map<string, Buffer>();
  for (const key of masterKeys) {
    if (key.length !== MASTER_KEY_BYTES) {
      throw new Error(`A master key must be ${MASTER_KEY_BYTES} bytes, got ${key.length}.`);
    }
    const id = masterKeyId(key);
    if (ring.has(id)) throw new Error(`The master key ${id} is listed twice; list each key once, newest first.`);
    // Copy so a caller that zeroes or reuses its buffer cannot change the ring.
    ring.set(id, Buffer.from(key));
  }
  const keyIds = [...ring.keys()];
  const currentKeyId = keyIds[0] as string;
  const currentKey = ring.get(currentKeyId) as Buffer;

  return Object.freeze({
    currentKeyId,
    keyIds: Object.freeze(keyIds),
    encrypt(plaintext: string, aad: string): string {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv(ALGORITHM, currentKey, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(aad, "utf8"));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, currentKeyId, b64(nonce), b64(ciphertext), b64(tag)].join(":");
    },
    decrypt(envelope: string, aad: string): string {
      const parts = envelope.split(":");
      if (parts.length !== 5 || parts[0] !== VERSION) {
        throw new DecryptionError(`Not a ${VERSION} envelope: the stored value was not written by this server.`);
      }
      const [, keyId, nonceText, ciphertextText, tagText] = parts as [string, string, string, string, string];
      const key = ring.get(keyId);
      if (key === undefined) {
        throw new DecryptionError(
          `The envelope was sealed with master key ${keyId}, which is not configured; add it to TRACESCRIBE_SECRET_KEY (after the newest key).`,
        );
      }
      const nonce = unb64(nonceText);
      const tag = unb64(tagText);
      if (nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) {
        throw new DecryptionError("The envelope is damaged (wrong nonce or tag length).");
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(aad, "utf8"));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(unb64(ciphertextText)), decipher.final()]).toString("utf8");
      } catch {
        // GCM does not say whether the data, the tag or the associated data was wrong, by design.
        throw new DecryptionError("The envelope failed authentication: it was altered or belongs to another row.");
      }
    },
    isCurrent(envelope: string): boolean {
      return envelope.startsWith(`${VERSION}:${currentKeyId}:`);
    },
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString("base64url");
}

function unb64(text: string): Buffer {
  return Buffer.from(text, "base64url");
}

/**
 * The associated data that binds a provider key's envelope to its row, so an envelope copied into
 * another project's or another provider's row does not decrypt.
 * @example providerKeyAad("p1", "k1", "openai") // "p1|k1|openai"
 */
export function providerKeyAad(projectId: string, keyId: string, provider: string): string {
  return `${projectId}|${keyId}|${provider}`;
}
