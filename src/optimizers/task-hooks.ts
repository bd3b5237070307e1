import type { Config } from "../space/index.js";
import type { AgentTaskHooks } from "./spec.js";

/**
 * The hooks an agent may use that a task object offers (a multi-stage task's
 * `plannedCompute`, `computeBudget` and `pipeline.budget`), read by shape: the Task contract
 * does not declare them, and any task may offer them.
 */
export function taskHooksOf(task: object): AgentTaskHooks {
  const hooks: AgentTaskHooks = {};
  if ("plannedCompute" in task && typeof task.plannedCompute === "function") {
    const plannedCompute = task.plannedCompute;
    hooks.plannedCompute = (config: Config) => Number(plannedCompute.call(task, config));
  }
  if ("computeBudget" in task && (typeof task.computeBudget === "number" || task.computeBudget === null)) hooks.computeBudget = task.computeBudget;
  if ("pipeline" in task && typeof task.pipeline === "object" && task.pipeline !== null && "budget" in task.pipeline) {
    const budget = task.pipeline.budget;
    if (typeof budget === "number" || budget === null) hooks.pipeline = { budget };
  }
  return hooks;
}
