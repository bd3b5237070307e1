import type { Sampler } from "../samplers/spec.js";
import { hyperbandSequence } from "./bracket-plan.js";
import { fromInnerSampler } from "./new-configuration.js";
import { resolveSchedulerOptions, type SchedulerOptions } from "./scheduler-options.js";
import { synchronousScheduler } from "./synchronous-scheduler.js";

export type HyperbandOptions = SchedulerOptions;

/**
 * Hyperband (Li et al. 2018): cycles through brackets of successive halving that start at
 * different levels, from the most aggressive (many configurations at the lowest level) to
 * plain evaluation at the top level, hedging against a low fidelity that misleads. With
 * s_max = levels - 1, bracket s starts ceil((s_max + 1) eta^s / (s + 1)) configurations at
 * level s_max - s (see `hyperbandPlans`). Each bracket runs as in `successiveHalvingSampler`.
 *
 * @example
 * const sampler = hyperbandSampler({ fidelity: { epochs: int(1, 27) }, eta: 3, seed: 0 });
 */
export function hyperbandSampler(options: HyperbandOptions): Sampler {
  const resolved = resolveSchedulerOptions("hyperband", options);
  return synchronousScheduler("hyperband", resolved, hyperbandSequence(resolved.eta), fromInnerSampler(resolved.inner, resolved.minModelTrials));
}
