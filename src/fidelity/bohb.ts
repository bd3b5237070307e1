import { probabilityOption } from "../errors/index.js";
import { rngFor } from "../math/index.js";
import { tpeSampler } from "../samplers/index.js";
import type { Sampler } from "../samplers/spec.js";
import { hyperbandSequence } from "./bracket-plan.js";
import { fromInnerSampler } from "./new-configuration.js";
import { resolveSchedulerOptions, type SchedulerOptions } from "./scheduler-options.js";
import { synchronousScheduler } from "./synchronous-scheduler.js";

export interface BohbOptions extends SchedulerOptions {
  /** Share of new configurations drawn uniformly at random instead of from the model (default 1/3, as in BOHB). */
  randomFraction?: number;
}

/** The options only BOHB takes, beside the schedulers' common ones. */
export const bohbOwnOptions = { randomFraction: probabilityOption } satisfies Record<Exclude<keyof BohbOptions, keyof SchedulerOptions>, unknown>;

/**
 * BOHB (Falkner et al. 2018): Hyperband whose new configurations come from a model fitted
 * on the highest fidelity level that has enough complete trials (at least the space's
 * dimension + 2, or `minModelTrials`): the inner sampler sees only that level's trials.
 * The model is TPE unless the `sampler` option gives another. A share `randomFraction` of new
 * configurations is drawn uniformly, which keeps BOHB's convergence guarantee.
 *
 * @example
 * const sampler = bohbSampler({ fidelity: { examples: int(10, 810) }, seed: 0 });
 */
export function bohbSampler(options: BohbOptions): Sampler {
  const resolved = resolveSchedulerOptions("bohb", options, {
    own: bohbOwnOptions,
    defaultInner: (seed) => tpeSampler({ seed }),
  });
  const randomFraction = options.randomFraction ?? 1 / 3;
  const fromModel = fromInnerSampler(resolved.inner, resolved.minModelTrials);
  return synchronousScheduler("bohb", resolved, hyperbandSequence(resolved.eta), async (ctx, byLevel) => {
    const rng = rngFor(resolved.seed, "bohb-random", ctx.trialNumber);
    if (rng.random() < randomFraction) return ctx.space.sample(rng);
    return fromModel(ctx, byLevel);
  });
}
