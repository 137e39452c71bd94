/**
 * Where the master keys come from: `TRACESCRIBE_SECRET_KEY` (a comma-separated list, newest
 * first), or else a key file that is created with mode 0600 on first start. Keeping the file the
 * default means a fresh install encrypts at rest without any setup, while production sets the
 * variable from a secret manager and keeps the key away from the database's disk.
 */

import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { MASTER_KEY_BYTES, masterKeyId } from "./envelope-cipher.js";

/** Raised when a configured master key cannot be used; says how to make a valid one. */
export class MasterKeyError extends Error {
  override name = "MasterKeyError";
}

const HOW_TO_MAKE_ONE = "make one with `openssl rand -base64 32`";

/**
 * Parses one master key written as base64/base64url (44 or 43 characters) or as 64 hex digits.
 * @throws {MasterKeyError} naming where the key came from and what was wrong (never the key itself)
 * @example parseMasterKey("q0…=", "TRACESCRIBE_SECRET_KEY") // a 32-byte Buffer
 */
export function parseMasterKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === MASTER_KEY_BYTES) return bytes;
  }
  throw new MasterKeyError(
    `A master key in ${source} is not ${MASTER_KEY_BYTES} bytes written as base64 or 64 hex digits; ${HOW_TO_MAKE_ONE}.`,
  );
}

/**
 * Parses a comma- or newline-separated list of master keys, newest first; blank entries and `#`
 * comment lines are skipped.
 * @throws {MasterKeyError} when an entry is malformed or the list is empty
 */
export function parseMasterKeyList(text: string, source: string): Buffer[] {
  const entries = text
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith("#"))
    .flatMap((line) => line.split(","))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) throw new MasterKeyError(`${source} holds no master key; ${HOW_TO_MAKE_ONE}.`);
  return entries.map((entry, index) => parseMasterKey(entry, `${source} (entry ${index + 1})`));
}

/**
 * A fresh random master key, base64-encoded (the form the variable and the key file take).
 * @example generateMasterKey() // "3q2+7w…=" (44 characters)
 */
export function generateMasterKey(): string {
  return randomBytes(MASTER_KEY_BYTES).toString("base64");
}

/**
 * The key file used when `TRACESCRIBE_SECRET_KEY` is unset: `TRACESCRIBE_SECRET_KEY_FILE`, else
 * `tracescribe.key` in the directory of `TRACESCRIBE_DATABASE` (default: the working directory).
 */
export function defaultKeyFilePath(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env["TRACESCRIBE_SECRET_KEY_FILE"]?.trim();
  if (explicit) return resolve(explicit);
  const database = env["TRACESCRIBE_DATABASE"]?.trim() || "./tracescribe.db";
  const directory = database === ":memory:" ? "." : dirname(database);
  return resolve(join(directory, "tracescribe.key"));
}

const KEY_FILE_HEADER = [
  "# tracescribe master keys (AES-256), base64, newest first. The first key encrypts; every key decrypts.",
  "# Keep a backup: without these keys the stored provider keys cannot be decrypted.",
];

/**
 * Reads the master keys from `path`, creating the file with one new key (mode 0600) when it does not
 * exist. Logs when it creates the file, and warns when an existing file is readable by others.
 * @throws {MasterKeyError} when the file exists but holds no usable key
 */
export function loadOrCreateKeyFile(path: string, log?: (line: string) => void): Buffer[] {
  try {
    // `wx` fails if the file exists, so two servers starting at once cannot overwrite each other's key.
    writeFileSync(path, [...KEY_FILE_HEADER, generateMasterKey(), ""].join("\n"), { mode: 0o600, flag: "wx" });
    log?.(
      `No TRACESCRIBE_SECRET_KEY set: created a new master key file at ${path} (mode 0600). ` +
        "Back it up, or set TRACESCRIBE_SECRET_KEY instead.",
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new MasterKeyError(
        `Could not create the master key file ${path} (${(error as NodeJS.ErrnoException).code ?? "unknown error"}); ` +
          "set TRACESCRIBE_SECRET_KEY, or TRACESCRIBE_SECRET_KEY_FILE to a writable path.",
      );
    }
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      log?.(`Warning: the master key file ${path} is readable by other users (mode ${mode.toString(8)}); run chmod 600 on it.`);
    }
  }
  return parseMasterKeyList(readFileSync(path, "utf8"), path);
}

/**
 * Rotates the master key of a key file: writes a new key in front of the existing ones, so new
 * envelopes use it while old ones still decrypt. Re-encrypt the stored keys afterwards
 * ({@link reencryptProviderKeys}), then older keys may be removed from the file.
 * @returns the id of the new master key
 */
export function prependMasterKeyToFile(path: string): string {
  const existing = loadOrCreateKeyFile(path);
  const fresh = generateMasterKey();
  const lines = [...KEY_FILE_HEADER, fresh, ...existing.map((key) => key.toString("base64")), ""];
  writeFileSync(path, lines.join("\n"), { mode: 0o600 });
  return masterKeyId(Buffer.from(fresh, "base64"));
}
