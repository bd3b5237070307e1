/**
 * Types of the benchmark runner: what a run is, what it records. Types only.
 */
import type { Cost } from "../../storage/index.js";
import type { Task } from "../task/index.js";

/**
 * What the runner needs of a task (see ../task for the whole interface): the space,
 * objectives (primary first), `evaluate`, and the optimum and worst value for regret.
 * An evaluation's `elapsedSeconds` advances the simulated clock (default 1 s).
 */
export type RunnableTask = Pick<Task, "id" | "space" | "objectives" | "evaluate" | "optimum" | "worst"> &
  Partial<Pick<Task, "fidelitySpace" | "fidelities" | "fidelityCost">> & { synthetic?: boolean };

/** Caps of one run: trials and/or cost names (e.g. `{trials: 50}`, `{usd: 2}`). */
export type RunBudget = Record<string, number>;

/** One evaluation of a run, in the order they finished on the simulated clock. */
export interface Evaluation {
  /** Trial number (order asked). */
  trial: number;
  /** Primary objective value; null when the evaluation failed. */
  value: number | null;
  /** The fidelity it ran at (null: the task's only or highest one). */
  fidelity?: Record<string, unknown> | null;
  /** False for a lower-fidelity evaluation: it costs but does not count as a result. */
  final?: boolean;
  cost: Cost;
  /** Simulated time (seconds) at which the result came back. */
  finishedAt: number;
  /** Wall-clock milliseconds the optimizer took to propose this trial. */
  decisionMs: number;
}

export interface RunKey {
  suite: string;
  task: string;
  optimizer: string;
  seed: number;
}

export interface RunResult extends RunKey {
  budget: RunBudget;
  workers: number;
  evaluations: Evaluation[];
  /** Direction of the primary objective, so regret can be computed without the task. */
  direction: "minimize" | "maximize";
  optimum: number | null;
  worst: number | null;
  /** Total optimizer decision time (ms) and simulated time (s) of the run. */
  decisionMs: number;
  simulatedSeconds: number;
  /** What the optimizer itself spent (LLM calls of LLM-guided optimizers); absent in results stored before it was recorded. */
  optimizerCost?: Cost;
  /** Why the run ended, or the error that stopped it. */
  stopReason: string;
  error: string | null;
}
