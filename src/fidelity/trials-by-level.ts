import type { TrialRecord } from "../storage/spec.js";
import type { FidelityLevels } from "./levels.js";

/**
 * The study's trials grouped by fidelity level (index 0 lowest), in number order. Queued
 * trials are left out (nothing has been decided about them yet), and so are trials whose
 * fidelity is not one of the levels (e.g. enqueued by hand): schedulers ignore both.
 */
export function trialsByLevel(trials: readonly TrialRecord[], levels: FidelityLevels): TrialRecord[][] {
  const byLevel: TrialRecord[][] = levels.levels.map(() => []);
  for (const trial of trials) {
    // A study's trial cache may have holes for numbers not read yet.
    if (trial.state === "queued") continue;
    const level = levels.indexOf(trial.fidelity);
    if (level >= 0) byLevel[level].push(trial);
  }
  return byLevel;
}

/** True when the trial has finished (complete, failed or pruned). */
export function isFinished(trial: TrialRecord): boolean {
  return trial.state === "complete" || trial.state === "failed" || trial.state === "pruned";
}
