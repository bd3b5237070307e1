import type { TabularTask } from "./tabular-task.js";
import { isFailed } from "./tabular-task.js";

/** The regret within which a recorded row counts as near the optimum (the report's target regret). */
export const NEAR_OPTIMAL_REGRET = 0.05;
/** A task with at least this share of near-optimal rows cannot tell optimizers apart: any first try is good. */
export const UNINFORMATIVE_SHARE = 0.9;

/**
 * The share of a table's rows at its highest fidelity whose normalized regret,
 * (optimum - value) / (optimum - worst) direction-aware, is at most `regret`: failed rows count
 * as far. Near 1, a random configuration is already near the optimum and every optimizer scores
 * regret 0 at its first evaluation, so the task cannot rank optimizers. Null when optimum and
 * worst coincide.
 */
export function nearOptimalShare(task: TabularTask, regret = NEAR_OPTIMAL_REGRET): number | null {
  const optimum = task.optimum;
  const worst = task.worst;
  if (optimum === worst) return null;
  const top = task.table.fidelities.length - 1;
  const rows = task.table.rows.filter((row) => row.level === top);
  const near = rows.filter((row) => !isFailed(row) && (optimum - (row.values[0] as number)) / (optimum - worst) <= regret).length;
  return near / rows.length;
}
