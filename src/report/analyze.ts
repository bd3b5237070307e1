import type { RunResult } from "../bench/runner/index.js";
import { averageRanks, bootstrapCI, friedmanTest, iqm, median, nemenyiCriticalDifference, type ConfidenceInterval, type FriedmanResult } from "../bench/stats/index.js";
import { rngFor } from "../math/index.js";
import { costCheckpoints, costCurve, primaryCostName } from "./cost-curve.js";

export interface OptimizerSummary {
  optimizer: string;
  runs: number;
  /** IQM of the final normalized regret over seeds, with a 95% bootstrap interval. */
  finalRegret: ConfidenceInterval;
  /** Median normalized regret after each evaluation (index 0 = after the first). */
  curve: number[];
  /** A 95% bootstrap interval of that median over seeds, [low, high] after each evaluation (200 resamples, seeded). */
  curveBand: [number, number][];
  /** Median normalized regret against simulated time: [seconds, regret] points. */
  timeCurve: [number, number][];
  /**
   * Median normalized regret against cumulative primary cost (`TaskAnalysis.costName`, every
   * evaluation finished by then counted, lower fidelities included): [cost, regret] points at
   * the task's `costCheckpoints`, the same costs for every optimizer. Empty when the task
   * reports no cost or the optimizer has no run on it.
   */
  costCurve: [number, number][];
  /**
   * Evaluations, simulated seconds and primary cost (the first cost the task reports, summed
   * over every evaluation finished by then, lower fidelities included) until the target regret
   * was first reached: medians over the runs that reached it. `runCosts`: that cost for each
   * run, in the order of the runs given, null for a run that never reached the target.
   */
  toTarget: { reached: number; evaluations: number | null; seconds: number | null; cost: number | null; costName: string | null; runCosts: (number | null)[] };
  /** Mean optimizer decision time per trial (wall ms). */
  decisionMsPerTrial: number;
  /** What the optimizer itself spent per run (LLM-guided optimizers' calls), mean by cost name; empty for the others. */
  optimizerCostPerRun: Record<string, number>;
}

export interface TaskAnalysis {
  task: string;
  /** Where the regret bounds came from: the task's data, or the best and worst values these runs saw. */
  bounds: { best: number; worst: number; source: "data" | "runs" };
  direction: "minimize" | "maximize";
  /** The primary cost (the first cost name the runs report), or null when they report none. */
  costName: string | null;
  /** Where cost curves are read: evenly spaced amounts of the primary cost up to the most any run spent. */
  costCheckpoints: number[];
  optimizers: OptimizerSummary[];
  /** Average rank of each optimizer on this task (over seeds; 1 = best). */
  ranks: Record<string, number>;
  /**
   * Share of the task's recorded rows within regret 0.05 of the optimum (nearOptimalShare), or
   * null when not known; at UNINFORMATIVE_SHARE or more the task cannot tell optimizers apart.
   */
  nearOptimalShare: number | null;
}

export interface Analysis {
  suites: string[];
  optimizers: string[];
  tasks: TaskAnalysis[];
  targetRegret: number;
  /** Average rank over tasks (of each task's IQM final regret), Friedman's test and Nemenyi's critical difference. */
  overall: { ranks: Record<string, number>; friedman: FriedmanResult | null; criticalDifference: number | null };
  errors: { task: string; optimizer: string; seed: number; error: string }[];
}

/**
 * Turns stored runs into the numbers a report shows. Normalized regret of a run after i
 * evaluations is (best - found) / (best - worst), direction-aware and clipped to [0, 1],
 * where `found` is the best value seen so far (1 before any success) and best/worst come from
 * the task's data, or else from the best and worst values all runs on the task saw.
 */
export function analyze(
  results: readonly RunResult[],
  options: { targetRegret?: number; optimizers?: readonly string[]; nearOptimalShare?: Readonly<Record<string, number | null>> } = {},
): Analysis {
  const targetRegret = options.targetRegret ?? 0.05;
  const present = new Set(results.map((r) => r.optimizer));
  const optimizers = options.optimizers ? options.optimizers.filter((o) => present.has(o)) : [...present];
  const taskIds = [...new Set(results.map((r) => r.task))];
  const errors = results.filter((r) => r.error).map((r) => ({ task: r.task, optimizer: r.optimizer, seed: r.seed, error: r.error! }));
  const tasks = taskIds.map((task) => ({
    ...analyzeTask(task, results.filter((r) => r.task === task && !r.error), optimizers, targetRegret),
    nearOptimalShare: options.nearOptimalShare?.[task] ?? null,
  }));

  const complete = tasks.filter((t) => optimizers.every((o) => t.optimizers.some((s) => s.optimizer === o && s.runs > 0)));
  const matrix = complete.map((t) => optimizers.map((o) => t.optimizers.find((s) => s.optimizer === o)!.finalRegret.estimate));
  const ranks: Record<string, number> = {};
  if (matrix.length > 0) averageRanks(matrix).forEach((r, i) => (ranks[optimizers[i]] = r));
  const testable = matrix.length >= 2 && optimizers.length >= 2;
  return {
    suites: [...new Set(results.map((r) => r.suite))],
    optimizers,
    tasks,
    targetRegret,
    overall: {
      ranks,
      friedman: testable ? friedmanTest(matrix) : null,
      criticalDifference: testable && optimizers.length <= 10 ? nemenyiCriticalDifference(optimizers.length, matrix.length) : null,
    },
    errors,
  };
}

function analyzeTask(task: string, runs: readonly RunResult[], optimizers: readonly string[], targetRegret: number): Omit<TaskAnalysis, "nearOptimalShare"> {
  const direction = runs[0]?.direction ?? "minimize";
  const sign = direction === "maximize" ? -1 : 1;
  const seen = runs.flatMap((r) => r.evaluations.filter((e) => e.final !== false).map((e) => e.value).filter((v): v is number => v !== null));
  const fromData = runs.find((r) => r.optimum !== null && r.worst !== null);
  const lossesSeen = seen.map((v) => sign * v);
  const bounds = fromData
    ? { best: fromData.optimum!, worst: fromData.worst!, source: "data" as const }
    : {
        best: sign * Math.min(...lossesSeen, Infinity),
        worst: sign * Math.max(...lossesSeen, -Infinity),
        source: "runs" as const,
      };
  // A task whose optimum is known but not its worst value takes the worst from the runs.
  const known = runs.find((r) => r.optimum !== null);
  if (!fromData && known) bounds.best = known.optimum!;
  const span = sign * (bounds.worst - bounds.best);
  const regretOf = (value: number) => (span > 0 ? Math.min(1, Math.max(0, (sign * (value - bounds.best)) / span)) : 0);

  const costName = primaryCostName(runs);
  const checkpoints = costCheckpoints(runs, costName);
  const summaries: OptimizerSummary[] = optimizers.map((optimizer) => {
    const mine = runs.filter((r) => r.optimizer === optimizer);
    const perRun = mine.map((run) => regretCurve(run, regretOf));
    const finals = perRun.map((c) => c[c.length - 1] ?? 1);
    const length = Math.max(0, ...perRun.map((c) => c.length));
    const atEvaluation = (i: number) => perRun.map((c) => c[Math.min(i, c.length - 1)] ?? 1);
    const curve = Array.from({ length }, (_, i) => median(atEvaluation(i)));
    const bandRng = rngFor(0, "report-band", task, optimizer);
    const curveBand = Array.from({ length }, (_, i): [number, number] => {
      const interval = bootstrapCI(atEvaluation(i), median, { resamples: 200, rng: bandRng });
      return [interval.low, interval.high];
    });
    const runHits = mine.map((run, i) => {
      const at = perRun[i].findIndex((r) => r <= targetRegret);
      if (at < 0) return null;
      const spent = costName === null ? 0 : run.evaluations.slice(0, at + 1).reduce((sum, e) => sum + (e.cost[costName] ?? 0), 0);
      return { evaluations: at + 1, seconds: run.evaluations[at].finishedAt, cost: spent };
    });
    const hits = runHits.filter((h): h is { evaluations: number; seconds: number; cost: number } => h !== null);
    const trials = mine.reduce((n, r) => n + r.evaluations.length, 0);
    return {
      optimizer,
      runs: mine.length,
      finalRegret: finals.length ? bootstrapCI(finals, iqm, { rng: rngFor(0, "report", task, optimizer) }) : { estimate: NaN, low: NaN, high: NaN },
      curve,
      curveBand,
      timeCurve: timeCurve(mine, perRun),
      costCurve: costName === null ? [] : costCurve(mine, perRun, costName, checkpoints),
      toTarget: {
        reached: hits.length,
        evaluations: hits.length ? median(hits.map((h) => h.evaluations)) : null,
        seconds: hits.length ? median(hits.map((h) => h.seconds)) : null,
        cost: hits.length && costName !== null ? median(hits.map((h) => h.cost)) : null,
        costName,
        runCosts: runHits.map((h) => (h && costName !== null ? h.cost : null)),
      },
      decisionMsPerTrial: trials ? mine.reduce((s, r) => s + r.decisionMs, 0) / trials : 0,
      optimizerCostPerRun: meanCost(mine.map((r) => r.optimizerCost ?? {})),
    };
  });

  // Rank per seed among the optimizers that ran it, then average.
  const seeds = [...new Set(runs.map((r) => r.seed))];
  const rows = seeds
    .map((seed) => optimizers.map((o) => runs.find((r) => r.seed === seed && r.optimizer === o)))
    .filter((row) => row.every(Boolean))
    .map((row) => row.map((run) => finalRegret(run!, regretOf)));
  const ranks: Record<string, number> = {};
  if (rows.length > 0) averageRanks(rows).forEach((r, i) => (ranks[optimizers[i]] = r));
  return { task, bounds, direction, costName, costCheckpoints: checkpoints, optimizers: summaries, ranks };
}

function regretCurve(run: RunResult, regretOf: (value: number) => number): number[] {
  let best = 1;
  return run.evaluations.map((e) => {
    // Lower-fidelity evaluations cost but are not results.
    if (e.value !== null && e.final !== false) best = Math.min(best, regretOf(e.value));
    return best;
  });
}

function finalRegret(run: RunResult, regretOf: (value: number) => number): number {
  const curve = regretCurve(run, regretOf);
  return curve[curve.length - 1] ?? 1;
}

/** Median regret over runs at 40 evenly spaced simulated times. */
function timeCurve(runs: readonly RunResult[], curves: readonly number[][]): [number, number][] {
  const end = Math.max(0, ...runs.map((r) => r.simulatedSeconds));
  if (end === 0) return [];
  return Array.from({ length: 40 }, (_, i) => {
    const t = (end * (i + 1)) / 40;
    const values = runs.map((run, r) => {
      let at = -1;
      while (at + 1 < run.evaluations.length && run.evaluations[at + 1].finishedAt <= t) at++;
      return at < 0 ? 1 : curves[r][at];
    });
    return [t, median(values)];
  });
}

/** The mean of costs by name (a name missing from a cost counts as 0). */
function meanCost(costs: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const cost of costs) for (const [name, amount] of Object.entries(cost)) total[name] = (total[name] ?? 0) + amount;
  for (const name of Object.keys(total)) total[name] /= costs.length;
  return total;
}
