import type { Objective, TrialRecord } from "../../storage/spec.js";
import { configKey } from "../config-key.js";

/**
 * Helpers for pruners: a trial's intermediate values as (step, loss) pairs, where the loss
 * is the value for a minimized first objective and its negation for a maximized one.
 * Intermediate values are one number per step, so pruners read them against the first
 * objective's direction.
 */

/** +1 when the first objective is minimized, -1 when maximized. */
export function lossSign(objectives: readonly Objective[]): 1 | -1 {
  return objectives[0]?.direction === "maximize" ? -1 : 1;
}

/** The trial's reported steps, ascending. */
export function reportedSteps(trial: TrialRecord): number[] {
  return Object.keys(trial.intermediate)
    .map(Number)
    .filter((step) => Number.isFinite(step))
    .sort((a, b) => a - b);
}

/** True when `other` ran at the same fidelity as `trial` (both null counts as the same). */
export function sameFidelity(trial: TrialRecord, other: TrialRecord): boolean {
  return configKey(trial.fidelity) === configKey(other.fidelity);
}

/** The other trials: present, not `trial` itself (the study's cached copy of it is stale), not queued. */
export function otherTrials(trial: TrialRecord, trials: readonly TrialRecord[]): TrialRecord[] {
  return trials.filter((other) => other && other.number !== trial.number && other.state !== "queued");
}

/** The median of non-empty values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
