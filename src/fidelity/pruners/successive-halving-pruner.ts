import { z } from "zod";
import { integerOption, option, parseOptions } from "../../errors/index.js";
import type { Pruner } from "../../samplers/spec.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { lossSign, otherTrials, reportedSteps, sameFidelity } from "./intermediate.js";

export interface SuccessiveHalvingPrunerOptions {
  /** Step of the first rung (default 1). */
  minResource?: number;
  /** Rungs at minResource * eta^k; keep the top 1/eta at each (default 3). */
  eta?: number;
  /** Skip the first rungs: rung k sits at minResource * eta^(k + this) (default 0). */
  minEarlyStoppingRate?: number;
}

/** The options `successiveHalvingPruner` takes. */
export const successiveHalvingPrunerOptionsSchema = z.strictObject({
  minResource: option(z.number().positive(), "a finite number > 0"),
  eta: option(z.number().gt(1), "a finite number > 1"),
  minEarlyStoppingRate: integerOption(0, "an integer >= 0"),
});

/**
 * Asynchronous successive halving as a pruner (Li et al. 2020; as Optuna's
 * SuccessiveHalvingPruner). Rungs sit at steps minResource * eta^(k + minEarlyStoppingRate).
 * When a trial's latest report crosses a rung, its value there (at its first reported step
 * at or past the rung) is compared with the values of every trial at the same fidelity that
 * reached the rung, itself included: it goes on only if it is in the top floor(n / eta)
 * (the best one when fewer than eta have reached it). Between rungs it is never pruned.
 * Stateless: decisions are rebuilt from the intermediate values.
 *
 * @example
 * const pruner = successiveHalvingPruner({ minResource: 1, eta: 3 }); // rungs at steps 1, 3, 9, 27, ...
 */
export function successiveHalvingPruner(options: SuccessiveHalvingPrunerOptions = {}): Pruner {
  parseOptions(successiveHalvingPrunerOptionsSchema, options, "successive-halving pruner");
  const minResource = options.minResource ?? 1;
  const eta = options.eta ?? 3;
  const minEarlyStoppingRate = options.minEarlyStoppingRate ?? 0;
  const rungStep = (k: number) => minResource * eta ** (k + minEarlyStoppingRate);

  return {
    name: "successive-halving",
    shouldPrune(trial: TrialRecord, trials: readonly TrialRecord[], objectives: readonly Objective[]): boolean {
      const steps = reportedSteps(trial);
      if (steps.length === 0) return false;
      const latest = steps[steps.length - 1];
      const previous = steps.length > 1 ? steps[steps.length - 2] : -Infinity;
      // The highest rung the latest report crossed, if any.
      let rung = -1;
      for (let k = 0; rungStep(k) <= latest; k++) if (rungStep(k) > previous) rung = k;
      if (rung < 0) return false;
      const step = rungStep(rung);
      const sign = lossSign(objectives);
      const own = sign * trial.intermediate[latest];
      if (Number.isNaN(own)) return true;
      const competing = [own];
      for (const other of otherTrials(trial, trials)) {
        if (!sameFidelity(trial, other)) continue;
        const value = valueAtRung(other, step);
        if (value !== null && !Number.isNaN(value)) competing.push(sign * value);
      }
      competing.sort((a, b) => a - b);
      const index = Math.max(0, Math.floor(competing.length / eta + 1e-9) - 1);
      return own > competing[index];
    },
  };
}

/** The trial's value at its first reported step at or past `step`, or null when it never got there. */
function valueAtRung(trial: TrialRecord, step: number): number | null {
  let first = Infinity;
  for (const key of Object.keys(trial.intermediate)) {
    const s = Number(key);
    if (s >= step && s < first) first = s;
  }
  return first === Infinity ? null : trial.intermediate[first];
}
