/**
 * Master-key rotation, step two: after the new master key is listed first (in
 * `TRACESCRIBE_SECRET_KEY` or the key file), re-seal every stored provider key with it, so the old
 * master key can be removed. Run it with the server stopped: a key PATCHed while it runs could be
 * overwritten with its previous value.
 */

import type { ProviderKeyRecord, ProviderKeyRepository } from "../store/store.js";
import { providerKeyAad, type RotatingKeyCipher } from "./envelope-cipher.js";

/** What {@link reencryptProviderKeys} did. */
export interface ReencryptionReport {
  /** Keys re-sealed with the current master key. */
  readonly reencrypted: number;
  /** Keys that already used the current master key. */
  readonly alreadyCurrent: number;
  /** Keys that could not be decrypted with any configured master key (left untouched), by id. */
  readonly failed: readonly string[];
}

/** The provider-key operations a re-encryption needs: every key of every project, and an update. */
export interface ReencryptableKeys {
  /** Every stored provider key, across projects. */
  all(): Promise<readonly ProviderKeyRecord[]>;
  update: ProviderKeyRepository["update"];
}

/**
 * Re-encrypts every stored provider key with the cipher's current master key. Keys that fail to
 * decrypt are reported, not changed, so nothing is lost when a master key is missing.
 * @example const report = await reencryptProviderKeys(store.providerKeys, cipher);
 */
export async function reencryptProviderKeys(keys: ReencryptableKeys, cipher: RotatingKeyCipher): Promise<ReencryptionReport> {
  let reencrypted = 0;
  let alreadyCurrent = 0;
  const failed: string[] = [];
  for (const record of await keys.all()) {
    if (cipher.isCurrent(record.ciphertext)) {
      alreadyCurrent += 1;
      continue;
    }
    const aad = providerKeyAad(record.projectId, record.id, record.provider);
    let plaintext: string;
    try {
      plaintext = cipher.decrypt(record.ciphertext, aad);
    } catch {
      failed.push(record.id);
      continue;
    }
    await keys.update(record.projectId, record.id, { ciphertext: cipher.encrypt(plaintext, aad) });
    reencrypted += 1;
  }
  return { reencrypted, alreadyCurrent, failed };
}
