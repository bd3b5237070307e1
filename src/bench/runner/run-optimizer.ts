import { rngFor } from "../../math/index.js";
import type { Proposal, Sampler } from "../../samplers/index.js";
import type { Space } from "../../space/index.js";
import type { Objective, TrialRecord } from "../../storage/index.js";

/** What the simulator drives: an in-process sampler or an external optimizer over the protocol. */
export interface RunOptimizer {
  ask(trials: readonly TrialRecord[], trialNumber: number): Promise<Proposal>;
  tell(trial: TrialRecord): Promise<void>;
  close(): Promise<void>;
}

/** An in-process sampler: it reads the history it is given, so `tell` has nothing to do. */
export function samplerOptimizer(sampler: Sampler, space: Space, objectives: readonly Objective[]): RunOptimizer {
  return {
    async ask(trials, trialNumber) {
      return sampler.doAsk({ space, objectives, trials, trialNumber, rng: rngFor(sampler.seed, "sampler", trialNumber) });
    },
    async tell() {},
    async close() {},
  };
}
