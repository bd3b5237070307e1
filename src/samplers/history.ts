import type { Objective, TrialRecord } from "../storage/spec.js";

/**
 * Helpers shared by samplers to read a study's history.
 */

/** The trial's values as losses (every objective minimized), or null when not complete. */
export function lossesOf(trial: TrialRecord, objectives: readonly Objective[]): number[] | null {
  if (trial.state !== "complete" || !trial.values) return null;
  return trial.values.map((v, i) => (objectives[i].direction === "maximize" ? -v : v));
}

/** True when the trial satisfies every constraint (all values <= 0) or has none. */
export function isFeasible(trial: TrialRecord): boolean {
  return !trial.constraints || trial.constraints.every((c) => c <= 0);
}

/** Total constraint violation: sum of the positive constraint values. */
export function violation(trial: TrialRecord): number {
  if (!trial.constraints) return 0;
  let total = 0;
  for (const c of trial.constraints) if (c > 0) total += c;
  return total;
}

/** Complete trials with finite values. */
export function completedTrials(trials: readonly TrialRecord[]): TrialRecord[] {
  return trials.filter((t) => t.state === "complete" && t.values !== null && t.values.every(Number.isFinite));
}
