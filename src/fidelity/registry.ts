import { KnobsError } from "../errors/index.js";
import type { Sampler } from "../samplers/spec.js";
import { ashaSampler } from "./asha.js";
import { bohbSampler, type BohbOptions } from "./bohb.js";
import { hyperbandSampler } from "./hyperband.js";
import { mfSampler, type MfOptions } from "./mf.js";
import type { SchedulerOptions } from "./scheduler-options.js";
import { successiveHalvingSampler, type SuccessiveHalvingOptions } from "./successive-halving.js";

/** Options of any scheduler: the common ones plus each scheduler's own (checked by the scheduler). */
export type AnySchedulerOptions = SchedulerOptions & Partial<SuccessiveHalvingOptions & BohbOptions & MfOptions>;

const factories: Record<string, (options: AnySchedulerOptions) => Sampler> = {
  sh: (options) => successiveHalvingSampler(options),
  hyperband: (options) => hyperbandSampler(options),
  asha: (options) => ashaSampler(options),
  bohb: (options) => bohbSampler(options),
  mf: (options) => mfSampler(options),
};

/** The scheduler names `createScheduler` accepts: sh, hyperband, asha, bohb, mf. */
export function schedulerNames(): string[] {
  return Object.keys(factories);
}

/**
 * Makes a multi-fidelity scheduler by name; it is a Sampler, so it goes wherever one does.
 * Throws a KnobsError naming the known schedulers for an unknown name.
 *
 * @example
 * const sampler = createScheduler("asha", { fidelity: { examples: int(10, 810) }, seed: 0 });
 */
export function createScheduler(name: string, options: AnySchedulerOptions): Sampler {
  const factory = Object.hasOwn(factories, name) ? factories[name] : undefined;
  if (!factory) throw new KnobsError("unknown_scheduler", `unknown scheduler "${name}": expected one of ${schedulerNames().join(", ")}`);
  return factory(options);
}
