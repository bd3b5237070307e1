export type {
  ClaimOptions,
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
export { addCost, sumCosts, tidyCost } from "./cost.js";
export { checkStudyInput, duplicateObjectiveIssues, studyNameIssues } from "./check-study-input.js";
export { openStorage, DEFAULT_STORAGE_URL, type OpenStorageOptions } from "./open-storage.js";
export { DuplicateStudyError, NoSuchStorageError, NoSuchStudyError, StorageOpenError, StorageUrlError, TrialLimitReachedError, TrialNotRunningError } from "./errors.js";
export { redact as redactStorageUrl } from "./postgres/postgres-url.js";
export { openSqliteFile, type OpenSqliteFileOptions } from "./sqlite/open-sqlite-file.js";
// The error class only: the PostgreSQL driver itself loads when a postgres:// URL is opened.
export { StorageUnavailableError } from "./postgres/storage-unavailable-error.js";
export { requireStudy } from "./require-study.js";
