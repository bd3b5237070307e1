import type { StudyRecord, TrialRecord } from "../../storage/index.js";
import { perSnapshot } from "./per-snapshot.js";

/**
 * A study as read at one moment: its record, every trial in number order, and the storage's
 * change cursor at that moment (live updates continue from it). Every view renders from one.
 */
export interface StudySnapshot {
  study: StudyRecord;
  trials: readonly TrialRecord[];
  cursor: number;
}

/** Complete trials with values, in number order (shared: do not change the array). */
export const completeTrials = perSnapshot((snapshot: StudySnapshot): readonly TrialRecord[] => snapshot.trials.filter((t) => t.state === "complete" && t.values !== null));

/** True when every constraint is <= 0 (or there are none). */
export function isFeasible(trial: TrialRecord): boolean {
  return trial.constraints === null || trial.constraints.every((c) => c <= 0);
}

/** A value as a loss (lower is better) for the objective's direction. */
export function toLoss(value: number, direction: "minimize" | "maximize"): number {
  return direction === "maximize" ? -value : value;
}

/** Counts of trials by state. */
export function stateCounts(trials: readonly TrialRecord[]): Record<string, number> {
  const counts: Record<string, number> = { complete: 0, running: 0, queued: 0, pruned: 0, failed: 0 };
  for (const t of trials) counts[t.state] = (counts[t.state] ?? 0) + 1;
  return counts;
}
