import { rngFor } from "../math/index.js";
import type { Sampler } from "../samplers/spec.js";
import type { Config, Space } from "../space/index.js";
import type { Objective, TrialRecord } from "../storage/spec.js";

export interface RunSamplerOptions {
  sampler: Sampler;
  space: Space;
  /** Returns one value per objective (or a single number), optionally constraints. */
  evaluate: (config: Config) => number | number[] | { values: number[]; constraints?: number[] };
  trials: number;
  objectives?: Objective[];
}

/**
 * Drives a sampler through `trials` sequential ask/evaluate/tell steps without a study
 * or storage: the quickest way to test a sampler's behaviour or benchmark it. Checks
 * every proposal against the space and throws on an invalid one.
 */
export async function runSampler(options: RunSamplerOptions): Promise<TrialRecord[]> {
  const objectives = options.objectives ?? [{ name: "value", direction: "minimize" as const }];
  const history: TrialRecord[] = [];
  for (let n = 0; n < options.trials; n++) {
    const proposal = await options.sampler.doAsk({
      space: options.space,
      objectives,
      trials: history,
      trialNumber: n,
      rng: rngFor(options.sampler.seed, "sampler", n),
    });
    options.space.validate(proposal.config, `${options.sampler.name} proposal #${n}`);
    const result = options.evaluate(proposal.config);
    const values = typeof result === "number" ? [result] : Array.isArray(result) ? result : result.values;
    const constraints = typeof result === "object" && !Array.isArray(result) ? (result.constraints ?? null) : null;
    history.push(makeTrial({ number: n, config: proposal.config, values, constraints, fidelity: proposal.fidelity ?? null }));
  }
  return history;
}

/** A complete (or other-state) TrialRecord with defaults, for tests and simulations. */
export function makeTrial(fields: Partial<TrialRecord> & { number: number; config: Config }): TrialRecord {
  return {
    id: fields.number + 1,
    studyId: 1,
    state: "complete",
    params: {},
    fidelity: null,
    values: null,
    intermediate: {},
    cost: {},
    constraints: null,
    userAttrs: {},
    systemAttrs: {},
    error: null,
    workerId: null,
    heartbeat: null,
    retries: 0,
    createdAt: 0,
    startedAt: 0,
    completedAt: 0,
    ...fields,
  };
}
