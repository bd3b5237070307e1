import { resolve } from "node:path";
import { StorageUrlError } from "./errors.js";
import { MemoryStorage } from "./memory.js";
import type { Storage } from "./spec.js";

/** The storage used when none is named: a SQLite file in the working directory. */
export const DEFAULT_STORAGE_URL = "sqlite:knobs.db";

export interface OpenStorageOptions {
  /**
   * Only read (default false), for commands that write nothing: a SQLite file must exist
   * (else NoSuchStorageError) and is neither created nor migrated; PostgreSQL tables are not
   * created and the session is read-only.
   */
  readOnly?: boolean;
}

/**
 * Opens a storage from a URL: `memory:`, `sqlite:path/to/file.db` (or `sqlite::memory:`),
 * `postgres://...`. Heavy drivers are loaded only when their URL is used.
 */
export async function openStorage(url: string = DEFAULT_STORAGE_URL, options: OpenStorageOptions = {}): Promise<Storage> {
  if (url === "memory:" || url === "memory") return new MemoryStorage();
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (path === "") throw new StorageUrlError(url, "expected sqlite:<file path>, e.g. sqlite:knobs.db");
    const { SqliteStorage } = await import("./sqlite/sqlite-storage.js");
    return new SqliteStorage(path === ":memory:" ? path : resolve(path), { readOnly: options.readOnly });
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const { PostgresStorage } = await import("./postgres/index.js");
    return PostgresStorage.open(url, { readOnly: options.readOnly });
  }
  throw new StorageUrlError(url, "expected memory:, sqlite:<file> or postgres://...");
}
