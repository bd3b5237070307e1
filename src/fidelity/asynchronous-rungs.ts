import type { Objective, TrialRecord } from "../storage/spec.js";
import { configKey } from "./config-key.js";
import type { CostModel } from "./cost-model.js";
import { rankDistinct } from "./rank-trials.js";

/** A configuration to run again, one level up. */
export interface Promotion {
  trial: TrialRecord;
  level: number;
}

/**
 * The candidates of rung `level` for ASHA: the top floor(c / eta) distinct configurations
 * of its c complete ones (best first), minus those already started at a higher level (in
 * any state: a running trial holds its place, so parallel workers never promote a
 * configuration twice).
 */
export function rungCandidates(
  byLevel: readonly (readonly TrialRecord[])[],
  level: number,
  eta: number,
  objectives: readonly Objective[],
): TrialRecord[] {
  const ranked = rankDistinct(byLevel[level], objectives);
  const keep = Math.floor(ranked.length / eta + 1e-9);
  const started = new Set<string>();
  for (let above = level + 1; above < byLevel.length; above++) for (const trial of byLevel[above]) started.add(configKey(trial.config));
  return ranked.slice(0, keep).filter((trial) => !started.has(configKey(trial.config)));
}

/**
 * ASHA's promotion rule (Li et al. 2020, Algorithm 2): look from the highest rung below the
 * top down, and promote the best candidate of the first rung that has one. With a cost
 * model, a candidate over the cost cap of its next level is passed over (see `CostModel`).
 * Rungs in `skip` promote nothing. Null when no rung has a candidate: start a new configuration.
 */
export function nextAsynchronousPromotion(
  byLevel: readonly (readonly TrialRecord[])[],
  eta: number,
  objectives: readonly Objective[],
  cost: CostModel | null,
  skip: ReadonlySet<number> = new Set(),
): Promotion | null {
  for (let level = byLevel.length - 2; level >= 0; level--) {
    if (skip.has(level)) continue;
    for (const trial of rungCandidates(byLevel, level, eta, objectives)) {
      if (!cost || cost.allows(configKey(trial.config), level + 1, byLevel[level], byLevel[level + 1])) return { trial, level: level + 1 };
    }
  }
  return null;
}
