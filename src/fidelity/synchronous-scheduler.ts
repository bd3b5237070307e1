import type { Proposal, Sampler, SamplerContext } from "../samplers/spec.js";
import type { Config } from "../space/index.js";
import type { TrialRecord } from "../storage/spec.js";
import { capPlan, type BracketPlan } from "./bracket-plan.js";
import { CostModel } from "./cost-model.js";
import type { FidelityLevels } from "./levels.js";
import { guardedScheduler } from "./progress-guard.js";
import { proposalAt } from "./proposal-at.js";
import type { ResolvedSchedulerOptions } from "./scheduler-options.js";
import { nextSynchronousAction, rebuildBrackets } from "./synchronous-brackets.js";
import { trialsByLevel } from "./trials-by-level.js";

/** Proposes a new configuration; gets the trials grouped by level. */
export type NewConfiguration = (ctx: SamplerContext, byLevel: readonly (readonly TrialRecord[])[]) => Promise<Config>;

/** The bracket sequence on a ladder of `rungs` rungs: bracket b's plan. */
export type PlansOf = (rungs: number) => (bracket: number) => BracketPlan;

/**
 * A Sampler running synchronous successive halving over the bracket sequence `plansOf`
 * (shared by sh, hyperband and bohb) on the rungs chosen at each ask (see `rungLadder`); a
 * finite space of N configurations caps every rung at what exists (`capPlan`), so rungs fill
 * and promotions proceed. Stateless: every ask rebuilds the brackets from `ctx.trials`, so a
 * resumed study, another process, or a fresh scheduler given the same history proposes the
 * same trial.
 */
export function synchronousScheduler(name: string, options: ResolvedSchedulerOptions, plansOf: PlansOf, newConfiguration: NewConfiguration): Sampler {
  const { costName, eta } = options;
  return guardedScheduler(name, options, async (ctx, { ladder }): Promise<Proposal> => {
    const levels: FidelityLevels = ladder;
    const plans = plansOf(levels.count);
    const configurations = ctx.space.cardinality;
    const planOf = (bracket: number) => capPlan(plans(bracket), configurations, eta);
    const brackets = rebuildBrackets(ctx.trials, levels, planOf);
    const byLevel = trialsByLevel(ctx.trials, levels);
    const cost = costName ? new CostModel(byLevel, levels, costName) : null;
    const action = nextSynchronousAction(brackets, planOf, ctx.objectives, cost);
    if (action.kind === "promote") return proposalAt(levels, byLevel, action.trial.config, action.level);
    return { config: await newConfiguration(ctx, byLevel), fidelity: { ...levels.levels[action.level].fidelity } };
  });
}
