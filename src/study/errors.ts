import { KnobsError } from "../errors/index.js";

/** An objective's result could not be read as values for the study's objectives. */
export class InvalidResultError extends KnobsError {
  constructor(message: string) {
    super("invalid_result", message);
  }
}

/** The objective did not finish within its time limit. */
export class TrialTimeoutError extends KnobsError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super("trial_timeout", `the objective did not finish within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** A study was loaded with objectives or a space that differ from the stored ones. */
export class StudyMismatchError extends KnobsError {
  constructor(study: string, what: string, stored: unknown, given: unknown) {
    super(
      "study_mismatch",
      `study "${study}" exists with ${what} ${JSON.stringify(stored)}, but ${JSON.stringify(given)} was given: use another study name, or delete the study`,
    );
  }
}

/** A trial asked for a parameter declared differently from the study's space or an earlier suggestion. */
export class ParamMismatchError extends KnobsError {
  constructor(name: string, declared: unknown, requested: unknown) {
    super("param_mismatch", `parameter "${name}" is declared as ${JSON.stringify(declared)} but was suggested as ${JSON.stringify(requested)}`);
  }
}

/** Thrown by an objective to stop its trial early (after `trial.shouldPrune()` said so): the trial is marked pruned. */
export class TrialPrunedError extends KnobsError {
  constructor(message = "pruned by the study's pruner") {
    super("trial_pruned", message);
  }
}
