import type { Sampler } from "../samplers/spec.js";
import { nextAsynchronousPromotion } from "./asynchronous-rungs.js";
import { CostModel } from "./cost-model.js";
import { fromInnerSampler } from "./new-configuration.js";
import { guardedScheduler } from "./progress-guard.js";
import { proposalAt } from "./proposal-at.js";
import { resolveSchedulerOptions, type SchedulerOptions } from "./scheduler-options.js";
import { trialsByLevel } from "./trials-by-level.js";

export type AshaOptions = SchedulerOptions;

/**
 * Asynchronous successive halving, ASHA (Li et al. 2020): whenever asked, promote a
 * configuration from the highest rung that has a promotable candidate (in the top 1/eta of
 * that rung's complete trials and not yet started one rung up), else start a new
 * configuration from the inner sampler at the lowest rung. No rung ever waits for
 * stragglers, which suits many parallel workers. The state is rebuilt from the trials at
 * every ask: running trials hold their place, failed and pruned ones are never promoted.
 * The rungs are chosen by resource from the fidelity levels, and the run cannot stall (see
 * `rungLadder` and `guardedScheduler`).
 *
 * @example
 * const sampler = ashaSampler({ fidelity: { examples: int(10, 810) }, eta: 3, seed: 0 });
 * await study.optimize(objective, { concurrency: 8, budget: { usd: 20 } });
 */
export function ashaSampler(options: AshaOptions): Sampler {
  const resolved = resolveSchedulerOptions("asha", options);
  const { eta, costName } = resolved;
  const newConfiguration = fromInnerSampler(resolved.inner, resolved.minModelTrials);
  return guardedScheduler("asha", resolved, async (ctx, { ladder: levels }) => {
    const byLevel = trialsByLevel(ctx.trials, levels);
    const cost = costName ? new CostModel(byLevel, levels, costName) : null;
    const promotion = nextAsynchronousPromotion(byLevel, eta, ctx.objectives, cost);
    if (promotion) return proposalAt(levels, byLevel, promotion.trial.config, promotion.level);
    return { config: await newConfiguration(ctx, byLevel), fidelity: { ...levels.levels[0].fidelity } };
  });
}
