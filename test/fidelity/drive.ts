import { rngFor } from "../../src/math/rng.js";
import type { Proposal, Sampler } from "../../src/samplers/spec.js";
import type { Config, Space } from "../../src/space/index.js";
import type { Objective, TrialRecord } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";

export type Outcome = { values: number[]; cost?: Record<string, number> } | "fail";

export interface DriveOptions {
  sampler: Sampler;
  space: Space;
  evaluate: (config: Config, fidelity: Config | null, number: number) => Outcome;
  trials: number;
  objectives?: Objective[];
  /** Trials in flight at once (default 1); the one that finishes next is drawn from `seed`. */
  workers?: number;
  seed?: number;
  /** Called before each ask with the history the sampler will see. */
  onAsk?: (history: readonly TrialRecord[], proposal: Proposal) => void;
  /** Finished trials to start from, as a resumed study would (default none). */
  start?: readonly TrialRecord[];
}

/** Asks the sampler for a trial with the study's conventions (rng from seed and trial number). */
export async function askFor(sampler: Sampler, space: Space, history: readonly TrialRecord[], objectives?: Objective[]): Promise<Proposal> {
  const number = history.length;
  return sampler.doAsk({
    space,
    objectives: objectives ?? [{ name: "value", direction: "minimize" }],
    trials: history,
    trialNumber: number,
    rng: rngFor(sampler.seed, "sampler", number),
  });
}

/**
 * Drives a scheduler like a study with `workers` parallel workers: each free worker asks
 * (seeing running trials), then one running trial, picked at random, finishes.
 */
export async function drive(options: DriveOptions): Promise<TrialRecord[]> {
  const history: TrialRecord[] = [...(options.start ?? [])];
  const running: number[] = [];
  const workers = options.workers ?? 1;
  const pick = rngFor(options.seed ?? 0, "drive");
  while (history.length < options.trials || running.length > 0) {
    while (running.length < workers && history.length < options.trials) {
      const proposal = await askFor(options.sampler, options.space, history, options.objectives);
      options.onAsk?.(history, proposal);
      options.space.validate(proposal.config, `${options.sampler.name} proposal #${history.length}`);
      history.push(makeTrial({ number: history.length, config: proposal.config, fidelity: proposal.fidelity ?? null, state: "running" }));
      running.push(history.length - 1);
    }
    const index = workers === 1 ? 0 : pick.int(running.length);
    const number = running.splice(index, 1)[0];
    const trial = history[number];
    const outcome = options.evaluate(trial.config, trial.fidelity, number);
    history[number] =
      outcome === "fail"
        ? { ...trial, state: "failed", error: "failed" }
        : { ...trial, state: "complete", values: outcome.values, cost: outcome.cost ?? {} };
  }
  return history;
}

/** Trials at the given fidelity value of `param`. */
export function atFidelity(trials: readonly TrialRecord[], param: string, value: unknown): TrialRecord[] {
  return trials.filter((t) => t.fidelity?.[param] === value);
}
