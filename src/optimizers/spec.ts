import type { OptionsSchema } from "../errors/index.js";
import type { FidelityInput } from "../fidelity/index.js";
import type { Sampler } from "../samplers/index.js";
import type { Config, Space } from "../space/index.js";

/** What an optimizer is: a sampler, a multi-fidelity scheduler wrapping one, or an LLM-guided agent. */
export type OptimizerKind = "sampler" | "scheduler" | "agent";

/**
 * What an LLM-guided optimizer may learn from the task it runs on, when there is one
 * (`knobs bench`, `objective.task`): a multi-stage task's planned compute and budget.
 */
export interface AgentTaskHooks {
  plannedCompute?: (config: Config) => number;
  computeBudget?: number | null;
  /** A multi-stage task's pipeline, whose `budget` is the compute budget per item. */
  pipeline?: { budget?: number | null };
}

/**
 * What some optimizers need beyond their options, from whoever runs them (the CLI, the bench
 * runner, the protocol server, a library user). Every field is optional.
 */
export interface OptimizerContext {
  /** The planned number of trials, when the budget caps them: `auto` picks by it. */
  plannedTrials?: number;
  /** The study's search space, when known before the first ask. */
  space?: Space | null;
  /** The fidelity space: the schedulers and the research agent need one. */
  fidelity?: FidelityInput | null;
  /** The task's hooks, for agents (see AgentTaskHooks). */
  taskHooks?: AgentTaskHooks | null;
  /** How the task's fidelity levels' costs add up (a task's `fidelityCost`; default independent). */
  fidelityCost?: "independent" | "continue";
  /**
   * The run's budget (`trials`, cost names), when known: multi-fidelity optimizers keep their
   * last top-level evaluation for its end (`knobs bench` passes it).
   */
  budget?: Readonly<Record<string, number>> | null;
}

/**
 * One optimizer of the registry: its name (the same in study YAML, `--optimizer`, `knobs
 * bench` and the protocol), its kind, the options a config may give it, and how to make it.
 * `make` checks the options against `optionsSchema` (InvalidOptionsError naming each bad one).
 */
export interface OptimizerEntry {
  readonly name: string;
  readonly kind: OptimizerKind;
  /** The options a study config or protocol client may pass: plain JSON values. */
  readonly optionsSchema: OptionsSchema;
  make(options: Record<string, unknown>, context: OptimizerContext): Sampler;
}
