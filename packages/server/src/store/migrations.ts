/**
 * The SQLite schema as an ordered list of migrations. `PRAGMA user_version` records how many have
 * run; at start the missing ones run, each in its own transaction, so a crash mid-migration leaves
 * the previous version intact. Append only: never edit a migration that has shipped.
 */

import type { Database } from "better-sqlite3";

/** Every migration, in order; index + 1 is the schema version it produces. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    project_ids TEXT NOT NULL, -- JSON array of project ids, or ["*"]
    scopes      TEXT NOT NULL, -- JSON array of scopes, or ["*"]
    created_at  TEXT NOT NULL
  );

  CREATE TABLE provider_keys (
    id            TEXT PRIMARY KEY,
    project_id    TEXT NOT NULL,
    provider      TEXT NOT NULL,
    name          TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'unknown' CHECK (state IN ('unknown', 'ok', 'invalid', 'error')),
    error_message TEXT,
    ciphertext    TEXT NOT NULL,
    masked_key    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT,
    last_used_at  TEXT
  );
  CREATE INDEX provider_keys_project_provider ON provider_keys (project_id, provider);

  CREATE TABLE project_settings (
    project_id             TEXT PRIMARY KEY,
    -- Deleting the active key clears the setting instead of leaving a dangling id.
    active_provider_key_id TEXT REFERENCES provider_keys (id) ON DELETE SET NULL
  );

  CREATE TABLE summary_cache (
    key        TEXT PRIMARY KEY,
    value_json TEXT NOT NULL,
    expires_at INTEGER NOT NULL -- epoch milliseconds
  );
  CREATE INDEX summary_cache_expires_at ON summary_cache (expires_at);

  CREATE TABLE prompts (
    id             TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL,
    name           TEXT NOT NULL,
    latest_version INTEGER NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_by     TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
  );
  -- Names are unique per project among live prompts only: deleting a prompt frees its name.
  CREATE UNIQUE INDEX prompts_live_name ON prompts (project_id, name) WHERE deleted = 0;

  CREATE TABLE prompt_versions (
    prompt_id   TEXT NOT NULL REFERENCES prompts (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    prompt_json TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    PRIMARY KEY (prompt_id, version)
  ) WITHOUT ROWID;
  -- A published version is immutable; the database refuses edits, not just the code.
  CREATE TRIGGER prompt_versions_immutable BEFORE UPDATE ON prompt_versions
  BEGIN
    SELECT RAISE(ABORT, 'prompt versions are immutable');
  END;
  `,
];

/**
 * Brings `db` to the latest schema version; returns the versions applied.
 * @throws {Error} when the database was written by a newer server (its version is above ours)
 */
export function migrate(db: Database): number[] {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this server knows (${MIGRATIONS.length}): upgrade @tracescribe/server.`,
    );
  }
  const applied: number[] = [];
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1] ?? "";
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    }).immediate();
    applied.push(version);
  }
  return applied;
}
