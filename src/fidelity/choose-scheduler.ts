import type { Proposal, Sampler, SamplerContext } from "../samplers/spec.js";
import type { Space } from "../space/index.js";
import { fidelityLevels, type FidelityLevels } from "./levels.js";
import { createScheduler, type AnySchedulerOptions } from "./registry.js";
import { rungLadder } from "./rung-ladder.js";

/** Which scheduler `auto` runs on a study with a fidelity space, and why. */
export interface SchedulerChoice {
  name: string;
  reason: string;
}

/**
 * `auto`'s choice for a study with a fidelity space, from the ladder's shape and the space
 * (see docs/optimizers.md, "auto with a fidelity"):
 *
 * 1. one rung (every lower level free or only one level): no scheduler helps, `bohb` runs
 *    every configuration at the top with its TPE model;
 * 2. otherwise `mf`: ASHA on rungs chosen by resource, which drops tied and misleading rungs
 *    and jumps to the top from a rung that agrees with it.
 *
 * @example
 * chooseScheduler(fidelityLevels({ step: ordinal([0, 100, 1000]) }), space); // { name: "mf", reason: "..." }
 */
export function chooseScheduler(levels: FidelityLevels, space: Space, eta = 3): SchedulerChoice {
  const rungs = rungLadder(levels, [], { eta, configurations: space.cardinality });
  const shape = `${levels.count} fidelity levels, ${rungs.indices.length} rungs by resource, ${Number.isFinite(space.cardinality) ? `${space.cardinality} configurations` : "a continuous space"}`;
  if (rungs.indices.length < 2) return { name: "bohb", reason: `${shape}: one rung, so every configuration runs at the top (BOHB's TPE model)` };
  return { name: "mf", reason: `${shape}: mf drops tied and misleading rungs and extrapolates from one that agrees with the top` };
}

/**
 * `auto` with a fidelity space: runs the scheduler `chooseScheduler` picks for the study's
 * space, chosen on the first ask and kept. Every proposal says which and why in
 * `userAttrs.auto` (`{ scheduler, reason }`).
 */
export function autoScheduler(options: AnySchedulerOptions & { trials?: number }): Sampler {
  const { trials: _trials, ...rest } = options;
  const levels = fidelityLevels(rest.fidelity, { eta: rest.eta, resources: rest.resources, kinds: rest.kinds });
  let chosen: { key: string; sampler: Sampler; choice: SchedulerChoice } | null = null;
  const delegate = (space: Space) => {
    const key = JSON.stringify(space.toJSON());
    if (chosen?.key !== key) {
      const choice = chooseScheduler(levels, space, rest.eta);
      chosen = { key, sampler: createScheduler(choice.name, { ...rest, fidelity: levels }), choice };
    }
    return chosen;
  };
  return {
    name: "auto",
    seed: rest.seed ?? 0,
    async doAsk(ctx: SamplerContext): Promise<Proposal> {
      const { sampler, choice } = delegate(ctx.space);
      const proposal = await sampler.doAsk(ctx);
      return { ...proposal, userAttrs: { ...proposal.userAttrs, auto: { scheduler: choice.name, reason: choice.reason } } };
    },
  };
}
