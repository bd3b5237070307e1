import { KnobsError } from "../errors/index.js";
import { createSampler, samplerNames, type SamplerOptions } from "../samplers/index.js";
import type { Sampler } from "../samplers/spec.js";
import type { FidelityInput } from "./levels.js";
import { autoScheduler } from "./choose-scheduler.js";
import { createScheduler, schedulerNames } from "./registry.js";

/** Options of `createOptimizer`: the seed, the fidelity for schedulers, and the optimizer's own options. */
export type OptimizerOptions = SamplerOptions & {
  /** The fidelity space; required by the schedulers (sh, hyperband, asha, bohb, mf). */
  fidelity?: FidelityInput | null;
  /** A scheduler's inner sampler, by name (default random; bohb: tpe). */
  inner?: string;
};

/** Every optimizer name: the samplers, then the multi-fidelity schedulers. */
export function optimizerNames(): string[] {
  return [...samplerNames(), ...schedulerNames()];
}

/**
 * Makes an optimizer by the name used in study YAML, `--optimizer` and the protocol: a
 * sampler, or a scheduler wrapping one. A scheduler without a fidelity is an error saying
 * where to give one. Unknown names list every known one.
 */
export function createOptimizer(name: string, options: OptimizerOptions = {}): Sampler {
  const { fidelity, inner, ...rest } = options;
  if (name === "auto" && fidelity) return autoScheduler({ ...rest, fidelity, ...(inner ? { sampler: createSampler(inner, { seed: rest.seed }) } : {}) });
  if (schedulerNames().includes(name)) {
    if (!fidelity) {
      throw new KnobsError(
        "missing_fidelity",
        `optimizer "${name}" is a multi-fidelity scheduler and needs a fidelity space (the study config's \`fidelity:\`, spec.json's "fidelity", or a task with fidelities)`,
      );
    }
    const sampler = inner ? createSampler(inner, { seed: rest.seed }) : undefined;
    return createScheduler(name, { ...rest, fidelity, ...(sampler ? { sampler } : {}) });
  }
  if (!samplerNames().includes(name)) {
    throw new KnobsError("unknown_sampler", `unknown optimizer "${name}": expected one of ${optimizerNames().join(", ")}`);
  }
  return createSampler(name, rest);
}
