import { performance } from "node:perf_hooks";
import { getSyntheticFunction } from "../../src/bench/synthetic/index.js";
import { createOptimizer } from "../../src/optimizers/index.js";
import { runSampler } from "../../src/testing/run-sampler.js";

/** One run: a sampler with one seed on one function, up to the largest budget. */
export interface Job {
  functionId: string;
  sampler: string;
  seed: number;
  budgets: number[];
}

/** Best value found within each budget, or why the run failed. */
export type JobResult =
  | { job: Job; ok: true; bestAt: number[]; milliseconds: number }
  | { job: Job; ok: false; error: string };

/**
 * Runs a job. A sampler's proposals depend only on (seed, trial number, history) and never
 * on the budget, so one run to the largest budget gives the run of every smaller budget as
 * its prefix; the result depends on the job alone, not on which process ran it.
 */
export async function runJob(job: Job): Promise<JobResult> {
  try {
    const f = getSyntheticFunction(job.functionId);
    const sampler = createOptimizer(job.sampler, { seed: job.seed });
    const start = performance.now();
    const trials = await runSampler({ sampler, space: f.space, evaluate: (config) => f.evaluate(config), trials: Math.max(...job.budgets) });
    const milliseconds = performance.now() - start;
    const bestAt = job.budgets.map((budget) => Math.min(...trials.slice(0, budget).map((t) => t.values?.[0] ?? Infinity)));
    return { job, ok: true, bestAt, milliseconds };
  } catch (error) {
    return { job, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
