/**
 * Starts the real `tracescribe-server` bin as a child process on a loopback port (PORT=0, the
 * bound port read from its log line) with a temporary database and master key, for end-to-end
 * tests. Nothing leaves the machine: the child gets a minimal environment, so provider keys or
 * base URLs of the developer's shell never reach it.
 */

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The bin under test. */
export const BIN = join(import.meta.dirname, "../../bin/tracescribe-server.js");

/** The environment every child starts from: enough to run node, nothing else of the parent's. */
function baseEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "SYSTEMROOT"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  // Run the TypeScript source even if someone left a dist/ build behind: test what is checked in.
  return { ...env, TRACESCRIBE_SERVER_FROM_SOURCE: "1", NO_COLOR: "1", ...extra };
}

/** The result of one CLI run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the bin with `args` to completion. */
export function runBin(args: readonly string[], env: Readonly<Record<string, string>>, cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running server process and its temporary directory. */
export interface ServerProcess {
  readonly url: string;
  readonly dir: string;
  readonly databasePath: string;
  /** The environment the server was started with (reuse it to restart on the same data). */
  readonly env: Readonly<Record<string, string>>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Creates a personal API key with the CLI against the same database; returns the secret. */
  createApiKey(projects: string, scopes: string): Promise<string>;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Options of {@link startServerProcess}. */
export interface StartOptions {
  /** Extra environment (e.g. provider base URLs); overrides the defaults below. */
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse a directory (and so a database) from an earlier process. */
  readonly dir?: string;
  readonly timeoutMs?: number;
}

/** Starts the server; resolves once it logs its address. */
export async function startServerProcess(options: StartOptions = {}): Promise<ServerProcess> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "tracescribe-e2e-"));
  const databasePath = join(dir, "tracescribe.db");
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    TRACESCRIBE_DATABASE: databasePath,
    TRACESCRIBE_SECRET_KEY: randomBytes(32).toString("base64"),
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, [BIN], { cwd: dir, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`tracescribe-server did not start within ${options.timeoutMs ?? 30_000} ms:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`tracescribe-server exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    url,
    dir,
    databasePath,
    env,
    output: () => output,
    async createApiKey(projects, scopes) {
      const run = await runBin(["create-api-key", "--project", projects, "--scopes", scopes], env, dir);
      if (run.code !== 0) throw new Error(`create-api-key failed (${run.code}): ${run.stderr}`);
      return run.stdout.trim();
    },
    async kill(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** Removes a temporary directory made by {@link startServerProcess}. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
