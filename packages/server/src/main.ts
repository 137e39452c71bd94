/**
 * The entry point: the only module that reads the process environment and opens a port.
 * `bin/tracescribe-server.js` calls {@link main}; tests call {@link startServer} with an env of
 * their own, or start the bin as a child process.
 */

import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { runCli } from "./cli.js";
import { loadConfig } from "./config.js";
import { createKeyCipherFromEnv } from "./crypto/index.js";
import { createLlmGateway } from "./llm/index.js";
import { openSqliteStore } from "./store/sqlite-store.js";

/** A server that is listening. */
export interface RunningServer {
  /** `http://host:port`, with the port actually bound (useful with `PORT=0`). */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, waits for open requests, then closes the database. */
  close(): Promise<void>;
}

/** How often expired summaries are removed from the cache. */
const CACHE_PURGE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Builds every part from `env` (see the README for the variables), runs pending migrations and
 * listens. Logs the address as `tracescribe-server listening on <url>`.
 * @throws {ConfigError} for unusable variables, before anything is opened
 */
export async function startServer(
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void,
): Promise<RunningServer> {
  const config = loadConfig(env);
  const store = openSqliteStore(config.databasePath, {
    onMigrated: (version) => log(`database ${config.databasePath}: applied migration ${version}`),
  });
  try {
    const cipher = createKeyCipherFromEnv(env, log);
    const llm = createLlmGateway({
      openaiBaseUrl: config.openaiBaseUrl,
      anthropicBaseUrl: config.anthropicBaseUrl,
      geminiBaseUrl: config.geminiBaseUrl,
    });
    const app = createApp({ store, cipher, llm, clock: Date.now, config, log });

    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
    const port = (server.address() as AddressInfo).port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}`;

    const purge = setInterval(() => {
      void store.summaryCache.purgeExpired(Date.now()).catch((error: unknown) => log(`cache purge failed: ${String(error)}`));
    }, CACHE_PURGE_INTERVAL_MS);
    purge.unref();

    log(`tracescribe-server listening on ${url} (database ${config.databasePath})`);
    return {
      url,
      port,
      close: () =>
        new Promise<void>((resolve) => {
          clearInterval(purge);
          server.close(() => {
            store.close();
            resolve();
          });
        }),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * Runs the `tracescribe-server` command with the process's arguments and environment, and stops
 * the server cleanly on SIGINT/SIGTERM.
 */
export async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const code = await runCli(process.argv.slice(2), process.env, {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: log,
    serve: async (env) => {
      const running = await startServer(env, log);
      const stop = (signal: string) => {
        log(`${signal}: shutting down`);
        void running.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    },
  });
  if (code !== 0) process.exitCode = code;
}
