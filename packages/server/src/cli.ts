/**
 * The `tracescribe-server` command line. It receives the environment and its outputs as
 * arguments (main.ts passes the process's), so it reads nothing global and tests call it directly.
 *
 *   tracescribe-server [serve]
 *   tracescribe-server create-api-key --project ID[,ID…] --scopes SCOPE[,SCOPE…] [--label TEXT]
 *   tracescribe-server rotate-secret-key
 *   tracescribe-server reencrypt-provider-keys
 */

import { parseArgs } from "node:util";
import { parseScopes, SCOPES } from "./auth/scopes.js";
import { generateApiKeySecret, hashApiKeySecret } from "./auth/tokens.js";
import { ConfigError, loadConfig } from "./config.js";
import {
  createKeyCipherFromEnv,
  defaultKeyFilePath,
  prependMasterKeyToFile,
  reencryptProviderKeys,
} from "./crypto/index.js";
import { openSqliteStore } from "./store/sqlite-store.js";

/** What {@link runCli} needs from its host. */
export interface CliHost {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Starts the server; resolves once it listens (main.ts keeps the process alive). */
  readonly serve: (env: Readonly<Record<string, string | undefined>>) => Promise<void>;
}

/** The help text. */
export const USAGE = `usage:
  tracescribe-server [serve]
      serve the API on PORT (default 8010) with the database TRACESCRIBE_DATABASE
      (default ./tracescribe.db); see the README for every variable
  tracescribe-server create-api-key --project ID[,ID...] --scopes SCOPE[,SCOPE...] [--label TEXT]
      create a personal API key in TRACESCRIBE_DATABASE and print it once (only its hash is kept);
      --project * reaches every project, --scopes * grants every scope
      scopes: ${SCOPES.join(", ")}
  tracescribe-server rotate-secret-key
      add a new master key in front of the key file's, then re-encrypt every provider key with it
      (stop the server first; with TRACESCRIBE_SECRET_KEY set, edit that list instead)
  tracescribe-server reencrypt-provider-keys
      re-encrypt every provider key with the first master key (after changing TRACESCRIBE_SECRET_KEY)`;

const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Runs one command; resolves to the process exit code. Never throws for bad input. */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  host: CliHost,
): Promise<number> {
  const [command = "serve", ...rest] = argv;
  try {
    switch (command) {
      case "serve":
        if (rest.length > 0) return usageError(host, `serve takes no arguments, got ${rest.join(" ")}`);
        await host.serve(env);
        return 0;
      case "create-api-key":
        return await createApiKey(rest, env, host);
      case "rotate-secret-key":
      case "reencrypt-provider-keys":
        if (rest.length > 0) return usageError(host, `${command} takes no arguments, got ${rest.join(" ")}`);
        return await reencrypt(command === "rotate-secret-key", env, host);
      case "help":
      case "--help":
      case "-h":
        host.stdout(USAGE);
        return 0;
      default:
        return usageError(host, `unknown command ${JSON.stringify(command)}: expected serve, create-api-key, rotate-secret-key or reencrypt-provider-keys`);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      host.stderr(`tracescribe-server: ${error.message}`);
      return 2;
    }
    host.stderr(`tracescribe-server: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function usageError(host: CliHost, message: string): number {
  host.stderr(`tracescribe-server: ${message}\n${USAGE}`);
  return 2;
}

async function createApiKey(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  host: CliHost,
): Promise<number> {
  let values: { project?: string[]; scopes?: string; label?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        project: { type: "string", multiple: true },
        scopes: { type: "string" },
        label: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError(host, error instanceof Error ? error.message : String(error));
  }
  const projectIds = [...new Set((values.project ?? []).flatMap((p) => p.split(",")).map((p) => p.trim()).filter((p) => p !== ""))];
  if (projectIds.length === 0) return usageError(host, "create-api-key needs --project ID (or --project '*')");
  const badProject = projectIds.find((p) => p !== "*" && !PROJECT_ID.test(p));
  if (badProject !== undefined) {
    return usageError(host, `invalid project id ${JSON.stringify(badProject)}: expected letters, digits, - or _ (at most 64), or *`);
  }
  if (values.scopes === undefined) return usageError(host, "create-api-key needs --scopes (comma-separated)");
  let scopes: string[];
  try {
    scopes = parseScopes(values.scopes);
  } catch (error) {
    return usageError(host, error instanceof Error ? error.message : String(error));
  }

  const config = loadConfig(env);
  const store = openSqliteStore(config.databasePath);
  try {
    const secret = generateApiKeySecret();
    const id = crypto.randomUUID();
    const label = values.label ?? `api key ${id.slice(0, 8)}`;
    await store.apiKeys.insert({
      id,
      label,
      tokenHash: hashApiKeySecret(secret),
      projectIds,
      scopes,
      createdAt: new Date().toISOString(),
    });
    host.stderr(
      `Created personal API key ${id} (${label}) for project(s) ${projectIds.join(", ")} with scopes ${scopes.join(", ")} in ${config.databasePath}.\n` +
        "It is shown once, below; only its hash is stored.",
    );
    host.stdout(secret);
    return 0;
  } finally {
    store.close();
  }
}

/**
 * Master-key rotation. With a key file, `rotate` first writes a new key in front of the old ones;
 * then every provider key is re-sealed with the first key, after which older keys may be removed.
 * Keys that no configured master key decrypts are reported and left as they are.
 */
async function reencrypt(
  rotate: boolean,
  env: Readonly<Record<string, string | undefined>>,
  host: CliHost,
): Promise<number> {
  const config = loadConfig(env);
  if (rotate) {
    if ((env["TRACESCRIBE_SECRET_KEY"] ?? "").trim() !== "") {
      host.stderr(
        "tracescribe-server: TRACESCRIBE_SECRET_KEY is set, so there is no key file to rotate: put a new 32-byte key " +
          "(e.g. `openssl rand -base64 32`) first in its comma-separated list, then run reencrypt-provider-keys.",
      );
      return 2;
    }
    const path = defaultKeyFilePath(env);
    const id = prependMasterKeyToFile(path);
    host.stderr(`Added master key ${id} in front of ${path}.`);
  }
  const cipher = createKeyCipherFromEnv(env, host.stderr);
  const store = openSqliteStore(config.databasePath);
  try {
    const report = await reencryptProviderKeys(store.providerKeys, cipher);
    host.stdout(
      `Re-encrypted ${report.reencrypted} provider key(s) with master key ${cipher.currentKeyId}; ` +
        `${report.alreadyCurrent} already used it.`,
    );
    if (report.failed.length > 0) {
      host.stderr(
        `Could not decrypt ${report.failed.length} provider key(s) with any configured master key (left unchanged): ${report.failed.join(", ")}. ` +
          "Keep the master key they were encrypted with configured, or delete and re-create them.",
      );
      return 1;
    }
    return 0;
  } finally {
    store.close();
  }
}
