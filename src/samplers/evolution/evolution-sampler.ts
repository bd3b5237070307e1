import { z } from "zod";
import { InvalidOptionsError, integerOption, option, optionIssue, parseOptions, seedOption } from "../../errors/index.js";
import type { TrialRecord } from "../../storage/spec.js";
import { isFeasible, lossesOf, violation } from "../history.js";
import { UnsupportedObjectivesError } from "../errors.js";
import type { Proposal, Sampler, SamplerContext } from "../spec.js";
import { mutateConfig } from "./mutate-config.js";

export interface EvolutionSamplerOptions {
  /** Seeds the tournaments and mutations (default 0). */
  seed?: number;
  /** Population size P: the most recent P completed trials (default 20). */
  populationSize?: number;
  /** Tournament size S: members drawn to pick a parent (default 5, at most P). */
  sampleSize?: number;
  /** Standard deviation of a numeric mutation in unit-cube coordinates, where every range is [0, 1] (default 0.1). */
  mutationScale?: number;
}

/** The options `evolutionSampler` takes (`sampleSize` is also checked against `populationSize`). */
export const evolutionOptionsSchema = z.strictObject({
  seed: seedOption,
  populationSize: integerOption(1, "a positive integer"),
  sampleSize: integerOption(1, "a positive integer"),
  mutationScale: option(z.number().positive(), "a finite number > 0"),
});

/** A completed trial as a population member. */
interface Member {
  trial: TrialRecord;
  loss: number;
  violation: number;
}

/**
 * Regularized (aging) evolution (Real et al., "Regularized Evolution for Image Classifier
 * Architecture Search", AAAI 2019). The population is the P most recent completed trials
 * (in number order), so old members age out whatever their score. Until P trials have
 * completed, configurations are drawn uniformly. Then each trial draws S distinct members
 * at random, takes the best (feasible before infeasible, then lower constraint violation,
 * then lower loss) and mutates it (see mutateConfig: one parameter or more; categoricals
 * take another choice, numbers a gaussian step in the unit cube; conditions kept valid
 * through `space.decode`). Everything is drawn from the trial's own stream, so the proposal
 * depends only on the seed, the trial number and the history.
 *
 * Single objective only: a study with several objectives gets an error (use nsga2).
 *
 * @example
 * const study = await createStudy({ name: "evo", storage: "memory:", space, direction: "maximize",
 *   sampler: evolutionSampler({ seed: 1, populationSize: 20, sampleSize: 5 }) });
 * await study.optimize(objective, { budget: { trials: 200 } });
 */
export function evolutionSampler(options: EvolutionSamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  const populationSize = options.populationSize ?? 20;
  const sampleSize = options.sampleSize ?? Math.min(5, populationSize);
  const mutationScale = options.mutationScale ?? 0.1;
  parseOptions(evolutionOptionsSchema, options, "evolution sampler");
  if (sampleSize > populationSize) {
    const issue = optionIssue("sampleSize", `an integer from 1 to populationSize (${populationSize})`, sampleSize);
    throw new InvalidOptionsError("evolution sampler", [issue], Object.keys(evolutionOptionsSchema.shape));
  }

  return {
    name: "evolution",
    seed,
    doAsk(ctx: SamplerContext): Proposal {
      if (ctx.objectives.length !== 1) {
        throw new UnsupportedObjectivesError("evolution", ctx.objectives.length, "use nsga2 for several");
      }
      const population = recentMembers(ctx, populationSize);
      if (population.length < populationSize) return { config: ctx.space.sample(ctx.rng) };
      const contestants = ctx.rng.shuffle(population.map((_, i) => i)).slice(0, sampleSize);
      let best = population[contestants[0]];
      for (const index of contestants.slice(1)) {
        if (better(population[index], best)) best = population[index];
      }
      return { config: mutateConfig(ctx.space, best.trial.config, ctx.rng, mutationScale) };
    },
  };
}

/** The last `size` completed trials with finite values numbered below the trial being proposed, oldest first. */
function recentMembers(ctx: SamplerContext, size: number): Member[] {
  const members: Member[] = [];
  for (let i = ctx.trials.length - 1; i >= 0 && members.length < size; i--) {
    const trial = ctx.trials[i];
    if (trial.number >= ctx.trialNumber) continue;
    const loss = lossesOf(trial, ctx.objectives)?.[0];
    if (loss === undefined || !Number.isFinite(loss)) continue;
    members.push({ trial, loss, violation: isFeasible(trial) ? 0 : violation(trial) });
  }
  return members.reverse();
}

/** Deb's rule: feasible beats infeasible, lower violation beats higher, then lower loss. */
function better(a: Member, b: Member): boolean {
  if (a.violation > 0 !== b.violation > 0) return a.violation === 0;
  if (a.violation !== b.violation) return a.violation < b.violation;
  return a.loss < b.loss;
}

