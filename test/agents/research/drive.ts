import { rngFor } from "../../../src/math/rng.js";
import type { Proposal, Sampler } from "../../../src/samplers/spec.js";
import type { Config, Space } from "../../../src/space/index.js";
import type { Objective, TrialRecord } from "../../../src/storage/spec.js";
import { makeTrial } from "../../../src/testing/index.js";

export interface DriveOptions {
  sampler: Sampler;
  space: Space;
  evaluate: (config: Config, fidelity: Config | null, number: number) => { values: number[]; cost?: Record<string, number> };
  trials: number;
  objectives?: Objective[];
  /** Keep the proposals' user attributes on the trials, as a study does (default true). */
  keepUserAttrs?: boolean;
  /** Trials already run: the drive continues after them. */
  history?: readonly TrialRecord[];
}

/** Asks for one trial with the study's conventions (rng from the seed and trial number). */
export async function askNext(sampler: Sampler, space: Space, history: readonly TrialRecord[], objectives?: Objective[]): Promise<Proposal> {
  return sampler.doAsk({
    space,
    objectives: objectives ?? [{ name: "value", direction: "minimize" }],
    trials: history,
    trialNumber: history.length,
    rng: rngFor(sampler.seed, "sampler", history.length),
  });
}

/** Sequential ask / evaluate / tell, keeping each proposal's user attributes on its trial; returns all trials and the new proposals. */
export async function drive(options: DriveOptions): Promise<{ trials: TrialRecord[]; proposals: Proposal[] }> {
  const trials: TrialRecord[] = [...(options.history ?? [])];
  const proposals: Proposal[] = [];
  while (proposals.length < options.trials) {
    const number = trials.length;
    const proposal = await askNext(options.sampler, options.space, trials, options.objectives);
    options.space.validate(proposal.config, `proposal #${number}`);
    proposals.push(proposal);
    const outcome = options.evaluate(proposal.config, proposal.fidelity ?? null, number);
    trials.push(
      makeTrial({
        number,
        config: proposal.config,
        fidelity: proposal.fidelity ?? null,
        values: outcome.values,
        cost: outcome.cost ?? {},
        userAttrs: options.keepUserAttrs === false ? {} : (proposal.userAttrs ?? {}),
      }),
    );
  }
  return { trials, proposals };
}
