import { integerOption } from "../errors/index.js";
import type { Sampler } from "../samplers/spec.js";
import { successiveHalvingPlan } from "./bracket-plan.js";
import { fromInnerSampler } from "./new-configuration.js";
import { resolveSchedulerOptions, type SchedulerOptions } from "./scheduler-options.js";
import { synchronousScheduler } from "./synchronous-scheduler.js";

export interface SuccessiveHalvingOptions extends SchedulerOptions {
  /** Configurations started at the lowest level per bracket (default eta^(levels - 1), rounded up). */
  n?: number;
}

/** The options only successive halving takes, beside the schedulers' common ones. */
export const successiveHalvingOwnOptions = { n: integerOption(1, "an integer >= 1") } satisfies Record<Exclude<keyof SuccessiveHalvingOptions, keyof SchedulerOptions>, unknown>;

/**
 * Successive halving (Jamieson & Talwalkar 2016; Karnin et al. 2013), synchronous: a
 * bracket starts `n` configurations from the inner sampler at the lowest fidelity level;
 * when every trial of a rung has finished, the top 1/eta (floor, at least one) are run
 * again at the next level (a promotion is a new trial with the same config), until the top
 * level. Then the next bracket starts. While a rung waits for its last results, the next
 * bracket starts, so parallel workers stay busy; the oldest bracket's promotions come first.
 * Running trials hold their place; failed or pruned trials are never promoted. With several
 * objectives, rungs are ranked by non-dominated sort and crowding distance.
 *
 * @example
 * const sampler = successiveHalvingSampler({ fidelity: { examples: int(10, 810) }, eta: 3, seed: 1 });
 * const study = await createStudy({ name: "sh", storage: "memory:", space, direction: "maximize", sampler });
 * await study.optimize((trial) => score(trial.config, trial.fidelity), { budget: { trials: 100 } });
 */
export function successiveHalvingSampler(options: SuccessiveHalvingOptions): Sampler {
  const resolved = resolveSchedulerOptions("sh", options, { own: successiveHalvingOwnOptions });
  return synchronousScheduler(
    "sh",
    resolved,
    (rungs) => {
      const plan = successiveHalvingPlan(rungs, resolved.eta, options.n);
      return () => plan;
    },
    fromInnerSampler(resolved.inner, resolved.minModelTrials),
  );
}
