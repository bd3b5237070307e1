import { DEFAULT_STORAGE_URL, openStorage, type Storage, type StudyRecord } from "../../storage/index.js";
import { NoSuchStudyError } from "../../storage/index.js";

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

/** The study of that name, or a NoSuchStudyError listing the names there are. */
export async function requireStudy(storage: Storage, name: string): Promise<StudyRecord> {
  const study = await storage.getStudy(name);
  if (study) return study;
  const names = (await storage.listStudies()).map((s) => s.name);
  throw new NoSuchStudyError(name, names);
}
