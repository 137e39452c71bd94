import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashApiKeySecret } from "../src/auth/tokens.js";
import { type CliHost, runCli } from "../src/cli.js";
import { createKeyCipherFromEnv, providerKeyAad } from "../src/crypto/index.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";

let dir: string;
let env: Record<string, string>;
let out: string[];
let err: string[];
let served: Array<Readonly<Record<string, string | undefined>>>;
const host: CliHost = {
  stdout: (line) => out.push(line),
  stderr: (line) => err.push(line),
  serve: async (e) => {
    served.push(e);
  },
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tracescribe-cli-"));
  env = { TRACESCRIBE_DATABASE: join(dir, "db.sqlite") };
  out = [];
  err = [];
  served = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("create-api-key", () => {
  it("prints the secret once on stdout and stores only its hash, with projects and scopes", async () => {
    const code = await runCli(
      ["create-api-key", "--project", "1,2", "--project", "3", "--scopes", "llm_prompt:read,llm_analytics:write", "--label", "ci"],
      env,
      host,
    );
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const secret = out[0] ?? "";
    expect(secret).toMatch(/^phx_/);
    expect(err.join("\n")).toContain("only its hash is stored");
    expect(err.join("\n")).not.toContain(secret);
    const store = openSqliteStore(env["TRACESCRIBE_DATABASE"] ?? "");
    const record = await store.apiKeys.findByHash(hashApiKeySecret(secret));
    store.close();
    expect(record).toMatchObject({ label: "ci", projectIds: ["1", "2", "3"], scopes: ["llm_prompt:read", "llm_analytics:write"] });
  });

  it.each([
    [["create-api-key", "--scopes", "*"], /needs --project/],
    [["create-api-key", "--project", "1"], /needs --scopes/],
    [["create-api-key", "--project", "a/b", "--scopes", "*"], /invalid project id "a\/b"/],
    [["create-api-key", "--project", "1", "--scopes", "root"], /Unknown scope root/],
    [["create-api-key", "--project", "1", "--scopes", "*", "--admin"], /Unknown option '--admin'/],
  ])("refuses %j with a usage error", async (argv, message) => {
    expect(await runCli(argv, env, host)).toBe(2);
    expect(err.join("\n")).toMatch(message);
    expect(out).toEqual([]);
  });

  it("reports an unusable environment", async () => {
    expect(await runCli(["create-api-key", "--project", "1", "--scopes", "*"], { PORT: "x" }, host)).toBe(2);
    expect(err.join("\n")).toContain('PORT="x"');
  });
});

describe("master-key rotation", () => {
  const seedProviderKey = async () => {
    const cipher = createKeyCipherFromEnv(env);
    const store = openSqliteStore(env["TRACESCRIBE_DATABASE"] ?? "");
    const id = crypto.randomUUID();
    await store.providerKeys.insert({
      id,
      projectId: "1",
      provider: "openai",
      name: "k",
      state: "ok",
      errorMessage: null,
      ciphertext: cipher.encrypt("sk-rotate-me-123456", providerKeyAad("1", id, "openai")),
      maskedKey: "sk-r...3456",
      createdAt: "2025-01-01T00:00:00.000Z",
      createdBy: null,
      lastUsedAt: null,
    });
    store.close();
    return { id, before: cipher.currentKeyId };
  };

  it("rotate-secret-key adds a master key and re-encrypts every provider key with it", async () => {
    const { id, before } = await seedProviderKey();
    expect(await runCli(["rotate-secret-key"], env, host)).toBe(0);
    expect(out.join("\n")).toContain("Re-encrypted 1 provider key(s)");
    const cipher = createKeyCipherFromEnv(env);
    expect(cipher.currentKeyId).not.toBe(before);
    expect(cipher.keyIds).toContain(before);
    const store = openSqliteStore(env["TRACESCRIBE_DATABASE"] ?? "");
    const record = await store.providerKeys.get("1", id);
    store.close();
    expect(cipher.isCurrent(record?.ciphertext ?? "")).toBe(true);
    expect(cipher.decrypt(record?.ciphertext ?? "", providerKeyAad("1", id, "openai"))).toBe("sk-rotate-me-123456");
  });

  it("reencrypt-provider-keys leaves keys alone that already use the first master key", async () => {
    await seedProviderKey();
    expect(await runCli(["reencrypt-provider-keys"], env, host)).toBe(0);
    expect(out.join("\n")).toContain("Re-encrypted 0 provider key(s)");
    expect(out.join("\n")).toContain("1 already used it");
  });

  it("rotate-secret-key refuses when the keys come from TRACESCRIBE_SECRET_KEY, saying what to do", async () => {
    const withEnvKey = { ...env, TRACESCRIBE_SECRET_KEY: Buffer.alloc(32, 7).toString("base64") };
    expect(await runCli(["rotate-secret-key"], withEnvKey, host)).toBe(2);
    expect(err.join("\n")).toContain("put a new 32-byte key");
  });
});

describe("commands", () => {
  it("serves by default and with `serve`, passing the environment on", async () => {
    expect(await runCli([], env, host)).toBe(0);
    expect(await runCli(["serve"], env, host)).toBe(0);
    expect(served).toEqual([env, env]);
  });

  it("prints help", async () => {
    expect(await runCli(["--help"], env, host)).toBe(0);
    expect(out.join("\n")).toContain("create-api-key --project");
  });

  it("refuses an unknown command", async () => {
    expect(await runCli(["start"], env, host)).toBe(2);
    expect(err.join("\n")).toContain('unknown command "start": expected serve, create-api-key');
  });

  it("turns a failing start into exit code 1 with the reason", async () => {
    const failing: CliHost = { ...host, serve: () => Promise.reject(new Error("EADDRINUSE: port 8010 is taken")) };
    expect(await runCli([], env, failing)).toBe(1);
    expect(err.join("\n")).toContain("EADDRINUSE");
  });
});
