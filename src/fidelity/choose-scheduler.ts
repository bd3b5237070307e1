import type { Proposal, Sampler, SamplerContext } from "../samplers/spec.js";
import type { Space } from "../space/index.js";
import { fidelityLevels, type FidelityLevels } from "./levels.js";
import { bohbSampler } from "./bohb.js";
import { rungLadder } from "./rung-ladder.js";
import type { SchedulerOptions } from "./scheduler-options.js";
import { successiveHalvingSampler } from "./successive-halving.js";

// The schedulers `auto` chooses among, by name.
const SCHEDULERS = { sh: successiveHalvingSampler, bohb: bohbSampler } satisfies Record<string, (options: SchedulerOptions) => Sampler>;

/** Which scheduler `auto` runs on a study with a fidelity space, and why. */
export interface SchedulerChoice {
  name: keyof typeof SCHEDULERS;
  reason: string;
}

/**
 * `auto`'s choice for a study with a fidelity space, from the ladder's shape and the space
 * (measured on the `multifidelity` suite's dev tasks: `bench/fidelity/goals.ts --split dev`):
 *
 * 1. one rung (every level below the top free, or a single level): nothing to schedule;
 *    `bohb`, whose TPE model then proposes every configuration at the top;
 * 2. a finite space (every parameter categorical, ordinal, int or stepped): `sh`, synchronous
 *    successive halving, which ranks the configurations of a small space side by side at the
 *    same rung before promoting any;
 * 3. otherwise (a continuous space) `bohb`: Hyperband's hedge across starting rungs against
 *    a misleading low fidelity, with new configurations from a TPE model of the highest rung
 *    with enough results.
 *
 * @example
 * chooseScheduler(fidelityLevels({ step: ordinal([0, 100, 1000]) }), space); // { name: "sh", reason: "..." }
 */
export function chooseScheduler(levels: FidelityLevels, space: Space, eta = 3): SchedulerChoice {
  const rungs = rungLadder(levels, [], { eta, configurations: space.cardinality });
  const finite = Number.isFinite(space.cardinality);
  const shape = `${levels.count} fidelity levels, ${rungs.indices.length} rung${rungs.indices.length === 1 ? "" : "s"} by resource, ${finite ? `${space.cardinality} configurations` : "a continuous space"}`;
  if (rungs.indices.length < 2) return { name: "bohb", reason: `${shape}: one rung, so every configuration runs at the top (BOHB's TPE model proposes them)` };
  if (finite) return { name: "sh", reason: `${shape}: successive halving ranks the configurations of a finite space side by side at each rung` };
  return { name: "bohb", reason: `${shape}: BOHB hedges across starting rungs and models the highest rung with enough results` };
}

/**
 * `auto` with a fidelity space: runs the scheduler `chooseScheduler` picks for the study's
 * space, chosen on the first ask and kept. Every proposal says which and why in
 * `userAttrs.auto` (`{ scheduler, reason }`).
 */
export function autoScheduler(options: SchedulerOptions & { trials?: number }): Sampler {
  const { trials: _trials, ...rest } = options;
  const levels = fidelityLevels(rest.fidelity, { eta: rest.eta, resources: rest.resources, kinds: rest.kinds });
  let chosen: { key: string; sampler: Sampler; choice: SchedulerChoice } | null = null;
  const delegate = (space: Space) => {
    const key = JSON.stringify(space.toJSON());
    if (chosen?.key !== key) {
      const choice = chooseScheduler(levels, space, rest.eta);
      chosen = { key, sampler: SCHEDULERS[choice.name]({ ...rest, fidelity: levels }), choice };
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
