import { z } from "zod";
import { integerOption, option } from "../errors/index.js";
import type { Proposal, Sampler, SamplerContext } from "../samplers/spec.js";
import type { Objective, TrialRecord } from "../storage/spec.js";
import { nextAsynchronousPromotion, rungCandidates, type Promotion } from "./asynchronous-rungs.js";
import { configKey } from "./config-key.js";
import { CostModel } from "./cost-model.js";
import { fidelityCorrelation, type LevelCorrelation } from "./cross-fidelity.js";
import { fromInnerSampler } from "./new-configuration.js";
import { guardedScheduler } from "./progress-guard.js";
import { proposalAt } from "./proposal-at.js";
import { rungLadder } from "./rung-ladder.js";
import { resolveSchedulerOptions, type SchedulerOptions } from "./scheduler-options.js";
import { trialsByLevel } from "./trials-by-level.js";

export interface MfOptions extends SchedulerOptions {
  /**
   * Spearman correlation with the top level from which a level's results are trusted, and
   * with the next rung up under which a rung misleads and is dropped (default 0.3).
   */
  minCorrelation?: number;
  /** Configurations seen at both of two levels before they are compared (default 5). */
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
 * A cross-fidelity scheduler ("mf"): ASHA on the rungs of `rungLadder` plus a model of how
 * each rung's results relate to the others' (rank transfer; see `fidelityCorrelation`).
 *
 * Reading the ladder: a rung whose first results tie is no rung (see `rungLadder`), and a
 * rung whose ranking disagrees with the next rung up (Spearman < `minCorrelation` over at
 * least `minPairs` configurations seen at both, or a constant rung) misleads: it is dropped,
 * so new configurations start higher. Which runs continue is decided by their rank at the
 * highest rung they reached (the highest informative checkpoint).
 *
 * A rung is trusted when at least `minPairs` configurations were seen at it and at the top
 * and their Spearman correlation is >= `minCorrelation`. From a trusted rung, candidates
 * (ASHA's top 1/eta, not yet started higher) are ranked by their predicted top-level value
 * (the rung's linear map) and the best one jumps straight to the top, skipping the rungs
 * between; a candidate whose optimistic prediction (`optimism` residual standard deviations
 * better) cannot beat the best top-level result so far is held back. Trusted promotions
 * come first; other rungs promote as in ASHA, one rung up. With several objectives the model
 * is not used and mf is ASHA. Decisions are in `userAttrs.fidelity` (`decision`, `reason`,
 * `misleading`).
 *
 * @example
 * const sampler = mfSampler({ fidelity: { examples: int(10, 810) }, seed: 0 });
 */
export function mfSampler(options: MfOptions): Sampler {
  const resolved = resolveSchedulerOptions("mf", options, { own: mfOwnOptions });
  const minCorrelation = options.minCorrelation ?? 0.3;
  const minPairs = options.minPairs ?? 5;
  const optimism = options.optimism ?? 1;
  const { eta, costName } = resolved;
  const newConfiguration = fromInnerSampler(resolved.inner, resolved.minModelTrials);
  const trusted = (c: LevelCorrelation) => c.pairs >= minPairs && c.spearman !== null && c.spearman >= minCorrelation && c.slope !== null;

  /** Rungs (level indices of the whole ladder) whose ranking disagrees with the next rung up. */
  const misleading = (ctx: SamplerContext, byLevel: readonly (readonly TrialRecord[])[]): Set<number> => {
    const out = new Set<number>();
    if (ctx.objectives.length !== 1) return out;
    const { ladder, indices } = rungLadder(resolved.levels, byLevel, { eta, configurations: ctx.space.cardinality });
    for (let r = 0; r + 1 < indices.length; r++) {
      const [vsNext] = fidelityCorrelation([...byLevel[indices[r]], ...byLevel[indices[r + 1]]], ladder, { target: r + 1 }).slice(r, r + 1);
      if (vsNext && vsNext.pairs >= minPairs && (vsNext.spearman === null || vsNext.spearman < minCorrelation)) out.add(indices[r]);
    }
    return out;
  };

  return guardedScheduler(
    "mf",
    resolved,
    async (ctx, rungs): Promise<Proposal> => {
      const levels = rungs.ladder;
      const byLevel = trialsByLevel(ctx.trials, levels);
      const cost = costName ? new CostModel(byLevel, levels, costName) : null;
      const model = ctx.objectives.length === 1 ? fidelityCorrelation(ctx.trials, levels) : [];
      const trustedLevels = new Set(model.filter(trusted).map((c) => c.level));
      const predicted = predictedPromotion(byLevel, model.filter(trusted), ctx.objectives, eta, optimism, cost);
      const misled = rungs.skipped.filter((s) => s.reason === "excluded").map((s) => s.level);
      const note = misled.length > 0 ? { misleading: misled } : {};
      if (predicted) {
        const from = model[predicted.from];
        const reason = `rung ${JSON.stringify(levels.levels[predicted.from].fidelity)} agrees with the top (rho ${from.spearman!.toFixed(2)} over ${from.pairs}): its best predicted candidate runs at the top`;
        const proposal = proposalAt(levels, byLevel, predicted.trial.config, predicted.level);
        return { ...proposal, userAttrs: { fidelity: { decision: "extrapolate", reason, ...note } } };
      }
      const promotion = nextAsynchronousPromotion(byLevel, eta, ctx.objectives, cost, trustedLevels);
      if (promotion) return { ...proposalAt(levels, byLevel, promotion.trial.config, promotion.level), ...(misled.length > 0 ? { userAttrs: { fidelity: note } } : {}) };
      return { config: await newConfiguration(ctx, byLevel), fidelity: { ...levels.levels[0].fidelity }, ...(misled.length > 0 ? { userAttrs: { fidelity: note } } : {}) };
    },
    misleading,
  );
}

/** The trusted-rung candidate with the best predicted top-level value that could still win, or null. */
function predictedPromotion(
  byLevel: readonly (readonly TrialRecord[])[],
  trusted: readonly LevelCorrelation[],
  objectives: readonly Objective[],
  eta: number,
  optimism: number,
  cost: CostModel | null,
): (Promotion & { from: number }) | null {
  const top = byLevel.length - 1;
  const sign = objectives[0].direction === "maximize" ? -1 : 1;
  let incumbent = Infinity;
  for (const trial of byLevel[top]) if (trial.state === "complete" && trial.values) incumbent = Math.min(incumbent, sign * trial.values[0]);
  let best: { trial: TrialRecord; loss: number; from: number } | null = null;
  for (const map of trusted) {
    for (const trial of rungCandidates(byLevel, map.level, eta, objectives)) {
      const loss = sign * (map.intercept! + map.slope! * trial.values![0]);
      if (loss - optimism * map.residualSd! > incumbent) continue;
      if (cost && !cost.allows(configKey(trial.config), top, byLevel[top - 1], byLevel[top])) continue;
      if (!best || loss < best.loss || (loss === best.loss && trial.number < best.trial.number)) best = { trial, loss, from: map.level };
    }
  }
  return best ? { trial: best.trial, level: top, from: best.from } : null;
}
