/**
 * The Sampler interface. The study calls these `do*` hooks; users call `study.ask()`.
 * Types only.
 */
import type { Rng } from "../math/index.js";
import type { Config, Param, Space, Value } from "../space/index.js";
import type { Cost, Objective, TrialRecord } from "../storage/spec.js";

/** What a sampler sees when asked for the next trial. */
export interface SamplerContext {
  space: Space;
  objectives: readonly Objective[];
  /**
   * Every trial of the study so far, in number order and without holes (a number another
   * process took since the study's last refresh is left out): complete ones are the
   * history, running ones are in flight (for constant liar), failed and pruned ones may be
   * used or ignored. Do not mutate.
   */
  trials: readonly TrialRecord[];
  /** Number of the trial being proposed. */
  trialNumber: number;
  /** Seeded from (sampler seed, trial number): the same history gives the same proposal. */
  rng: Rng;
}

/** A proposal: the configuration to run and, for multi-fidelity optimizers, at which fidelity. */
export interface Proposal {
  config: Config;
  fidelity?: Config | null;
  /**
   * What the optimizer itself spent to make this proposal (LLM-guided optimizers pay for
   * their calls). The study adds it to the ledger's optimizer spend, apart from the trials'
   * spend, and counts it against the budget.
   */
  optimizerCost?: Cost;
  /**
   * Stored with the trial as user attributes: an LLM-guided optimizer's reasoning for this
   * decision, or the diff of the artifact it changed, so a run reads as a trajectory.
   */
  userAttrs?: Record<string, unknown>;
  /**
   * The number of a complete trial of the same configuration at a lower fidelity whose run
   * this trial continues (a scheduler's promotion): the objective may resume from that
   * trial's checkpoint (`trial.resumeFrom`) instead of starting over. Stored with the trial
   * (`systemAttrs.resumeFrom`).
   */
  resumeFrom?: number;
}

export interface Sampler {
  /** The name used in YAML, `--optimizer` and the protocol. */
  readonly name: string;
  readonly seed: number;
  /** Proposes a configuration of `ctx.space` (every active parameter, no inactive one). */
  doAsk(ctx: SamplerContext): Proposal | Promise<Proposal>;
  /**
   * Samples one parameter suggested define-by-run (`trial.suggestFloat`) that the
   * proposal did not cover. When absent, the study samples it uniformly.
   */
  doSampleParam?(ctx: SamplerContext, name: string, param: Param): Value;
  /** True when the sampler has nothing new to propose (e.g. a finished grid); optimize() stops. */
  doIsExhausted?(ctx: Omit<SamplerContext, "rng" | "trialNumber">): boolean;
}

/**
 * Decides whether a running trial should stop early, from its intermediate values
 * (`trial.intermediate`, step -> value) and the study's other trials. The study calls it
 * when the objective asks `trial.shouldPrune()`.
 */
export interface Pruner {
  readonly name: string;
  shouldPrune(trial: TrialRecord, trials: readonly TrialRecord[], objectives: readonly Objective[]): boolean;
}
