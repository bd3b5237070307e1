/**
 * The Task interface: what a benchmark problem offers an optimizer. Types only; tabular,
 * surrogate, synthetic and (later) live tasks implement it beside this file.
 */
import type { Config, Space } from "../../space/index.js";
import type { Objective } from "../../storage/spec.js";

export type { Objective };

/**
 * How the costs of a task's fidelity levels add up (task.yaml `fidelity_cost`).
 * `independent` (the default): each level is a run of its own, charged in full every time.
 * `continue`: the levels are checkpoints of one run per configuration (training steps, tokens,
 * epochs), and a level's recorded cost is that of the run from its start to that level; a
 * configuration continued from the highest level already paid for is charged only the
 * difference, and a level at or below it (a checkpoint the run has passed) nothing.
 */
export type FidelityCost = "independent" | "continue";

/** Where a task's data comes from, so reports can cite it and honour its license. */
export interface TaskSource {
  /** Repository (owner/name or URL) the data was taken from. */
  repo: string;
  /** Commit the data was taken at ("" when not applicable, e.g. knobs' own synthetic functions). */
  commit: string;
  /** Path of the data inside the repository. */
  path: string;
  /** License of the data (SPDX id where one exists). */
  license: string;
  /** How to cite the work the data comes from. */
  citation?: string;
}

/** The result of one evaluation. */
export interface Evaluation {
  /** One value per objective, in the task's objective order; never NaN. */
  values: number[];
  /** What the evaluation cost, by cost name (non-negative); a cost the data lacks is absent. */
  cost: Record<string, number>;
  /**
   * True when the recorded run failed (or the surrogate predicts a failure). `values` then hold
   * the worst value observed for each objective, so that a caller that ignores the flag still
   * sees a bad result rather than a NaN.
   */
  failed?: boolean;
  /** Constraint values, each <= 0 when satisfied (e.g. planned compute minus a budget). */
  constraints?: number[];
  /** Wall time the real run took, in seconds, when the data records it (for simulated clocks). */
  elapsedSeconds?: number;
}

/**
 * A benchmark task: a search space, an optional fidelity space, objectives (the primary one
 * first), cost names and an `evaluate` function; plus the optimum and worst value of the
 * primary objective where the data gives them, and where the data comes from.
 */
export interface Task {
  /** Registry id, e.g. "llmsys/naiverag", or the folder name of a user task. */
  readonly id: string;
  /** One line: what system or function this is and what the primary objective measures. */
  readonly description: string;
  readonly space: Space;
  /** The space of fidelities (e.g. model size), or null for a single-fidelity task. */
  readonly fidelitySpace: Space | null;
  /** The fidelity levels recorded in the data, lowest to highest (tabular tasks). */
  readonly fidelities?: readonly Config[];
  /** How the costs of the fidelity levels add up (default `independent`); see FidelityCost. */
  readonly fidelityCost?: FidelityCost;
  /** Objectives with their directions; the primary objective first. */
  readonly objectives: readonly Objective[];
  /** Names of the costs `evaluate` may report; the primary cost first. */
  readonly costNames: readonly string[];
  /**
   * Evaluates a configuration at a fidelity (null: the highest) with a seed. Deterministic in
   * (config, fidelity, seed). Throws ValidationError when the config is outside `space`.
   * Live tasks (those that call an LLM) return a promise; recorded and computed tasks answer at once.
   */
  evaluate(config: Config, fidelity: Config | null, seed: number): Evaluation | Promise<Evaluation>;
  /**
   * Reads the task's data now (once), throwing TaskDataError when it is missing or malformed.
   * Tasks that read their data on first evaluate have it; `knobs optimize` calls it before the
   * study starts, so missing data stops the study before its first trial.
   */
  load?(): unknown;
  /** Best value of the primary objective in the data (at the highest fidelity), or the known optimum. */
  readonly optimum?: number;
  /** Worst value of the primary objective in the data (at the highest fidelity). */
  readonly worst?: number;
  /** Number of recorded evaluations behind the task (tabular and surrogate tasks). */
  readonly rows?: number;
  readonly source: TaskSource;
  /** License of the data, as in `source.license`. */
  readonly license: string;
  /** SHA-256 of each data file the task was loaded from, by path relative to the data folder. */
  readonly sha256?: Readonly<Record<string, string>>;
  /** True for synthetic functions: results on them are never reported as LLM-system results. */
  readonly synthetic: boolean;
}
