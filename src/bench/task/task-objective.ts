import { deriveSeed } from "../../math/index.js";
import type { ObjectiveFunction } from "../../study/index.js";
import type { Task } from "./spec.js";

/**
 * A study objective that evaluates a task: each trial runs `task.evaluate` on its config
 * and fidelity, with a seed derived from (seed, trial number), and reports every objective
 * and the evaluation's cost. A failed evaluation fails the trial.
 *
 * @example
 * await study.optimize(taskObjective(getTask("rag/chroma-chunking"), 0), { budget: { trials: 50 } });
 */
export function taskObjective(task: Task, seed: number): ObjectiveFunction {
  return async (trial) => {
    const evaluation = await task.evaluate(trial.config, trial.fidelity ?? null, deriveSeed(seed, "task", trial.number));
    if (evaluation.failed) throw new Error(`task ${task.id}: the evaluation failed (recorded as failed in the data)`);
    return { values: evaluation.values, cost: evaluation.cost, ...(evaluation.constraints ? { constraints: evaluation.constraints } : {}) };
  };
}
