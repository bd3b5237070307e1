import { crowdingDistance } from "../math/index.js";
import { nondominatedSort } from "../math/index.js";
import { isFeasible, lossesOf, violation } from "../samplers/history.js";
import type { Objective, TrialRecord } from "../storage/spec.js";
import { configKey } from "./config-key.js";

/**
 * Orders complete trials best first, the order in which schedulers promote them. One
 * objective: by loss (maximized objectives negated). Several: by non-dominated front, then
 * by crowding distance within a front (NSGA-II order), so the configurations kept are those
 * that may be on the Pareto front, spread along it. Feasible trials come before infeasible
 * ones, which are ordered by total violation. Ties go to the lower trial number, so the
 * order is deterministic. Trials that are not complete with finite values are dropped.
 */
export function rankTrials(trials: readonly TrialRecord[], objectives: readonly Objective[]): TrialRecord[] {
  const scored: { trial: TrialRecord; loss: number[] }[] = [];
  for (const trial of trials) {
    const loss = lossesOf(trial, objectives);
    if (loss && loss.every(Number.isFinite)) scored.push({ trial, loss });
  }
  const feasible = scored.filter((s) => isFeasible(s.trial));
  const infeasible = scored
    .filter((s) => !isFeasible(s.trial))
    .sort((a, b) => violation(a.trial) - violation(b.trial) || a.trial.number - b.trial.number)
    .map((s) => s.trial);
  return [...rankFeasible(feasible), ...infeasible];
}

function rankFeasible(scored: { trial: TrialRecord; loss: number[] }[]): TrialRecord[] {
  if (scored.length === 0) return [];
  if (scored[0].loss.length === 1) {
    return scored.sort((a, b) => a.loss[0] - b.loss[0] || a.trial.number - b.trial.number).map((s) => s.trial);
  }
  const out: TrialRecord[] = [];
  for (const front of nondominatedSort(scored.map((s) => s.loss))) {
    const distance = crowdingDistance(front.map((i) => scored[i].loss));
    const order = front.map((index, k) => ({ index, distance: distance[k] }));
    order.sort((a, b) => compareDistance(b.distance, a.distance) || scored[a.index].trial.number - scored[b.index].trial.number);
    for (const { index } of order) out.push(scored[index].trial);
  }
  return out;
}

/** Compares crowding distances where Infinity equals Infinity (plain subtraction would give NaN). */
function compareDistance(a: number, b: number): number {
  return a === b ? 0 : a - b;
}

/**
 * `rankTrials`, keeping only the best trial of each configuration: the candidates of a
 * rung, where the same configuration run twice (e.g. by a sampler over a small discrete
 * space) is one candidate.
 */
export function rankDistinct(trials: readonly TrialRecord[], objectives: readonly Objective[]): TrialRecord[] {
  const seen = new Set<string>();
  return rankTrials(trials, objectives).filter((trial) => {
    const key = configKey(trial.config);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
