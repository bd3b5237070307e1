import { checkSamplerOptions } from "./check-options.js";
import type { Proposal, Sampler, SamplerContext } from "./spec.js";

export interface RandomSamplerOptions {
  seed?: number;
}

/** Samples every parameter independently and uniformly (log-uniformly on log scale). */
export function randomSampler(options: RandomSamplerOptions = {}): Sampler {
  checkSamplerOptions("random", [], { options, names: ["seed"] satisfies (keyof RandomSamplerOptions)[] });
  return {
    name: "random",
    seed: options.seed ?? 0,
    doAsk(ctx: SamplerContext): Proposal {
      return { config: ctx.space.sample(ctx.rng) };
    },
  };
}
