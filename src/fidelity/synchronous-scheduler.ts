import type { Proposal, Sampler, SamplerContext } from "../samplers/spec.js";
import type { Config } from "../space/index.js";
import type { TrialRecord } from "../storage/spec.js";
import type { BracketPlan } from "./bracket-plan.js";
import { CostModel } from "./cost-model.js";
import { proposalAt } from "./proposal-at.js";
import type { ResolvedSchedulerOptions } from "./scheduler-options.js";
import { nextSynchronousAction, rebuildBrackets } from "./synchronous-brackets.js";
import { trialsByLevel } from "./trials-by-level.js";

/** Proposes a new configuration; gets the trials grouped by level. */
export type NewConfiguration = (ctx: SamplerContext, byLevel: readonly (readonly TrialRecord[])[]) => Promise<Config>;

/**
 * A Sampler running synchronous successive halving over the bracket sequence `planOf`
 * (shared by sh, hyperband and bohb). Stateless: every ask rebuilds the brackets from
 * `ctx.trials`, so a resumed study, another process, or a fresh scheduler given the same
 * history proposes the same trial.
 */
export function synchronousScheduler(
  name: string,
  options: ResolvedSchedulerOptions,
  planOf: (bracket: number) => BracketPlan,
  newConfiguration: NewConfiguration,
): Sampler {
  const { levels, costName } = options;
  return {
    name,
    seed: options.seed,
    async doAsk(ctx: SamplerContext): Promise<Proposal> {
      const brackets = rebuildBrackets(ctx.trials, levels, planOf);
      const byLevel = trialsByLevel(ctx.trials, levels);
      const cost = costName ? new CostModel(byLevel, levels, costName) : null;
      const action = nextSynchronousAction(brackets, planOf, ctx.objectives, cost);
      if (action.kind === "promote") return proposalAt(levels, byLevel, action.trial.config, action.level);
      return { config: await newConfiguration(ctx, byLevel), fidelity: { ...levels.levels[action.level].fidelity } };
    },
  };
}
