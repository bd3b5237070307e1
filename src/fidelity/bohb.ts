import { ValidationError } from "../errors/index.js";
import { rngFor } from "../math/rng.js";
import { createSampler, randomSampler, samplerNames } from "../samplers/index.js";
import type { Sampler } from "../samplers/spec.js";
import { hyperbandSequence } from "./bracket-plan.js";
import { fromInnerSampler } from "./new-configuration.js";
import { resolveSchedulerOptions, type SchedulerOptions } from "./scheduler-options.js";
import { synchronousScheduler } from "./synchronous-scheduler.js";

export interface BohbOptions extends SchedulerOptions {
  /** Share of new configurations drawn uniformly at random instead of from the model (default 1/3, as in BOHB). */
  randomFraction?: number;
}

/**
 * BOHB (Falkner et al. 2018): Hyperband whose new configurations come from a model fitted
 * on the highest fidelity level that has enough complete trials (at least the space's
 * dimension + 2, or `minModelTrials`): the inner sampler sees only that level's trials.
 * The model is TPE when the sampler registry has it, else the `sampler` option (default
 * random); an explicit `sampler` always wins. A share `randomFraction` of new
 * configurations is drawn uniformly, which keeps BOHB's convergence guarantee.
 *
 * @example
 * const sampler = bohbSampler({ fidelity: { examples: int(10, 810) }, seed: 0 });
 */
export function bohbSampler(options: BohbOptions): Sampler {
  const resolved = resolveSchedulerOptions("bohb", options, {
    own: ["randomFraction"] satisfies (keyof BohbOptions)[],
    defaultInner: (seed) => (samplerNames().includes("tpe") ? createSampler("tpe", { seed }) : randomSampler({ seed })),
  });
  const randomFraction = options.randomFraction ?? 1 / 3;
  if (!(typeof randomFraction === "number" && randomFraction >= 0 && randomFraction <= 1)) {
    const received = JSON.stringify(options.randomFraction);
    throw new ValidationError(
      [{ code: "invalid_option", path: ["randomFraction"], message: `expected a number from 0 to 1, received ${received}`, expected: "a number from 0 to 1", received }],
      "bohb scheduler",
    );
  }
  const fromModel = fromInnerSampler(resolved.inner, resolved.minModelTrials);
  return synchronousScheduler("bohb", resolved, hyperbandSequence(resolved.eta), async (ctx, byLevel) => {
    const rng = rngFor(resolved.seed, "bohb-random", ctx.trialNumber);
    if (rng.random() < randomFraction) return ctx.space.sample(rng);
    return fromModel(ctx, byLevel);
  });
}
