import { KnobsError } from "../errors/index.js";

/** No study has that name in the storage. */
export class NoSuchStudyError extends KnobsError {
  readonly study: string;
  constructor(study: string, known?: readonly string[]) {
    const hint = known === undefined ? "list them with `knobs studies`" : known.length ? `studies here: ${known.join(", ")}` : "this storage has no study";
    super("no_such_study", `no study named "${study}" in this storage (${hint})`);
    this.study = study;
  }
}

/** A study with that name exists already. */
export class DuplicateStudyError extends KnobsError {
  readonly study: string;
  constructor(study: string) {
    super("duplicate_study", `a study named "${study}" already exists (load it instead, or pick another name)`);
    this.study = study;
  }
}

/** A trial was changed or finished after it had finished (or before it started). */
export class TrialNotRunningError extends KnobsError {
  readonly trialNumber: number;
  readonly state: string;
  constructor(trialNumber: number, state: string) {
    super("trial_not_running", `trial ${trialNumber} is ${state}, not running: it cannot be changed or told again`);
    this.trialNumber = trialNumber;
    this.state = state;
  }
}

/** A storage URL that knobs cannot open. */
export class StorageUrlError extends KnobsError {
  readonly url: string;
  constructor(url: string, reason: string) {
    super("invalid_storage_url", `cannot open storage "${url}": ${reason}`);
    this.url = url;
  }
}

/**
 * A storage (or a results file) that cannot be opened: its folder is missing, it is a folder,
 * it is not a database, or the server refused the login. `target` names it, never a password.
 */
export class StorageOpenError extends KnobsError {
  readonly target: string;
  constructor(target: string, reason: string, options?: { cause?: unknown }) {
    super("cannot_open_storage", `cannot open ${target}: ${reason}`, options);
    this.target = target;
  }
}

/** A storage opened to read only (`knobs studies`, `best`, `report`, the dashboard) does not exist: nothing is created. */
export class NoSuchStorageError extends KnobsError {
  readonly target: string;
  constructor(target: string, reason: string) {
    super("no_such_storage", `cannot open ${target}: ${reason}`);
    this.target = target;
  }
}

/** A trial was to start while the study had already started its `trialLimit` trials (a shared trial budget is spent). */
export class TrialLimitReachedError extends KnobsError {
  readonly limit: number;
  constructor(limit: number) {
    super("trial_limit_reached", `the study has started ${limit} trials, its limit: no other trial may start`);
    this.limit = limit;
  }
}
