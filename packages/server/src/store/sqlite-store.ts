/**
 * The SQLite implementation of {@link Store} (better-sqlite3). One file, WAL journal, foreign keys
 * on, every multi-statement change in one transaction, and `synchronous = FULL` so a response is
 * only sent for changes that survive the process (or the machine) dying right after.
 */

import Database from "better-sqlite3";
import type { Provider } from "../deps.js";
import { migrate } from "./migrations.js";
import type {
  ApiKeyRecord,
  ApiKeyRepository,
  Page,
  PageRequest,
  ProjectSettingsRepository,
  PromptPatch,
  PromptRecord,
  PromptRepository,
  PromptWriteResult,
  ProviderKeyPatch,
  ProviderKeyRecord,
  ProviderKeyRepository,
  ProviderKeyState,
  Store,
  SummaryCache,
} from "./store.js";

interface ApiKeyRow {
  id: string;
  label: string;
  token_hash: string;
  project_ids: string;
  scopes: string;
  created_at: string;
}

interface ProviderKeyRow {
  id: string;
  project_id: string;
  provider: string;
  name: string;
  state: string;
  error_message: string | null;
  ciphertext: string;
  masked_key: string;
  created_at: string;
  created_by: string | null;
  last_used_at: string | null;
}

interface PromptRow {
  id: string;
  project_id: string;
  name: string;
  version: number;
  prompt_json: string;
  deleted: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const toProviderKey = (row: ProviderKeyRow): ProviderKeyRecord => ({
  id: row.id,
  projectId: row.project_id,
  provider: row.provider as Provider,
  name: row.name,
  state: row.state as ProviderKeyState,
  errorMessage: row.error_message,
  ciphertext: row.ciphertext,
  maskedKey: row.masked_key,
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastUsedAt: row.last_used_at,
});

const toPrompt = (row: PromptRow): PromptRecord => ({
  id: row.id,
  projectId: row.project_id,
  name: row.name,
  prompt: JSON.parse(row.prompt_json) as unknown,
  version: row.version,
  deleted: row.deleted === 1,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const PROVIDER_KEY_COLUMNS: Readonly<Record<keyof ProviderKeyPatch, string>> = {
  name: "name",
  state: "state",
  errorMessage: "error_message",
  ciphertext: "ciphertext",
  maskedKey: "masked_key",
  lastUsedAt: "last_used_at",
};

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE";

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Called once per migration applied at open, e.g. to log it. */
  readonly onMigrated?: (version: number) => void;
}

/**
 * Opens (creating if needed) the SQLite database at `path` and runs pending migrations.
 * `":memory:"` gives a private in-memory database (for tests).
 * @example const store = openSqliteStore("./tracescribe.db");
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  // The CLI may write API keys while the server runs; wait for the other writer instead of failing.
  db.pragma("busy_timeout = 5000");
  for (const version of migrate(db)) options.onMigrated?.(version);

  const apiKeys: ApiKeyRepository = (() => {
    const insert = db.prepare(
      "INSERT INTO api_keys (id, label, token_hash, project_ids, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    const byHash = db.prepare<[string], ApiKeyRow>("SELECT * FROM api_keys WHERE token_hash = ?");
    const labels = db.prepare<[string], { id: string; label: string }>(
      "SELECT id, label FROM api_keys WHERE id IN (SELECT value FROM json_each(?))",
    );
    return {
      async insert(r) {
        insert.run(r.id, r.label, r.tokenHash, JSON.stringify(r.projectIds), JSON.stringify(r.scopes), r.createdAt);
      },
      async findByHash(tokenHash) {
        const row = byHash.get(tokenHash);
        if (row === undefined) return null;
        const record: ApiKeyRecord = {
          id: row.id,
          label: row.label,
          tokenHash: row.token_hash,
          projectIds: JSON.parse(row.project_ids) as string[],
          scopes: JSON.parse(row.scopes) as string[],
          createdAt: row.created_at,
        };
        return record;
      },
      async labels(ids) {
        const found = new Map<string, string>();
        if (ids.length === 0) return found;
        for (const row of labels.all(JSON.stringify(ids))) found.set(row.id, row.label);
        return found;
      },
    };
  })();

  const providerKeys: ProviderKeyRepository = (() => {
    const count = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM provider_keys WHERE project_id = ?");
    const list = db.prepare<[string, number, number], ProviderKeyRow>(
      "SELECT * FROM provider_keys WHERE project_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?",
    );
    const get = db.prepare<[string, string], ProviderKeyRow>("SELECT * FROM provider_keys WHERE project_id = ? AND id = ?");
    const insert = db.prepare(
      `INSERT INTO provider_keys (id, project_id, provider, name, state, error_message, ciphertext, masked_key, created_at, created_by, last_used_at)
       VALUES (@id, @projectId, @provider, @name, @state, @errorMessage, @ciphertext, @maskedKey, @createdAt, @createdBy, @lastUsedAt)`,
    );
    const setActive = db.prepare(
      `INSERT INTO project_settings (project_id, active_provider_key_id) VALUES (?, ?)
       ON CONFLICT (project_id) DO UPDATE SET active_provider_key_id = excluded.active_provider_key_id`,
    );
    const remove = db.prepare("DELETE FROM provider_keys WHERE project_id = ? AND id = ?");
    const all = db.prepare<[], ProviderKeyRow>("SELECT * FROM provider_keys ORDER BY created_at, rowid");
    const insertTx = db.transaction((record: ProviderKeyRecord, setAsActive: boolean) => {
      insert.run(record);
      if (setAsActive) setActive.run(record.projectId, record.id);
    });
    const updateTx = db.transaction((projectId: string, id: string, patch: ProviderKeyPatch) => {
      const entries = (Object.keys(PROVIDER_KEY_COLUMNS) as (keyof ProviderKeyPatch)[])
        .filter((field) => patch[field] !== undefined)
        .map((field) => [PROVIDER_KEY_COLUMNS[field], patch[field]] as const);
      if (entries.length > 0) {
        const assignments = entries.map(([column]) => `${column} = ?`).join(", ");
        db.prepare(`UPDATE provider_keys SET ${assignments} WHERE project_id = ? AND id = ?`).run(
          ...entries.map(([, value]) => value),
          projectId,
          id,
        );
      }
      return get.get(projectId, id);
    });
    return {
      async list(projectId, page) {
        return {
          count: count.get(projectId)?.n ?? 0,
          items: list.all(projectId, page.limit, page.offset).map(toProviderKey),
        };
      },
      async get(projectId, id) {
        const row = get.get(projectId, id);
        return row === undefined ? null : toProviderKey(row);
      },
      async insert(record, options) {
        insertTx.immediate(record, options?.setAsActive === true);
        return record;
      },
      async update(projectId, id, patch) {
        const row = updateTx.immediate(projectId, id, patch);
        return row === undefined ? null : toProviderKey(row);
      },
      async delete(projectId, id) {
        return remove.run(projectId, id).changes > 0;
      },
      async all() {
        return all.all().map(toProviderKey);
      },
    };
  })();

  const projectSettings: ProjectSettingsRepository = (() => {
    const get = db.prepare<[string], { active_provider_key_id: string | null }>(
      "SELECT active_provider_key_id FROM project_settings WHERE project_id = ?",
    );
    const keyExists = db.prepare<[string, string], { id: string }>(
      "SELECT id FROM provider_keys WHERE project_id = ? AND id = ?",
    );
    const upsert = db.prepare(
      `INSERT INTO project_settings (project_id, active_provider_key_id) VALUES (?, ?)
       ON CONFLICT (project_id) DO UPDATE SET active_provider_key_id = excluded.active_provider_key_id`,
    );
    const setTx = db.transaction((projectId: string, keyId: string | null): boolean => {
      if (keyId !== null && keyExists.get(projectId, keyId) === undefined) return false;
      upsert.run(projectId, keyId);
      return true;
    });
    return {
      async get(projectId) {
        return { projectId, activeProviderKeyId: get.get(projectId)?.active_provider_key_id ?? null };
      },
      async setActiveProviderKey(projectId, keyId) {
        return setTx.immediate(projectId, keyId);
      },
    };
  })();

  const summaryCache: SummaryCache = (() => {
    const get = db.prepare<[string, number], { value_json: string }>(
      "SELECT value_json FROM summary_cache WHERE key = ? AND expires_at > ?",
    );
    // json_each turns one bound JSON array into rows, so any number of keys is one statement.
    const getMany = db.prepare<[string, number], { key: string; value_json: string }>(
      "SELECT key, value_json FROM summary_cache WHERE key IN (SELECT value FROM json_each(?)) AND expires_at > ?",
    );
    const set = db.prepare(
      `INSERT INTO summary_cache (key, value_json, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, expires_at = excluded.expires_at`,
    );
    const purge = db.prepare("DELETE FROM summary_cache WHERE expires_at <= ?");
    return {
      async get(key, now) {
        return get.get(key, now)?.value_json ?? null;
      },
      async getMany(keys, now) {
        const found = new Map<string, string>();
        if (keys.length === 0) return found;
        for (const row of getMany.all(JSON.stringify(keys), now)) found.set(row.key, row.value_json);
        return found;
      },
      async set(key, valueJson, expiresAt) {
        set.run(key, valueJson, expiresAt);
      },
      async purgeExpired(now) {
        return purge.run(now).changes;
      },
    };
  })();

  const prompts: PromptRepository = (() => {
    const select = `SELECT p.id, p.project_id, p.name, v.version, v.prompt_json, p.deleted, p.created_by, p.created_at, p.updated_at
      FROM prompts p JOIN prompt_versions v ON v.prompt_id = p.id`;
    const count = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM prompts WHERE project_id = ? AND deleted = 0");
    const list = db.prepare<[string, number, number], PromptRow>(
      `${select} AND v.version = p.latest_version WHERE p.project_id = ? AND p.deleted = 0
       ORDER BY p.created_at DESC, p.rowid DESC LIMIT ? OFFSET ?`,
    );
    const byId = db.prepare<[number | null, string, string], PromptRow>(
      `${select} AND v.version = coalesce(?, p.latest_version) WHERE p.project_id = ? AND p.id = ? AND p.deleted = 0`,
    );
    const byName = db.prepare<[number | null, string, string], PromptRow>(
      `${select} AND v.version = coalesce(?, p.latest_version) WHERE p.project_id = ? AND p.name = ? AND p.deleted = 0`,
    );
    const liveWithName = db.prepare<[string, string], { id: string }>(
      "SELECT id FROM prompts WHERE project_id = ? AND name = ? AND deleted = 0",
    );
    const insertPrompt = db.prepare(
      `INSERT INTO prompts (id, project_id, name, latest_version, deleted, created_by, created_at, updated_at)
       VALUES (?, ?, ?, 1, 0, ?, ?, ?)`,
    );
    const insertVersion = db.prepare(
      "INSERT INTO prompt_versions (prompt_id, version, prompt_json, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
    );
    const head = db.prepare<[string, string], { name: string; latest_version: number; prompt_json: string }>(
      `SELECT p.name, p.latest_version, v.prompt_json FROM prompts p
       JOIN prompt_versions v ON v.prompt_id = p.id AND v.version = p.latest_version
       WHERE p.project_id = ? AND p.id = ? AND p.deleted = 0`,
    );
    const updatePrompt = db.prepare(
      "UPDATE prompts SET name = ?, latest_version = ?, deleted = ?, updated_at = ? WHERE id = ?",
    );

    const createTx = db.transaction((r: Omit<PromptRecord, "version" | "deleted" | "updatedAt">): PromptWriteResult => {
      if (liveWithName.get(r.projectId, r.name) !== undefined) return { ok: false, reason: "name_taken" };
      insertPrompt.run(r.id, r.projectId, r.name, r.createdBy, r.createdAt, r.createdAt);
      insertVersion.run(r.id, 1, JSON.stringify(r.prompt), r.createdAt, r.createdBy);
      return { ok: true, prompt: { ...r, version: 1, deleted: false, updatedAt: r.createdAt } };
    });

    const updateTx = db.transaction(
      (projectId: string, id: string, patch: PromptPatch, now: string, actorId: string | null): PromptWriteResult => {
        const current = head.get(projectId, id);
        if (current === undefined) return { ok: false, reason: "not_found" };
        const name = patch.name ?? current.name;
        if (name !== current.name) {
          const holder = liveWithName.get(projectId, name);
          if (holder !== undefined && holder.id !== id) return { ok: false, reason: "name_taken" };
        }
        let version = current.latest_version;
        if (patch.prompt !== undefined) {
          const json = JSON.stringify(patch.prompt);
          if (json !== current.prompt_json) {
            version += 1;
            insertVersion.run(id, version, json, now, actorId);
          }
        }
        const deleted = patch.deleted === true;
        updatePrompt.run(name, version, deleted ? 1 : 0, now, id);
        const row = byId.get(version, projectId, id);
        if (row !== undefined) return { ok: true, prompt: toPrompt(row) };
        // Soft-deleted just now: answer the final state, which the live-only query no longer finds.
        const deletedRow = db
          .prepare<[number, string], PromptRow>(`${select} AND v.version = ? WHERE p.id = ?`)
          .get(version, id);
        if (deletedRow === undefined) return { ok: false, reason: "not_found" };
        return { ok: true, prompt: toPrompt(deletedRow) };
      },
    );

    return {
      async list(projectId, page: PageRequest): Promise<Page<PromptRecord>> {
        return {
          count: count.get(projectId)?.n ?? 0,
          items: list.all(projectId, page.limit, page.offset).map(toPrompt),
        };
      },
      async get(projectId, id, version) {
        const row = byId.get(version ?? null, projectId, id);
        return row === undefined ? null : toPrompt(row);
      },
      async getByName(projectId, name, version) {
        const row = byName.get(version ?? null, projectId, name);
        return row === undefined ? null : toPrompt(row);
      },
      async create(record) {
        try {
          return createTx.immediate(record);
        } catch (error) {
          // The partial unique index is the last word if two writers race past the check.
          if (isUniqueViolation(error)) return { ok: false, reason: "name_taken" };
          throw error;
        }
      },
      async update(projectId, id, patch, now, actorId) {
        try {
          return updateTx.immediate(projectId, id, patch, now, actorId);
        } catch (error) {
          if (isUniqueViolation(error)) return { ok: false, reason: "name_taken" };
          throw error;
        }
      },
    };
  })();

  return {
    apiKeys,
    providerKeys,
    projectSettings,
    prompts,
    summaryCache,
    close() {
      db.close();
    },
  };
}
