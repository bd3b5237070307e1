import { z } from "zod";
import { integerOption, option } from "../errors/index.js";
import type { Proposal, Sampler, SamplerContext } from "../samplers/spec.js";
import type { Objective, TrialRecord } from "../storage/spec.js";
import { nextAsynchronousPromotion, rungCandidates, type Promotion } from "./asynchronous-rungs.js";
import { configKey } from "./config-key.js";
import { CostModel } from "./cost-model.js";
import { fidelityCorrelation, type LevelCorrelation } from "./cross-fidelity.js";
import { fromInnerSampler } from "./new-configuration.js";
import { proposalAt } from "./proposal-at.js";
import { resolveSchedulerOptions, type SchedulerOptions } from "./scheduler-options.js";
import { trialsByLevel } from "./trials-by-level.js";

export interface MfOptions extends SchedulerOptions {
  /** Spearman correlation with the top level from which a level's results are trusted (default 0.3). */
  minCorrelation?: number;
  /** Configurations seen at both a level and the top before it can be trusted (default 5). */
  minPairs?: number;
  /**
   * How many residual standard deviations of optimism a prediction gets when deciding
   * whether a candidate could still beat the best top-level result (default 1).
   */
  optimism?: number;
}

/** The options only mf takes, beside the schedulers' common ones. */
export const mfOwnOptions = {
  minCorrelation: option(z.number().min(-1).max(1), "a number from -1 to 1"),
  minPairs: integerOption(3, "an integer >= 3"),
  optimism: option(z.number().min(0), "a finite number >= 0"),
} satisfies Record<Exclude<keyof MfOptions, keyof SchedulerOptions>, unknown>;

/**
 * A cross-fidelity scheduler ("mf"): ASHA plus a model of how each level's results relate
 * to the top level's (rank transfer; see `fidelityCorrelation`), learnt across
 * configurations seen at both. A level is trusted when at least `minPairs` configurations
 * were seen at it and at the top and their Spearman correlation is >= `minCorrelation`
 * (0.3: below it low fidelity says too little, or misleads, and plain promotion is safer).
 *
 * From a trusted level, candidates (ASHA's top 1/eta, not yet started higher) are ranked by
 * their predicted top-level value (the level's linear map) and the best one jumps straight
 * to the top level, skipping the levels between; a candidate whose optimistic prediction
 * (`optimism` residual standard deviations better) cannot beat the best top-level result so
 * far is held back. Trusted promotions come first. Levels not trusted promote as in ASHA,
 * one level up. With several objectives the model is not used and mf is ASHA.
 *
 * @example
 * const sampler = mfSampler({ fidelity: { examples: int(10, 810) }, seed: 0 });
 */
export function mfSampler(options: MfOptions): Sampler {
  const resolved = resolveSchedulerOptions("mf", options, { own: mfOwnOptions });
  const minCorrelation = options.minCorrelation ?? 0.3;
  const minPairs = options.minPairs ?? 5;
  const optimism = options.optimism ?? 1;
  const { levels, eta, costName } = resolved;
  const newConfiguration = fromInnerSampler(resolved.inner, resolved.minModelTrials);
  const trusted = (c: LevelCorrelation) => c.pairs >= minPairs && c.spearman !== null && c.spearman >= minCorrelation && c.slope !== null;

  return {
    name: "mf",
    seed: resolved.seed,
    async doAsk(ctx: SamplerContext): Promise<Proposal> {
      const byLevel = trialsByLevel(ctx.trials, levels);
      const cost = costName ? new CostModel(byLevel, levels, costName) : null;
      const model = ctx.objectives.length === 1 ? fidelityCorrelation(ctx.trials, levels) : [];
      const trustedLevels = new Set(model.filter(trusted).map((c) => c.level));
      const promotion =
        predictedPromotion(byLevel, model.filter(trusted), ctx.objectives, eta, optimism, cost) ??
        nextAsynchronousPromotion(byLevel, eta, ctx.objectives, cost, trustedLevels);
      if (promotion) return proposalAt(levels, byLevel, promotion.trial.config, promotion.level);
      return { config: await newConfiguration(ctx, byLevel), fidelity: { ...levels.levels[0].fidelity } };
    },
  };
}

/** The trusted-level candidate with the best predicted top-level value that could still win, or null. */
function predictedPromotion(
  byLevel: readonly (readonly TrialRecord[])[],
  trusted: readonly LevelCorrelation[],
  objectives: readonly Objective[],
  eta: number,
  optimism: number,
  cost: CostModel | null,
): Promotion | null {
  const top = byLevel.length - 1;
  const sign = objectives[0].direction === "maximize" ? -1 : 1;
  let incumbent = Infinity;
  for (const trial of byLevel[top]) if (trial.state === "complete" && trial.values) incumbent = Math.min(incumbent, sign * trial.values[0]);
  let best: { trial: TrialRecord; loss: number } | null = null;
  for (const map of trusted) {
    for (const trial of rungCandidates(byLevel, map.level, eta, objectives)) {
      const loss = sign * (map.intercept! + map.slope! * trial.values![0]);
      if (loss - optimism * map.residualSd! > incumbent) continue;
      if (cost && !cost.allows(configKey(trial.config), top, byLevel[top - 1], byLevel[top])) continue;
      if (!best || loss < best.loss || (loss === best.loss && trial.number < best.trial.number)) best = { trial, loss };
    }
  }
  return best ? { trial: best.trial, level: top } : null;
}
