import { z } from "zod";
import { integerOption, option, parseOptions } from "../../errors/index.js";
import type { Pruner } from "../../samplers/spec.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { lossSign, median, otherTrials, reportedSteps, sameFidelity } from "./intermediate.js";

export interface MedianPrunerOptions {
  /** Complete trials (at the same fidelity) needed before anything is pruned (default 5). */
  startupTrials?: number;
  /** Steps before which a trial is never pruned: it is checked once its latest step >= this (default 0). */
  warmupSteps?: number;
  /** Check only every this many steps after the warm-up (default 1). */
  intervalSteps?: number;
  /** Other trials that must have reported the step for a comparison (default 1). */
  minTrials?: number;
}

/** The options `medianPruner` takes. */
export const medianPrunerOptionsSchema = z.strictObject({
  startupTrials: integerOption(0, "an integer >= 0"),
  warmupSteps: option(z.number().min(0), "a number >= 0"),
  intervalSteps: integerOption(1, "an integer >= 1"),
  minTrials: integerOption(1, "an integer >= 1"),
});

/**
 * The median stopping rule (Golovin et al. 2017, Google Vizier; as Optuna's MedianPruner):
 * at the trial's latest step s, prune when its best intermediate value so far is worse than
 * the median of the values other complete trials reported at step s. Only trials at the
 * same fidelity are compared. A NaN best value is pruned.
 *
 * @example
 * const study = await createStudy({ name: "m", storage: "memory:", space, pruner: medianPruner({ warmupSteps: 5 }) });
 */
export function medianPruner(options: MedianPrunerOptions = {}): Pruner {
  parseOptions(medianPrunerOptionsSchema, options, "median pruner");
  const startupTrials = options.startupTrials ?? 5;
  const warmupSteps = options.warmupSteps ?? 0;
  const intervalSteps = options.intervalSteps ?? 1;
  const minTrials = options.minTrials ?? 1;
  return {
    name: "median",
    shouldPrune(trial: TrialRecord, trials: readonly TrialRecord[], objectives: readonly Objective[]): boolean {
      const steps = reportedSteps(trial);
      if (steps.length === 0) return false;
      const step = steps[steps.length - 1];
      if (step < warmupSteps || (step - warmupSteps) % intervalSteps !== 0) return false;
      const others = otherTrials(trial, trials).filter((other) => other.state === "complete" && sameFidelity(trial, other));
      if (others.length < startupTrials) return false;
      const sign = lossSign(objectives);
      const atStep = others.map((other) => other.intermediate[step]).filter((value) => value !== undefined && Number.isFinite(value));
      if (atStep.length < minTrials) return false;
      let best = Infinity;
      for (const s of steps) {
        const loss = sign * trial.intermediate[s];
        if (Number.isNaN(loss)) return true;
        best = Math.min(best, loss);
      }
      return best > median(atStep.map((value) => sign * value));
    },
  };
}
