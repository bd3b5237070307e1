import { DEFAULT_STORAGE_URL, openStorage, type Storage } from "../../storage/index.js";

export { requireStudy } from "../../storage/index.js";

/**
 * Opens the storage of `--storage` (default sqlite:knobs.db) read-only, runs `body`, closes
 * it: the commands that call this only read, so a missing file is an error, not created.
 */
export async function withStorage<T>(url: string | undefined, body: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(url ?? DEFAULT_STORAGE_URL, { readOnly: true });
  try {
    return await body(storage);
  } finally {
    await storage.close();
  }
}
