/**
 * The storage interface of the server. Routes, auth and the LLM parts code against these
 * repositories only, so another database can be added by implementing {@link Store}; the SQLite
 * implementation lives in `sqlite-store.ts`.
 *
 * Every method is asynchronous even though SQLite answers synchronously, because a networked
 * database would not. Operations that must be atomic (a new prompt version, a key made active on
 * insert, a delete that clears the active-key setting) are single methods, so every
 * implementation owns its transaction and a caller can never leave a half-written change behind.
 *
 * Timestamps are ISO 8601 strings produced by the caller from the injected clock: the store never
 * reads the time itself, so tests control it.
 */

import type { Provider } from "../deps.js";

/** The outcome of the last live validation of a provider key. */
export type ProviderKeyState = "unknown" | "ok" | "invalid" | "error";

/** One row of a paginated list: the requested slice and the total number of rows. */
export interface Page<T> {
  readonly count: number;
  readonly items: readonly T[];
}

/** Which slice of a list to read; `limit` is already capped by the caller. */
export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

/** A personal API key. Only the SHA-256 hash of the secret is stored. */
export interface ApiKeyRecord {
  /** A uuid; also identifies the key's owner in `created_by`. */
  readonly id: string;
  /** A human label shown as the creator of objects made with this key. */
  readonly label: string;
  /** Lower-case hex SHA-256 of the secret. */
  readonly tokenHash: string;
  /** The projects this key may reach; `["*"]` means every project. */
  readonly projectIds: readonly string[];
  /** The scopes granted, e.g. `llm_prompt:read`; `["*"]` means every scope. */
  readonly scopes: readonly string[];
  readonly createdAt: string;
}

/** Personal API keys (the `tracescribe-server create-api-key` command writes them). */
export interface ApiKeyRepository {
  insert(record: ApiKeyRecord): Promise<void>;
  /** The key whose secret hashes to `tokenHash`, or null. */
  findByHash(tokenHash: string): Promise<ApiKeyRecord | null>;
  /** The labels of the keys among `ids` that exist (for `created_by` in responses). */
  labels(ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** A provider (LLM vendor) API key of a project, encrypted at rest. */
export interface ProviderKeyRecord {
  /** A uuid. */
  readonly id: string;
  readonly projectId: string;
  readonly provider: Provider;
  readonly name: string;
  readonly state: ProviderKeyState;
  readonly errorMessage: string | null;
  /** The encrypted key envelope, as the `KeyCipher` produced it. Never the plaintext. */
  readonly ciphertext: string;
  /** First 4 + `...` + last 4 characters (or `****`), computed at write time. */
  readonly maskedKey: string;
  readonly createdAt: string;
  /** The id of the API key that created it, or null. */
  readonly createdBy: string | null;
  readonly lastUsedAt: string | null;
}

/** The columns of a provider key that may change after insert. */
export type ProviderKeyPatch = Partial<
  Pick<ProviderKeyRecord, "name" | "state" | "errorMessage" | "ciphertext" | "maskedKey" | "lastUsedAt">
>;

/** Provider keys; every method is scoped by project, so another project's key is never found. */
export interface ProviderKeyRepository {
  /** The project's keys, newest first. */
  list(projectId: string, page: PageRequest): Promise<Page<ProviderKeyRecord>>;
  get(projectId: string, id: string): Promise<ProviderKeyRecord | null>;
  /** Inserts the key and, when `setAsActive` is true, makes it the project's active key, atomically. */
  insert(record: ProviderKeyRecord, options?: { readonly setAsActive?: boolean }): Promise<ProviderKeyRecord>;
  /** Applies `patch`; null when the key does not exist in this project. */
  update(projectId: string, id: string, patch: ProviderKeyPatch): Promise<ProviderKeyRecord | null>;
  /** Deletes the key (and clears it as the active key); false when it did not exist. */
  delete(projectId: string, id: string): Promise<boolean>;
  /** Every key of every project, oldest first; for maintenance such as re-encryption after a master-key rotation. */
  all(): Promise<readonly ProviderKeyRecord[]>;
}

/** Per-project LLM settings. */
export interface ProjectSettings {
  readonly projectId: string;
  /** The provider key summaries and translations use, or null for the server-wide key. */
  readonly activeProviderKeyId: string | null;
}

/** Per-project settings; a project without a row reads as all defaults. */
export interface ProjectSettingsRepository {
  get(projectId: string): Promise<ProjectSettings>;
  /** Points the project at a key of its own (checked), or clears it with null; false if the key is not the project's. */
  setActiveProviderKey(projectId: string, keyId: string | null): Promise<boolean>;
}

/** A cache of summaries (whole response bodies as JSON text) with an expiry per entry. */
export interface SummaryCache {
  /** The live entry's JSON text, or null when missing or expired at `now` (epoch ms). */
  get(key: string, now: number): Promise<string | null>;
  /** The live entries among `keys`; missing and expired keys are absent from the map. */
  getMany(keys: readonly string[], now: number): Promise<ReadonlyMap<string, string>>;
  /** Stores (or replaces) an entry that expires at `expiresAt` (epoch ms). */
  set(key: string, valueJson: string, expiresAt: number): Promise<void>;
  /** Removes expired entries; returns how many. */
  purgeExpired(now: number): Promise<number>;
}

/** A prompt as read: its current (or a requested) version. */
export interface PromptRecord {
  /** A uuid; stays the same across versions. */
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  /** Any JSON value. */
  readonly prompt: unknown;
  /** 1 for the first version, +1 for every change of `prompt`. */
  readonly version: number;
  readonly deleted: boolean;
  /** The id of the API key that created the prompt, or null. */
  readonly createdBy: string | null;
  readonly createdAt: string;
  /** When the prompt (any field) last changed. */
  readonly updatedAt: string;
}

/** Why a prompt write was refused. */
export type PromptWriteResult =
  | { readonly ok: true; readonly prompt: PromptRecord }
  | { readonly ok: false; readonly reason: "name_taken" | "not_found" };

/** The fields a PATCH may change. */
export interface PromptPatch {
  readonly name?: string;
  readonly prompt?: unknown;
  readonly deleted?: boolean;
}

/** Prompts with immutable versions, scoped by project. Deleted prompts are never returned. */
export interface PromptRepository {
  /** Live prompts at their latest version, newest first. */
  list(projectId: string, page: PageRequest): Promise<Page<PromptRecord>>;
  /** The live prompt, at `version` when given (null if that version does not exist). */
  get(projectId: string, id: string, version?: number): Promise<PromptRecord | null>;
  getByName(projectId: string, name: string, version?: number): Promise<PromptRecord | null>;
  /** Creates version 1; refuses a name a live prompt of the project already has. */
  create(record: Omit<PromptRecord, "version" | "deleted" | "updatedAt">): Promise<PromptWriteResult>;
  /**
   * Applies `patch` atomically: a `prompt` that differs from the latest version's adds version
   * +1; `deleted: true` soft-deletes (freeing the name). `updatedAt` is `now`.
   */
  update(projectId: string, id: string, patch: PromptPatch, now: string, actorId: string | null): Promise<PromptWriteResult>;
}

/** Everything the server stores. */
export interface Store {
  readonly apiKeys: ApiKeyRepository;
  readonly providerKeys: ProviderKeyRepository;
  readonly projectSettings: ProjectSettingsRepository;
  readonly prompts: PromptRepository;
  readonly summaryCache: SummaryCache;
  /** Closes the underlying connection; further calls fail. */
  close(): void;
}
