import type { Sampler } from "../samplers/spec.js";
import { askInner, modelTrials } from "./inner-ask.js";
import type { NewConfiguration } from "./synchronous-scheduler.js";

/**
 * New configurations from the inner sampler, fitted on the trials of one level (see
 * `modelTrials`): the highest level with `minModelTrials` complete trials (default the
 * space's dimension + 2).
 */
export function fromInnerSampler(inner: Sampler, minModelTrials: number | null): NewConfiguration {
  return (ctx, byLevel) => askInner(inner, ctx, modelTrials(byLevel, minModelTrials ?? ctx.space.size + 2));
}
