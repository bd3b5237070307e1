export type {
  Cost,
  CreateStudyInput,
  CreateTrialInput,
  Direction,
  FinishTrialInput,
  Objective,
  StaleTrialOptions,
  Storage,
  StudyRecord,
  TrialPatch,
  TrialRecord,
  TrialState,
} from "./spec.js";
export { MemoryStorage } from "./memory.js";
export { openStorage, DEFAULT_STORAGE_URL } from "./open-storage.js";
export { DuplicateStudyError, NoSuchStudyError, StorageUrlError, TrialNotRunningError } from "./errors.js";
