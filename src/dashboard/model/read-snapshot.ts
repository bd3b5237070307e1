import type { Storage } from "../../storage/index.js";
import type { StudySnapshot } from "./study-snapshot.js";

/** Reads a study and all its trials from a storage; null when there is no study of that name. */
export async function readStudySnapshot(storage: Storage, name: string): Promise<StudySnapshot | null> {
  const study = await storage.getStudy(name);
  if (!study) return null;
  const { trials, cursor } = await storage.getTrialsChangedSince(study.id, 0);
  return { study, trials: [...trials].sort((a, b) => a.number - b.number), cursor };
}
