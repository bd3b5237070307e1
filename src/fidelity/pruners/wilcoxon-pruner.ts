import { z } from "zod";
import { integerOption, probabilityOption, parseOptions } from "../../errors/index.js";
import { rankWithTies, wilcoxonSignedRank } from "../../math/index.js";
import type { Pruner } from "../../samplers/spec.js";
import { isFeasible } from "../../samplers/history.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { lossSign, otherTrials, reportedSteps, sameFidelity } from "./intermediate.js";

export interface WilcoxonPrunerOptions {
  /** Prune when the one-sided p-value that the trial is worse than the best is below this (default 0.1). */
  pThreshold?: number;
  /** Shared examples needed before a test is made (default 0: from the first). */
  startupSteps?: number;
}

/** The options `wilcoxonPruner` takes. */
export const wilcoxonPrunerOptionsSchema = z.strictObject({
  pThreshold: probabilityOption,
  startupSteps: integerOption(0, "an integer >= 0"),
});

/**
 * A paired Wilcoxon pruner for example-subset fidelities (as Optuna's WilcoxonPruner): the
 * trial reports one score per example as intermediate values keyed by example index; on the
 * examples it shares with the current best trial, a one-sided Wilcoxon signed-rank test asks
 * whether it is worse, and the trial is pruned when p < `pThreshold`. The best trial is the
 * best complete feasible trial with per-example scores at the same fidelity (any fidelity when
 * none is). For safety a trial whose mean score so far is at least as good as the best trial's
 * value is never pruned, and neither is one with a non-finite score. Repeated tests inflate
 * the false-pruning rate (about twice the nominal level, per Optuna's notes).
 *
 * @example
 * for (const i of exampleSubset(500, size, seed)) { await trial.report(score(i), i); if (trial.shouldPrune()) throw new TrialPrunedError(); }
 */
export function wilcoxonPruner(options: WilcoxonPrunerOptions = {}): Pruner {
  parseOptions(wilcoxonPrunerOptionsSchema, options, "wilcoxon pruner");
  const pThreshold = options.pThreshold ?? 0.1;
  const startupSteps = options.startupSteps ?? 0;
  return {
    name: "wilcoxon",
    shouldPrune(trial: TrialRecord, trials: readonly TrialRecord[], objectives: readonly Objective[]): boolean {
      const steps = reportedSteps(trial);
      if (steps.length === 0 || steps.some((s) => !Number.isFinite(trial.intermediate[s]))) return false;
      const sign = lossSign(objectives);
      const best = bestReference(trial, trials, sign);
      if (!best || best.values === null) return false;
      const shared = steps.filter((s) => best.intermediate[s] !== undefined && Number.isFinite(best.intermediate[s]));
      if (shared.length === 0 || shared.length < startupSteps) return false;
      const mine = shared.map((s) => sign * trial.intermediate[s]);
      const theirs = shared.map((s) => sign * best.intermediate[s]);
      const mean = steps.reduce((sum, s) => sum + sign * trial.intermediate[s], 0) / steps.length;
      if (mean <= sign * best.values[0]) return false;
      return worseOneSidedP(mine, theirs) < pThreshold;
    },
  };
}

/** The best complete feasible trial with per-example scores, preferring the trial's own fidelity. */
function bestReference(trial: TrialRecord, trials: readonly TrialRecord[], sign: 1 | -1): TrialRecord | null {
  const candidates = otherTrials(trial, trials).filter(
    (other) => other.state === "complete" && other.values !== null && Number.isFinite(other.values[0]) && isFeasible(other) && Object.keys(other.intermediate).length > 0,
  );
  const same = candidates.filter((other) => sameFidelity(trial, other));
  const pool = same.length > 0 ? same : candidates;
  let best: TrialRecord | null = null;
  for (const other of pool) if (!best || sign * other.values![0] < sign * best.values![0]) best = other;
  return best;
}

/**
 * One-sided p-value of "losses `a` are larger than paired losses `b`" from the two-sided
 * Wilcoxon signed-rank test: half the two-sided p when the signed ranks lean that way
 * (W+ > W-), else one minus that half.
 */
export function worseOneSidedP(a: readonly number[], b: readonly number[]): number {
  const twoSided = wilcoxonSignedRank(a, b).pValue;
  const differences = a.map((value, i) => value - b[i]).filter((d) => d !== 0);
  if (differences.length === 0) return 1;
  const ranks = rankWithTies(differences.map(Math.abs));
  let plus = 0;
  differences.forEach((d, i) => {
    if (d > 0) plus += ranks[i];
  });
  const total = (differences.length * (differences.length + 1)) / 2;
  return plus > total / 2 ? twoSided / 2 : 1 - twoSided / 2;
}
