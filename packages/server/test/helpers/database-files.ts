/**
 * The raw bytes of a SQLite database as it sits on disk, for tests that scan it for secrets.
 * In WAL mode a freshly written row may live only in the `-wal` file until a checkpoint, so
 * reading the main file alone can miss it; this reads all three files.
 */

import { existsSync, readFileSync } from "node:fs";

/**
 * The contents of the main database file, its `-wal` and its `-shm`, concatenated; a missing
 * file counts as empty. Scan it with `Buffer#includes`, or `.toString("latin1")` for string checks.
 */
export function databaseBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`, `${path}-shm`].map((file) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0))));
}
