// Encryption at rest: AES-256-GCM envelopes bound to their row, master keys from the environment or
// a 0600 key file, rotation (encrypt with the newest, decrypt with any), and masking.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  createEnvelopeCipher,
  createKeyCipherFromEnv,
  DecryptionError,
  generateMasterKey,
  maskApiKey,
  MasterKeyError,
  parseMasterKey,
  prependMasterKeyToFile,
  providerKeyAad,
  reencryptProviderKeys,
} from "../src/crypto/index.js";
import type { ProviderKeyRecord } from "../src/store/store.js";

const SEED = 20_260_127;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "tracescribe-crypto-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("envelope cipher", () => {
  const cipher = createEnvelopeCipher([randomBytes(32)]);
  const aad = providerKeyAad("p1", "k1", "openai");

  it("round-trips any text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string(), (plaintext, anyAad) => {
        expect(cipher.decrypt(cipher.encrypt(plaintext, anyAad), anyAad)).toBe(plaintext);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("writes a versioned envelope with a fresh 96-bit nonce each time and no plaintext", () => {
    const a = cipher.encrypt("sk-secret-value-123", aad);
    const b = cipher.encrypt("sk-secret-value-123", aad);
    expect(a).not.toBe(b);
    const parts = a.split(":");
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe("v1");
    expect(parts[1]).toBe(cipher.currentKeyId);
    expect(Buffer.from(parts[2] as string, "base64url")).toHaveLength(12);
    expect(a).not.toContain("secret");
  });

  it("refuses an envelope moved to another row (different associated data)", () => {
    const envelope = cipher.encrypt("sk-secret", aad);
    expect(() => cipher.decrypt(envelope, providerKeyAad("p2", "k1", "openai"))).toThrow(DecryptionError);
    expect(() => cipher.decrypt(envelope, providerKeyAad("p1", "k1", "anthropic"))).toThrow(DecryptionError);
  });

  it("refuses a tampered envelope and foreign formats", () => {
    const envelope = cipher.encrypt("sk-secret", aad);
    const parts = envelope.split(":");
    const ct = Buffer.from(parts[3] as string, "base64url");
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[3] = ct.toString("base64url");
    expect(() => cipher.decrypt(parts.join(":"), aad)).toThrow(/altered/);
    expect(() => cipher.decrypt("sk-plaintext-key", aad)).toThrow(/Not a v1 envelope/);
    expect(() => cipher.decrypt("v2:a:b:c:d", aad)).toThrow(DecryptionError);
  });

  it("rejects unusable master-key lists", () => {
    expect(() => createEnvelopeCipher([])).toThrow(/At least one/);
    expect(() => createEnvelopeCipher([randomBytes(16)])).toThrow(/32 bytes/);
    const key = randomBytes(32);
    expect(() => createEnvelopeCipher([key, key])).toThrow(/listed twice/);
  });
});

describe("rotation", () => {
  it("encrypts with the newest key and decrypts with any", () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createEnvelopeCipher([oldKey]);
    const after = createEnvelopeCipher([newKey, oldKey]);
    const envelope = before.encrypt("sk-rotate-me", "a");
    expect(after.decrypt(envelope, "a")).toBe("sk-rotate-me");
    expect(after.isCurrent(envelope)).toBe(false);
    const fresh = after.encrypt("sk-rotate-me", "a");
    expect(after.isCurrent(fresh)).toBe(true);
    expect(() => before.decrypt(fresh, "a")).toThrow(/not configured/);
  });

  it("re-encrypts every stored key with the newest key and reports undecryptable ones", async () => {
    const oldKey = randomBytes(32);
    const stranger = createEnvelopeCipher([randomBytes(32)]);
    const before = createEnvelopeCipher([oldKey]);
    const newKey = randomBytes(32);
    const after = createEnvelopeCipher([newKey, oldKey]);
    const record = (id: string, ciphertext: (aad: string) => string): ProviderKeyRecord => {
      const aad = providerKeyAad("p1", id, "openai");
      return {
        id,
        projectId: "p1",
        provider: "openai",
        name: id,
        state: "ok",
        errorMessage: null,
        ciphertext: ciphertext(aad),
        maskedKey: "****",
        createdAt: "2026-01-01T00:00:00.000Z",
        createdBy: null,
        lastUsedAt: null,
      };
    };
    const rows = new Map<string, ProviderKeyRecord>([
      ["a", record("a", (aad) => before.encrypt("sk-aaaa-1111", aad))],
      ["b", record("b", (aad) => after.encrypt("sk-bbbb-2222", aad))],
      ["c", record("c", (aad) => stranger.encrypt("sk-cccc-3333", aad))],
    ]);
    const report = await reencryptProviderKeys(
      {
        all: async () => [...rows.values()],
        update: async (_projectId, id, patch) => {
          const next = { ...(rows.get(id) as ProviderKeyRecord), ...patch };
          rows.set(id, next);
          return next;
        },
      },
      after,
    );
    expect(report).toEqual({ reencrypted: 1, alreadyCurrent: 1, failed: ["c"] });
    const a = rows.get("a") as ProviderKeyRecord;
    expect(after.isCurrent(a.ciphertext)).toBe(true);
    // With the old master key removed, the re-sealed key still opens.
    expect(createEnvelopeCipher([newKey]).decrypt(a.ciphertext, providerKeyAad("p1", "a", "openai"))).toBe("sk-aaaa-1111");
  });
});

describe("master keys from the environment", () => {
  it("uses TRACESCRIBE_SECRET_KEY (base64 or hex, newest first) and logs only key ids", () => {
    const newest = generateMasterKey();
    const older = randomBytes(32).toString("hex");
    const lines: string[] = [];
    const cipher = createKeyCipherFromEnv({ TRACESCRIBE_SECRET_KEY: `${newest}, ${older}` }, (line) => lines.push(line));
    expect(cipher.keyIds).toHaveLength(2);
    const olderOnly = createKeyCipherFromEnv({ TRACESCRIBE_SECRET_KEY: older });
    expect(cipher.decrypt(olderOnly.encrypt("x", "a"), "a")).toBe("x");
    expect(cipher.currentKeyId).not.toBe(olderOnly.currentKeyId);
    expect(lines.join("\n")).toContain(cipher.currentKeyId);
    expect(lines.join("\n")).not.toContain(newest);
    expect(lines.join("\n")).not.toContain(older);
  });

  it("explains how to make a key when one is malformed, without echoing it", () => {
    expect(() => createKeyCipherFromEnv({ TRACESCRIBE_SECRET_KEY: "hunter2" })).toThrow(MasterKeyError);
    expect(() => createKeyCipherFromEnv({ TRACESCRIBE_SECRET_KEY: "hunter2" })).toThrow(/openssl rand -base64 32/);
    // Matches a message that explains how to make a key and nowhere contains the rejected value.
    const explainsWithoutEcho = /^(?![\s\S]*hunter2)[\s\S]*openssl rand -base64 32/;
    expect(() => createKeyCipherFromEnv({ TRACESCRIBE_SECRET_KEY: "hunter2" })).toThrow(explainsWithoutEcho);
    expect(() => parseMasterKey("hunter2", "X")).toThrow(MasterKeyError);
    expect(() => parseMasterKey("hunter2", "X")).toThrow(explainsWithoutEcho);
  });

  it("creates a 0600 key file beside the database on first start, says so, and reuses it", () => {
    const dir = tempDir();
    const env = { TRACESCRIBE_DATABASE: join(dir, "data.db") };
    const lines: string[] = [];
    const first = createKeyCipherFromEnv(env, (line) => lines.push(line));
    const file = join(dir, "tracescribe.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.some((line) => line.includes("created a new master key file") && line.includes(file))).toBe(true);

    const again: string[] = [];
    const second = createKeyCipherFromEnv(env, (line) => again.push(line));
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(again.some((line) => line.includes("created"))).toBe(false);
    expect(second.decrypt(first.encrypt("sk-x", "a"), "a")).toBe("sk-x");
  });

  it("honours TRACESCRIBE_SECRET_KEY_FILE and warns about a file others can read", () => {
    const dir = tempDir();
    const file = join(dir, "custom.key");
    writeFileSync(file, `${generateMasterKey()}\n`, { mode: 0o644 });
    const lines: string[] = [];
    createKeyCipherFromEnv({ TRACESCRIBE_SECRET_KEY_FILE: file }, (line) => lines.push(line));
    expect(lines.some((line) => line.includes("readable by other users"))).toBe(true);
  });

  it("rotates a key file: the new key goes first, old envelopes still open", () => {
    const dir = tempDir();
    const env = { TRACESCRIBE_SECRET_KEY_FILE: join(dir, "k.key") };
    const before = createKeyCipherFromEnv(env);
    const envelope = before.encrypt("sk-old", "a");
    const newId = prependMasterKeyToFile(env.TRACESCRIBE_SECRET_KEY_FILE);
    const after = createKeyCipherFromEnv(env);
    expect(after.currentKeyId).toBe(newId);
    expect(after.keyIds).toEqual([newId, before.currentKeyId]);
    expect(after.decrypt(envelope, "a")).toBe("sk-old");
    expect(statSync(env.TRACESCRIBE_SECRET_KEY_FILE).mode & 0o777).toBe(0o600);
    expect(readFileSync(env.TRACESCRIBE_SECRET_KEY_FILE, "utf8")).toMatch(/^#/);
  });
});

describe("maskApiKey", () => {
  it("matches the reference's examples", () => {
    expect(maskApiKey("sk-test-key-12345")).toBe("sk-t...2345");
    expect(maskApiKey("12345678")).toBe("****");
    expect(maskApiKey("123456789")).toBe("1234...6789");
    expect(maskApiKey("")).toBe("****");
    expect(maskApiKey(null)).toBe("****");
  });

  it("never reveals more than 8 characters of the key (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (key) => {
        const masked = maskApiKey(key);
        const revealed = masked === "****" ? 0 : masked.length - 3;
        expect(revealed).toBeLessThanOrEqual(8);
        if (key.length <= 8) expect(masked).toBe("****");
        else expect(masked).toBe(`${key.slice(0, 4)}...${key.slice(-4)}`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
