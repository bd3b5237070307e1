import type { RunResult } from "../bench/runner/index.js";
import { quantile } from "../bench/stats/index.js";
import type { TaskAnalysis } from "./analyze.js";

/** Per evaluation, the median normalized regret over seeds and an interval around it. */
export interface RegretBand {
  optimizer: string;
  runs: number;
  median: number[];
  low: number[];
  high: number[];
}

/**
 * Regret curves with intervals for one task: for each optimizer and each evaluation count,
 * the median and the `low`/`high` quantiles (default the quartiles) over seeds of the
 * best-so-far normalized regret. Regret is computed as `analyze` does, from the task's
 * bounds and direction; a shorter run keeps its last regret.
 */
export function regretBands(runs: readonly RunResult[], task: TaskAnalysis, options: { low?: number; high?: number } = {}): RegretBand[] {
  const lowQ = options.low ?? 0.25;
  const highQ = options.high ?? 0.75;
  const sign = task.direction === "maximize" ? -1 : 1;
  const span = sign * (task.bounds.worst - task.bounds.best);
  const regretOf = (value: number) => (span > 0 ? Math.min(1, Math.max(0, (sign * (value - task.bounds.best)) / span)) : 0);
  return task.optimizers.map(({ optimizer }) => {
    const curves = runs
      .filter((r) => r.task === task.task && r.optimizer === optimizer && !r.error)
      .map((run) => {
        let best = 1;
        return run.evaluations.map((e) => {
          if (e.value !== null && e.final !== false) best = Math.min(best, regretOf(e.value));
          return best;
        });
      })
      .filter((c) => c.length > 0);
    const length = Math.max(0, ...curves.map((c) => c.length));
    const band: RegretBand = { optimizer, runs: curves.length, median: [], low: [], high: [] };
    for (let i = 0; i < length; i++) {
      const values = curves.map((c) => c[Math.min(i, c.length - 1)]);
      band.median.push(quantile(values, 0.5));
      band.low.push(quantile(values, lowQ));
      band.high.push(quantile(values, highQ));
    }
    return band;
  });
}
