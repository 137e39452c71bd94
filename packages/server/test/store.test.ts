import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../src/store/migrations.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import type { ProviderKeyRecord, Store } from "../src/store/store.js";

let dir: string;
let path: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tracescribe-store-"));
  path = join(dir, "db.sqlite");
  store = openSqliteStore(path);
});
afterEach(() => {
  try {
    store.close();
  } catch {
    // Some tests close it themselves.
  }
  rmSync(dir, { recursive: true, force: true });
});

const T0 = "2025-01-01T00:00:00.000Z";
const providerKey = (over: Partial<ProviderKeyRecord> = {}): ProviderKeyRecord => ({
  id: crypto.randomUUID(),
  projectId: "1",
  provider: "openai",
  name: "main",
  state: "ok",
  errorMessage: null,
  ciphertext: "v1:envelope",
  maskedKey: "sk-t...2345",
  createdAt: T0,
  createdBy: null,
  lastUsedAt: null,
  ...over,
});

describe("opening", () => {
  it("runs the migrations once, records the version and uses WAL with foreign keys", () => {
    store.close();
    const migrated: number[] = [];
    store = openSqliteStore(path, { onMigrated: (v) => migrated.push(v) });
    expect(migrated).toEqual([]); // already at the latest version
    const db = new Database(path, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("reports each migration applied to a new database", () => {
    const migrated: number[] = [];
    const fresh = openSqliteStore(join(dir, "fresh.sqlite"), { onMigrated: (v) => migrated.push(v) });
    fresh.close();
    expect(migrated).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it("refuses a database written by a newer server", () => {
    store.close();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(path)).toThrow(/newer than this server knows/);
  });
});

describe("provider keys", () => {
  it("scopes every read and write by project", async () => {
    const key = await store.providerKeys.insert(providerKey());
    expect(await store.providerKeys.get("1", key.id)).toEqual(key);
    expect(await store.providerKeys.get("2", key.id)).toBeNull();
    expect(await store.providerKeys.update("2", key.id, { name: "stolen" })).toBeNull();
    expect(await store.providerKeys.delete("2", key.id)).toBe(false);
    expect((await store.providerKeys.list("2", { limit: 10, offset: 0 })).count).toBe(0);
    expect((await store.providerKeys.get("1", key.id))?.name).toBe("main");
  });

  it("lists newest first, with the total count", async () => {
    const a = await store.providerKeys.insert(providerKey({ name: "a", createdAt: "2025-01-01T00:00:00.000Z" }));
    const b = await store.providerKeys.insert(providerKey({ name: "b", createdAt: "2025-01-02T00:00:00.000Z" }));
    const c = await store.providerKeys.insert(providerKey({ name: "c", createdAt: "2025-01-02T00:00:00.000Z" }));
    const page = await store.providerKeys.list("1", { limit: 2, offset: 0 });
    expect(page.count).toBe(3);
    expect(page.items.map((k) => k.id)).toEqual([c.id, b.id]);
    expect((await store.providerKeys.list("1", { limit: 2, offset: 2 })).items.map((k) => k.id)).toEqual([a.id]);
  });

  it("updates only the given columns", async () => {
    const key = await store.providerKeys.insert(providerKey());
    const updated = await store.providerKeys.update("1", key.id, { state: "invalid", errorMessage: "Invalid API key" });
    expect(updated).toEqual({ ...key, state: "invalid", errorMessage: "Invalid API key" });
    expect(await store.providerKeys.update("1", key.id, {})).toEqual(updated);
  });

  it("makes a key active on insert, and clears the setting when the key is deleted", async () => {
    expect(await store.projectSettings.get("1")).toEqual({ projectId: "1", activeProviderKeyId: null });
    const key = await store.providerKeys.insert(providerKey(), { setAsActive: true });
    expect((await store.projectSettings.get("1")).activeProviderKeyId).toBe(key.id);
    expect(await store.providerKeys.delete("1", key.id)).toBe(true);
    expect((await store.projectSettings.get("1")).activeProviderKeyId).toBeNull();
  });

  it("only points a project at one of its own keys", async () => {
    const other = await store.providerKeys.insert(providerKey({ projectId: "2" }));
    expect(await store.projectSettings.setActiveProviderKey("1", other.id)).toBe(false);
    expect(await store.projectSettings.setActiveProviderKey("2", other.id)).toBe(true);
    expect(await store.projectSettings.setActiveProviderKey("2", null)).toBe(true);
    expect((await store.projectSettings.get("2")).activeProviderKeyId).toBeNull();
  });

  it("refuses an unknown state", async () => {
    await expect(store.providerKeys.insert(providerKey({ state: "weird" as "ok" }))).rejects.toThrow(/CHECK/);
  });
});

describe("summary cache", () => {
  it("answers live entries and hides expired ones", async () => {
    await store.summaryCache.set("k", '{"a":1}', 2000);
    expect(await store.summaryCache.get("k", 1999)).toBe('{"a":1}');
    expect(await store.summaryCache.get("k", 2000)).toBeNull();
    await store.summaryCache.set("k", '{"a":2}', 5000);
    expect(await store.summaryCache.get("k", 2000)).toBe('{"a":2}');
  });

  it("reads many keys at once: exactly the live subset", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 12 }), expiresAt: fc.integer({ min: 0, max: 100 }) }), {
          selector: (e) => e.key,
          maxLength: 20,
        }),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 100 }),
        async (entries, extraKeys, now) => {
          await store.summaryCache.purgeExpired(Number.MAX_SAFE_INTEGER);
          for (const e of entries) await store.summaryCache.set(e.key, JSON.stringify(e.key), e.expiresAt);
          const asked = [...entries.map((e) => e.key), ...extraKeys];
          const found = await store.summaryCache.getMany(asked, now);
          const live = new Set(entries.filter((e) => e.expiresAt > now).map((e) => e.key));
          expect(new Set(found.keys())).toEqual(live);
          for (const [key, value] of found) expect(value).toBe(JSON.stringify(key));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("purges expired entries", async () => {
    await store.summaryCache.set("old", "1", 10);
    await store.summaryCache.set("new", "2", 100);
    expect(await store.summaryCache.purgeExpired(50)).toBe(1);
    expect(await store.summaryCache.getMany(["old", "new"], 0)).toEqual(new Map([["new", "2"]]));
  });
});

describe("prompts", () => {
  const create = (name: string, prompt: unknown = "hello", projectId = "1") =>
    store.prompts.create({ id: crypto.randomUUID(), projectId, name, prompt, createdBy: null, createdAt: T0 });

  it("adds a version only when the prompt changes, and keeps old versions readable", async () => {
    const created = await create("p", { text: "v1" });
    if (!created.ok) throw new Error("create failed");
    const id = created.prompt.id;
    const same = await store.prompts.update("1", id, { prompt: { text: "v1" } }, "2025-01-02T00:00:00.000Z", null);
    expect(same.ok && same.prompt.version).toBe(1);
    const renamed = await store.prompts.update("1", id, { name: "q" }, "2025-01-03T00:00:00.000Z", null);
    expect(renamed.ok && renamed.prompt.version).toBe(1);
    const changed = await store.prompts.update("1", id, { prompt: { text: "v2" } }, "2025-01-04T00:00:00.000Z", null);
    expect(changed.ok && changed.prompt).toMatchObject({ version: 2, name: "q", prompt: { text: "v2" }, updatedAt: "2025-01-04T00:00:00.000Z" });
    expect((await store.prompts.get("1", id, 1))?.prompt).toEqual({ text: "v1" });
    expect((await store.prompts.getByName("1", "q", 2))?.prompt).toEqual({ text: "v2" });
    expect(await store.prompts.get("1", id, 3)).toBeNull();
  });

  it("keeps names unique per project among live prompts only", async () => {
    const first = await create("shared");
    expect((await create("shared")).ok).toBe(false);
    expect((await create("shared", "x", "2")).ok).toBe(true);
    if (!first.ok) throw new Error("create failed");
    const deleted = await store.prompts.update("1", first.prompt.id, { deleted: true }, T0, null);
    expect(deleted.ok && deleted.prompt.deleted).toBe(true);
    expect(await store.prompts.get("1", first.prompt.id)).toBeNull();
    expect((await create("shared")).ok).toBe(true);
  });

  it("refuses a rename onto a live name", async () => {
    await create("a");
    const b = await create("b");
    if (!b.ok) throw new Error("create failed");
    expect(await store.prompts.update("1", b.prompt.id, { name: "a" }, T0, null)).toEqual({ ok: false, reason: "name_taken" });
  });

  it("lets the database itself refuse edits of a published version", () => {
    store.close();
    const db = new Database(path);
    db.prepare("INSERT INTO prompts VALUES ('p1', '1', 'n', 1, 0, NULL, ?, ?)").run(T0, T0);
    db.prepare("INSERT INTO prompt_versions VALUES ('p1', 1, '\"x\"', ?, NULL)").run(T0);
    expect(() => db.prepare("UPDATE prompt_versions SET prompt_json = '\"y\"'").run()).toThrow(/immutable/);
    db.close();
  });

  it("rolls back a failed change whole: no version without its prompt row", async () => {
    const created = await create("p", "v1");
    if (!created.ok) throw new Error("create failed");
    await create("taken");
    // Both a new prompt text and a taken name: refused, and the new version must not remain.
    const refused = await store.prompts.update("1", created.prompt.id, { prompt: "v2", name: "taken" }, T0, null);
    expect(refused.ok).toBe(false);
    expect(await store.prompts.get("1", created.prompt.id, 2)).toBeNull();
    expect((await store.prompts.get("1", created.prompt.id))?.version).toBe(1);
  });
});
