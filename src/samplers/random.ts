import { z } from "zod";
import { parseOptions, seedOption } from "../errors/index.js";
import type { Proposal, Sampler, SamplerContext } from "./spec.js";

export interface RandomSamplerOptions {
  seed?: number;
}

/** The options `randomSampler` takes. */
export const randomOptionsSchema = z.strictObject({ seed: seedOption });

/** Samples every parameter independently and uniformly (log-uniformly on log scale). */
export function randomSampler(options: RandomSamplerOptions = {}): Sampler {
  parseOptions(randomOptionsSchema, options, "random sampler");
  return {
    name: "random",
    seed: options.seed ?? 0,
    doAsk(ctx: SamplerContext): Proposal {
      return { config: ctx.space.sample(ctx.rng) };
    },
  };
}
