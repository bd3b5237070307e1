import type { Objective } from "../storage/index.js";
import { sampleValue, type Space } from "../space/index.js";
import { z } from "zod";
import { integerOption, parseOptions, seedOption } from "../errors/index.js";
import { cmaesSampler } from "./cmaes/index.js";
import { gpSampler } from "./gp/index.js";
import { nsga2Sampler } from "./nsga2/index.js";
import type { Proposal, Sampler, SamplerContext } from "./spec.js";
import { motpeSampler, tpeSampler } from "./tpe/index.js";

/**
 * The optimizer a study uses when none is named, everywhere: `createStudy` without a
 * sampler, a study config without `optimizer`, and `knobs serve optimizer` without `--optimizer`.
 */
export const DEFAULT_OPTIMIZER = "auto";

/** The samplers `auto` chooses among, by name. */
const choices = { nsga2: nsga2Sampler, motpe: motpeSampler, tpe: tpeSampler, cmaes: cmaesSampler, gp: gpSampler } satisfies Record<string, (options: { seed: number }) => Sampler>;

export interface AutoSamplerOptions {
  seed?: number;
  /** The planned number of trials, when known (optimize passes the trial budget): picks GP for small ones. */
  trials?: number;
}

/** The options `autoSampler` takes. */
export const autoOptionsSchema = z.strictObject({ seed: seedOption, trials: integerOption(0, "a non-negative integer") });

/** The sampler `auto` picks for a study, and why. */
export interface AutoChoice {
  name: keyof typeof choices;
  reason: string;
}

/** Budgets up to this many trials count as small: GP's cost per trial is still low there. */
export const GP_MAX_TRIALS = 200;
/** Continuous spaces with budgets past this many trials go to CMA-ES. */
export const CMAES_MIN_TRIALS = 1000;

/**
 * The rules of `auto`, in order:
 * 1. several objectives: NSGA-II when the budget is large (>= 1000 trials), else MOTPE;
 * 2. a conditional space: TPE (it models each group of co-active parameters);
 * 3. a space of floats and ints only with a budget of >= 1000 trials: CMA-ES;
 * 4. a budget of <= 200 trials (or unknown): GP-BO;
 * 5. otherwise TPE.
 */
export function chooseSampler(space: Space, objectives: readonly Objective[], trials: number | undefined): AutoChoice {
  const budget = trials ?? Infinity;
  if (objectives.length > 1) {
    return budget >= CMAES_MIN_TRIALS
      ? { name: "nsga2", reason: `${objectives.length} objectives and a large budget` }
      : { name: "motpe", reason: `${objectives.length} objectives` };
  }
  if (space.isConditional) return { name: "tpe", reason: "conditional space" };
  const continuous = space.names.every((n) => space.params[n].type === "float" || space.params[n].type === "int");
  if (continuous && Number.isFinite(budget) && budget >= CMAES_MIN_TRIALS) return { name: "cmaes", reason: "continuous space and a long run" };
  if (!Number.isFinite(budget) || budget <= GP_MAX_TRIALS) return { name: "gp", reason: "small budget" };
  return { name: "tpe", reason: "large budget" };
}

/**
 * `auto`: delegates to the sampler `chooseSampler` picks for the study's space, objectives
 * and planned trials. The choice is made on the first ask and kept, so a study does not
 * switch model mid-run. Without a planned number of trials it picks as for an unknown budget.
 */
export function autoSampler(options: AutoSamplerOptions = {}): Sampler {
  parseOptions(autoOptionsSchema, options, "auto sampler");
  const seed = options.seed ?? 0;
  let chosen: { key: string; sampler: Sampler } | null = null;
  const delegate = (space: Space, objectives: readonly Objective[]): Sampler => {
    const key = `${JSON.stringify(space.toJSON())}|${objectives.length}`;
    if (chosen?.key !== key) chosen = { key, sampler: choices[chooseSampler(space, objectives, options.trials).name]({ seed }) };
    return chosen.sampler;
  };
  return {
    name: DEFAULT_OPTIMIZER,
    seed,
    doAsk(ctx: SamplerContext): Proposal | Promise<Proposal> {
      return delegate(ctx.space, ctx.objectives).doAsk(ctx);
    },
    doSampleParam(ctx, name, param) {
      const sampler = delegate(ctx.space, ctx.objectives);
      return sampler.doSampleParam ? sampler.doSampleParam(ctx, name, param) : sampleValue(param, ctx.rng);
    },
  };
}
