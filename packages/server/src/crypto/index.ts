/**
 * Encryption at rest of provider keys: the AES-256-GCM envelope cipher, where its master keys come
 * from, master-key rotation and the masked form shown in responses.
 */

import { createEnvelopeCipher, type RotatingKeyCipher } from "./envelope-cipher.js";
import { defaultKeyFilePath, loadOrCreateKeyFile, parseMasterKeyList } from "./master-keys.js";

export { createEnvelopeCipher, DecryptionError, masterKeyId, providerKeyAad, type RotatingKeyCipher } from "./envelope-cipher.js";
export { maskApiKey } from "./mask-api-key.js";
export {
  defaultKeyFilePath,
  generateMasterKey,
  loadOrCreateKeyFile,
  MasterKeyError,
  parseMasterKey,
  parseMasterKeyList,
  prependMasterKeyToFile,
} from "./master-keys.js";
export { reencryptProviderKeys, type ReencryptionReport } from "./reencrypt.js";

/**
 * The cipher the server uses, from the environment:
 * - `TRACESCRIBE_SECRET_KEY`: master keys (base64 or hex, 32 bytes each), comma-separated, newest
 *   first. The first encrypts; all decrypt, so a rotation lists the new key before the old one.
 * - otherwise the key file `TRACESCRIBE_SECRET_KEY_FILE` (default `tracescribe.key` beside
 *   `TRACESCRIBE_DATABASE`), created with one random key and mode 0600 on first start.
 * Logs where the keys came from (ids only, never key material).
 * @throws {MasterKeyError} when a configured key is malformed or the key file cannot be created
 * @example const cipher = createKeyCipherFromEnv(process.env, console.log);
 */
export function createKeyCipherFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  log?: (line: string) => void,
): RotatingKeyCipher {
  const fromEnv = env["TRACESCRIBE_SECRET_KEY"];
  let cipher: RotatingKeyCipher;
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    cipher = createEnvelopeCipher(parseMasterKeyList(fromEnv, "TRACESCRIBE_SECRET_KEY"));
    log?.(`Provider keys are encrypted with master key ${cipher.currentKeyId} from TRACESCRIBE_SECRET_KEY (${cipher.keyIds.length} key(s) can decrypt).`);
  } else {
    const path = defaultKeyFilePath(env);
    cipher = createEnvelopeCipher(loadOrCreateKeyFile(path, log));
    log?.(`Provider keys are encrypted with master key ${cipher.currentKeyId} from ${path} (${cipher.keyIds.length} key(s) can decrypt).`);
  }
  return cipher;
}
