/**
 * The in-process harness of the LLM routes: the core harness with the real parts this area owns,
 * i.e. a temporary SQLite file (so tests can grep its bytes), the real AES-256-GCM cipher and the
 * real LLM gateway pointed at the loopback fake provider.
 */

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServerConfig } from "../src/config.js";
import { createEnvelopeCipher, type RotatingKeyCipher } from "../src/crypto/index.js";
import { createLlmGateway } from "../src/llm/index.js";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { startFakeProvider, type FakeProvider } from "./fake-provider.js";
import { createHarness, type Harness } from "./helpers/harness.js";

/** A harness with the real cipher and gateway. */
export interface LlmHarness extends Harness {
  readonly cipher: RotatingKeyCipher;
  /** The SQLite file (its `-wal` sibling holds recent writes). */
  readonly databasePath: string;
  readonly directory: string;
  /** Closes the store and deletes the temporary directory. */
  dispose(): void;
}

/** Options of {@link createLlmHarness}. */
export interface LlmHarnessOptions {
  /** Master keys, newest first; default one random key. */
  readonly masterKeys?: readonly Buffer[];
  /** Reuse an existing database file (e.g. to reopen it with rotated master keys). */
  readonly databasePath?: string;
  readonly config?: Partial<ServerConfig>;
  /** Gateway timeout for every provider call; low so timeout tests are quick. Default 1000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Builds the app over a temporary SQLite file with the real cipher and a gateway aimed at `fake`.
 * @example const h = await createLlmHarness(fake); … h.dispose();
 */
export async function createLlmHarness(fake: FakeProvider, options: LlmHarnessOptions = {}): Promise<LlmHarness> {
  const directory = mkdtempSync(join(tmpdir(), "tracescribe-llm-"));
  const databasePath = options.databasePath ?? join(directory, "test.db");
  const cipher = createEnvelopeCipher(options.masterKeys ?? [randomBytes(32)]);
  const llm = createLlmGateway({
    openaiBaseUrl: fake.urls.openai,
    anthropicBaseUrl: fake.urls.anthropic,
    geminiBaseUrl: fake.urls.gemini,
    timeoutMs: options.timeoutMs ?? 1000,
  });
  const harness = await createHarness({ llm, cipher, databasePath, ...(options.config && { config: options.config }) });
  return {
    ...harness,
    cipher,
    databasePath,
    directory,
    dispose() {
      try {
        harness.close();
      } catch {
        // Already closed by the test (e.g. to read the file or reopen it with other master keys).
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Realistic keys per provider; each contains SECRET so tests can grep for leaks. */
export const TEST_KEYS = {
  openai: "sk-proj-SECRET-openai-0123456789abcdef",
  anthropic: "sk-ant-api03-SECRET-anthropic-0123456789",
  gemini: "AIzaSy-SECRET-gemini-0123456789abcdef",
} as const;

/** The fake provider and a fresh harness per test, as {@link useLlmTestEnv} keeps them. */
export interface LlmTestEnv {
  /** The loopback fake, shared by the file's tests and reset before each. */
  readonly fake: FakeProvider;
  /** This test's harness. */
  readonly h: LlmHarness;
  /**
   * Replaces this test's harness with a fresh one (a new temp database), built with the file's
   * options overridden by `overrides`; the replaced harness is kept until the test ends, then disposed.
   */
  replaceHarness(overrides?: LlmHarnessOptions): Promise<LlmHarness>;
}

/**
 * Registers the vitest hooks every LLM route test file needs: one fake provider per file, reset
 * before each test, and a fresh harness (temp database) per test, disposed after it.
 * @example const env = useLlmTestEnv({ config: { openaiApiKey: "sk-…" } }); … env.h.call(…)
 */
export function useLlmTestEnv(options: LlmHarnessOptions = {}): LlmTestEnv {
  let fake: FakeProvider | undefined;
  let harness: LlmHarness | undefined;
  /** Harnesses this test replaced; disposed after it. */
  const retired: LlmHarness[] = [];
  beforeAll(async () => {
    fake = await startFakeProvider();
  });
  afterAll(async () => fake?.close());
  beforeEach(async () => {
    fake!.reset();
    harness = await createLlmHarness(fake!, options);
  });
  afterEach(() => {
    for (const old of retired.splice(0)) old.dispose();
    harness?.dispose();
  });
  return {
    get fake() {
      return fake!;
    },
    get h() {
      return harness!;
    },
    async replaceHarness(overrides = {}) {
      if (harness) retired.push(harness);
      harness = await createLlmHarness(fake!, { ...options, ...overrides });
      return harness;
    },
  };
}
