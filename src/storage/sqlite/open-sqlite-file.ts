import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { NoSuchStorageError, StorageOpenError } from "../errors.js";

// Loaded on first open, not on import: the storage folder's index stays free of native modules.
const require = createRequire(import.meta.url);

export interface OpenSqliteFileOptions {
  /** Open read-only: the file must exist, and nothing is created or written. */
  readOnly?: boolean;
  /** How long to wait for another process's write lock, in ms. */
  timeoutMs: number;
}

/**
 * Opens a SQLite file with errors a user can act on, each naming `target` (e.g.
 * `storage "sqlite:/x/knobs.db"`): a missing folder, a folder given as the file, a missing
 * file when reading only. `setUp` runs the first statements (pragmas, migrations), where a
 * file that is not a database shows itself; its errors are worded the same way.
 */
export function openSqliteFile(path: string, target: string, options: OpenSqliteFileOptions, setUp: (db: Database.Database) => void = () => {}): Database.Database {
  if (path !== ":memory:") {
    const found = statSync(path, { throwIfNoEntry: false });
    if (found?.isDirectory()) throw new StorageOpenError(target, `${path} is a folder, not a SQLite file`);
    if (!found) {
      const folder = dirname(path);
      if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new StorageOpenError(target, `the folder ${folder} does not exist`);
      if (options.readOnly) throw new NoSuchStorageError(target, `${path} does not exist`);
    }
  }
  let db: Database.Database | undefined;
  try {
    const SqliteDatabase = require("better-sqlite3") as typeof Database;
    db = new SqliteDatabase(path, { fileMustExist: options.readOnly === true, timeout: options.timeoutMs });
    // Read-only by query_only rather than a read-only connection: SQLite refuses every write
    // the same way, and this connection can still remove the -wal/-shm files when it closes
    // last (a read-only one leaves them behind).
    if (options.readOnly) db.pragma("query_only = ON");
    setUp(db);
    return db;
  } catch (error) {
    db?.close();
    throw openError(error, path, target);
  }
}

/** SQLite's errors on opening, worded for the user; anything else (a bug) passes unchanged. */
function openError(error: unknown, path: string, target: string): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "SQLITE_NOTADB") return new StorageOpenError(target, `${path} is not a SQLite database`, { cause: error });
  if (code === "SQLITE_CORRUPT") return new StorageOpenError(target, `${path} is damaged (${message})`, { cause: error });
  if (code === "SQLITE_CANTOPEN" || code === "SQLITE_PERM" || code === "SQLITE_READONLY" || code === "SQLITE_AUTH") {
    return new StorageOpenError(target, `${path}: ${message} (check the file's and its folder's permissions)`, { cause: error });
  }
  return error;
}
