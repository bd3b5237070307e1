import type { RunResult } from "../bench/runner/index.js";
import { median } from "../bench/stats/index.js";

/** Number of evenly spaced costs an anytime curve against cost is sampled at. */
export const COST_CHECKPOINTS = 40;

/** The task's primary cost: the first cost name its runs' evaluations report, or null when none reports one. */
export function primaryCostName(runs: readonly RunResult[]): string | null {
  for (const run of runs) {
    for (const evaluation of run.evaluations) {
      const [name] = Object.keys(evaluation.cost);
      if (name !== undefined) return name;
    }
  }
  return null;
}

/**
 * The costs at which every optimizer's curve on a task is read: `count` evenly spaced
 * amounts up to the most any run spent (so the last one is the largest spend), or none
 * when no run spent anything.
 */
export function costCheckpoints(runs: readonly RunResult[], costName: string | null, count = COST_CHECKPOINTS): number[] {
  if (costName === null) return [];
  const end = Math.max(0, ...runs.map((run) => cumulativeCost(run, costName).at(-1) ?? 0));
  if (!(end > 0) || !Number.isFinite(end)) return [];
  // The last checkpoint is exactly the largest spend, so that run's last evaluation counts there.
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? end : (end * (i + 1)) / count));
}

/**
 * Median over runs of the best-so-far normalized regret once `cost` had been spent, at each
 * checkpoint: a run's regret after the last evaluation whose cumulative cost (every
 * evaluation finished by then, lower fidelities and failures included) is within the
 * amount, 1 before its first, and its final regret once it has ended. `curves[r]` is run r's
 * regret after each evaluation. No points without runs.
 */
export function costCurve(runs: readonly RunResult[], curves: readonly number[][], costName: string, checkpoints: readonly number[]): [number, number][] {
  if (runs.length === 0) return [];
  const spent = runs.map((run) => cumulativeCost(run, costName));
  return checkpoints.map((cost) => {
    const values = runs.map((_, r) => {
      let at = -1;
      while (at + 1 < spent[r].length && spent[r][at + 1] <= cost) at++;
      return at < 0 ? 1 : curves[r][at];
    });
    return [cost, median(values)];
  });
}

/** Total cost after each evaluation of the run, in the order they finished (a missing cost counts as 0). */
function cumulativeCost(run: RunResult, costName: string): number[] {
  let total = 0;
  return run.evaluations.map((evaluation) => (total += evaluation.cost[costName] ?? 0));
}
