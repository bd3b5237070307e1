import { NoSuchStudyError } from "./errors.js";
import type { Storage, StudyRecord } from "./spec.js";

/** The study of that name, or a NoSuchStudyError listing the names there are. */
export async function requireStudy(storage: Storage, name: string): Promise<StudyRecord> {
  const study = await storage.getStudy(name);
  if (study) return study;
  const names = (await storage.listStudies()).map((s) => s.name);
  throw new NoSuchStudyError(name, names);
}
