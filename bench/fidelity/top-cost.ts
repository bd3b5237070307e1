import type { Task } from "../../src/bench/task/index.js";
import { SurrogateTask } from "../../src/bench/surrogate/index.js";
import { TabularTask } from "../../src/bench/tabular/index.js";

/**
 * The cost of one top-level evaluation of a recorded multi-fidelity task, in its primary cost:
 * the mean over the rows recorded at the top level (a run from its start to the end, for a
 * task whose levels lie on one run). A surrogate task answers with its data's. Budgets of
 * "k top-level evaluations' worth" are k times this.
 */
export function topLevelCost(task: Task): { name: string; amount: number } {
  const table = task instanceof TabularTask ? task.table : task instanceof SurrogateTask ? task.base.table : null;
  if (!table) throw new Error(`${task.id}: not a recorded task, its top-level cost is unknown`);
  const name = table.costNames[0];
  const top = table.fidelities.length - 1;
  const costs = table.rows.filter((row) => row.level === top && row.cost[name] !== undefined).map((row) => row.cost[name]);
  if (costs.length === 0) throw new Error(`${task.id}: no row at the top level records ${name}`);
  return { name, amount: costs.reduce((a, b) => a + b, 0) / costs.length };
}
