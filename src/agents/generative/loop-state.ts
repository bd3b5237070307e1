import type { Objective, TrialRecord } from "../../storage/spec.js";

/** The user attribute under which the optimizer records each trial's place in the loop. */
export const GENERATIVE_ATTR = "generative";

export type Split = "train" | "validation";

/**
 * Stored in `userAttrs.generative` of every trial the optimizer proposes. `version` and
 * `split` are on each one; the fields of the update are on the first trial of the version
 * it made (and only there).
 */
export interface GenerativeRecord {
  /** Artifact version the trial ran: 0 is the starting artifact, each update adds one. */
  version: number;
  /** `validation` trials score the artifact on the validation set; their feedback never reaches the LLM. */
  split: Split;
  /** The version this one was made from. */
  parent?: number;
  /** Unified diff parent -> this version, one file per trainable parameter ("" when unchanged). */
  diff?: string;
  /** The LLM's reasoning for the change. */
  reasoning?: string;
  /** Id of the prompt template used, e.g. "generative/update.v1". */
  template?: string;
  /** Numbers of the training trials whose feedback the update read. */
  minibatch?: number[];
  /** The update failed (no usable reply): why. The artifact stayed the parent's. */
  failure?: string;
  /** Requests the update took (retries included). */
  attempts?: number;
}

/** One artifact version and the trials that ran it. */
export interface VersionState {
  version: number;
  /** Trainable parameter -> text. */
  artifact: Record<string, string>;
  /** The record of the update that made it; null for version 0. */
  update: GenerativeRecord | null;
  /** Number of the first trial that ran it, or null when none has yet. */
  firstTrial: number | null;
  train: TrialRecord[];
  validation: TrialRecord[];
}

/** The learning loop as the trials tell it: every version so far, the last one current. */
export interface LoopState {
  versions: VersionState[];
  current: VersionState;
}

/** The generative record of a trial, or null when the optimizer did not propose it. */
export function recordOf(trial: TrialRecord): GenerativeRecord | null {
  const record = trial.userAttrs?.[GENERATIVE_ATTR] as GenerativeRecord | undefined;
  if (!record || typeof record !== "object" || !Number.isInteger(record.version) || record.version < 0) return null;
  return record;
}

/**
 * Rebuilds the loop from the trials (the optimizer keeps no state of its own, so a resumed
 * study or another process reads the same loop). A version's artifact is the trainable
 * values of its lowest-numbered trial; trial `exclude` (the one being proposed again
 * after another process took its number) is left out.
 */
export function readLoop(trials: readonly TrialRecord[], trainable: readonly string[], starting: Record<string, string>, exclude?: number): LoopState {
  const byVersion = new Map<number, { record: GenerativeRecord; trial: TrialRecord }[]>();
  for (const trial of trials) {
    if (trial.number === exclude) continue;
    const record = recordOf(trial);
    if (!record) continue;
    const list = byVersion.get(record.version) ?? [];
    list.push({ record, trial });
    byVersion.set(record.version, list);
  }
  const last = Math.max(0, ...byVersion.keys());
  const versions: VersionState[] = [];
  for (let version = 0; version <= last; version++) {
    const entries = (byVersion.get(version) ?? []).sort((a, b) => a.trial.number - b.trial.number);
    const first = entries[0];
    const previous = versions[version - 1]?.artifact ?? starting;
    const artifact: Record<string, string> = {};
    for (const name of trainable) {
      const value = first?.trial.config[name];
      artifact[name] = version === 0 ? starting[name] : typeof value === "string" ? value : previous[name];
    }
    versions.push({
      version,
      artifact,
      update: version === 0 || !first ? null : first.record,
      firstTrial: first?.trial.number ?? null,
      train: entries.filter((entry) => entry.record.split !== "validation").map((entry) => entry.trial),
      validation: entries.filter((entry) => entry.record.split === "validation").map((entry) => entry.trial),
    });
  }
  return { versions, current: versions[versions.length - 1] };
}

/** A key equal for equal artifacts, to find a version whose text was seen before. */
export function artifactKey(artifact: Record<string, string>, trainable: readonly string[]): string {
  return JSON.stringify(trainable.map((name) => artifact[name]));
}

/** Finished trials (complete, failed or pruned): each has feedback for an update. */
export function isFinished(trial: TrialRecord): boolean {
  return trial.state === "complete" || trial.state === "failed" || trial.state === "pruned";
}

/** Mean of the first objective over the complete trials, or null when none completed. */
export function meanScore(trials: readonly TrialRecord[]): { mean: number; count: number } | null {
  const values = trials.filter((trial) => trial.state === "complete" && trial.values).map((trial) => (trial.values as number[])[0]);
  if (values.length === 0) return null;
  return { mean: values.reduce((sum, x) => sum + x, 0) / values.length, count: values.length };
}

/** True when `a` is a better score than `b` for the objective's direction. */
export function isBetter(a: number, b: number, objective: Objective): boolean {
  return objective.direction === "maximize" ? a > b : a < b;
}
