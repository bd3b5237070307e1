import { rngFor } from "../math/index.js";
import type { Sampler, SamplerContext } from "../samplers/spec.js";
import type { Config } from "../space/index.js";
import type { TrialRecord } from "../storage/spec.js";

/**
 * The trials an inner sampler is fitted on when it proposes a new configuration (the BOHB
 * rule, Falkner et al. 2018): those of the highest level with at least `minComplete`
 * complete trials, since values at different fidelities are not comparable; when no level
 * has that many, those of the lowest level (the sampler's own start-up rule then applies).
 */
export function modelTrials(byLevel: readonly (readonly TrialRecord[])[], minComplete: number): readonly TrialRecord[] {
  for (let level = byLevel.length - 1; level >= 0; level--) {
    const complete = byLevel[level].filter((trial) => trial.state === "complete").length;
    if (complete >= minComplete) return byLevel[level];
  }
  return byLevel[0] ?? [];
}

/**
 * Asks the inner sampler for a new configuration, showing it only `trials`. It gets the
 * stream the study would have given it for this trial number, so its proposal does not
 * depend on what the scheduler drew.
 */
export async function askInner(inner: Sampler, ctx: SamplerContext, trials: readonly TrialRecord[]): Promise<Config> {
  const proposal = await inner.doAsk({ ...ctx, trials, rng: rngFor(inner.seed, "sampler", ctx.trialNumber) });
  return proposal.config;
}
