import { z } from "zod";
import { integerOption, option, parseOptions, seedOption, switchOption } from "../../errors/index.js";
import { defaultGamma } from "./gamma-and-weights.js";

export interface TpeSamplerOptions {
  /** Seeds every random choice (default 0). */
  seed?: number;
  /** Trials proposed uniformly at random before the model takes over (default 10). */
  startupTrials?: number;
  /** Candidates drawn from the good density l(x) and ranked by l(x)/g(x) (default 24). */
  candidates?: number;
  /** Model the parameters jointly rather than one by one (default true). */
  multivariate?: boolean;
  /**
   * In a conditional space, model each group of parameters that are active together
   * separately (default true); false models the always-active ones jointly and the rest
   * one by one. Only used when `multivariate` is true.
   */
  group?: boolean;
  /**
   * Size of the good group: a function of the number n of ranked trials returning a count,
   * or a fraction of n (rounded up). Default min(ceil(0.1 n), 25).
   */
  gamma?: number | ((n: number) => number);
  /** Weight of the prior (a wide kernel at the centre of each range) against one observation (default 1). */
  priorWeight?: number;
  /** Keep kernel widths at least range / min(100, 1 + kernels) (default true). */
  considerMagicClip?: boolean;
  /** Univariate widths of the outermost kernels also look at the range ends (default false). */
  considerEndpoints?: boolean;
  /**
   * Count running and queued trials as the worst outcome, so parallel workers spread out
   * instead of proposing the same point (default false).
   */
  constantLiar?: boolean;
  /**
   * In a conditional space, the least share of proposals (after the start-up trials) that
   * explore branches: branch-choosing parameters drawn afresh, favouring the branches
   * tried least, the branch's own parameters still by the model (default 0.1). The share
   * grows to the fraction of trials since the best one when that is larger (see
   * branch-exploration.ts). 0 turns exploring off and lets TPE choose branches alone.
   */
  branchExploration?: number;
}

export interface ResolvedTpeOptions {
  seed: number;
  startupTrials: number;
  candidates: number;
  multivariate: boolean;
  group: boolean;
  gamma: (n: number) => number;
  priorWeight: number;
  considerMagicClip: boolean;
  considerEndpoints: boolean;
  constantLiar: boolean;
  branchExploration: number;
}

/**
 * Every option TpeSamplerOptions declares, with what a good value is: a misspelt one in a
 * study config is an error, not ignored.
 */
export const tpeOptionsSchema = z.strictObject({
  seed: seedOption,
  startupTrials: integerOption(0, "a non-negative integer"),
  candidates: integerOption(1, "a positive integer"),
  multivariate: switchOption,
  group: switchOption,
  priorWeight: option(z.number().min(0), "a finite number >= 0"),
  considerMagicClip: switchOption,
  considerEndpoints: switchOption,
  constantLiar: switchOption,
  branchExploration: option(z.number().min(0).max(1), "a number in [0, 1]"),
  gamma: option(z.union([z.custom<(n: number) => number>((value) => typeof value === "function"), z.number().gt(0).max(1)]), "a function or a number in (0, 1]"),
});

/** Fills in defaults; throws InvalidOptionsError naming every bad option. */
export function resolveTpeOptions(options: TpeSamplerOptions): ResolvedTpeOptions {
  parseOptions(tpeOptionsSchema, options, "tpe sampler");
  const startupTrials = options.startupTrials ?? 10;
  const candidates = options.candidates ?? 24;
  const priorWeight = options.priorWeight ?? 1;
  const gamma = options.gamma ?? defaultGamma;
  const branchExploration = options.branchExploration ?? 0.1;
  return {
    seed: options.seed ?? 0,
    startupTrials,
    candidates,
    multivariate: options.multivariate ?? true,
    group: options.group ?? true,
    gamma: typeof gamma === "function" ? gamma : (n: number) => Math.ceil(gamma * n),
    priorWeight,
    considerMagicClip: options.considerMagicClip ?? true,
    considerEndpoints: options.considerEndpoints ?? false,
    constantLiar: options.constantLiar ?? false,
    branchExploration,
  };
}
