import { checkBenchPlan } from "./check-plan.js";
import type { RunJob } from "./run-one.js";
import { listSource, runPool } from "./pool.js";
import type { ResultsStore } from "./results-store.js";
import type { RunBudget, RunResult } from "./spec.js";

export interface BenchPlan {
  suite: string;
  tasks: string[];
  optimizers: string[];
  seeds: number;
  budget: RunBudget;
  /** Parallel workers on each run's simulated clock (default 1). */
  workers?: number;
}

export interface BenchProgress {
  done: number;
  total: number;
  skipped: number;
  result: RunResult;
}

/** Every run of the matrix: tasks x optimizers x seeds 0..N-1. */
export function planJobs(plan: BenchPlan): RunJob[] {
  const jobs: RunJob[] = [];
  for (const task of plan.tasks) {
    for (const optimizer of plan.optimizers) {
      for (let seed = 0; seed < plan.seeds; seed++) {
        jobs.push({ suite: plan.suite, task, optimizer, seed, budget: plan.budget, workers: plan.workers ?? 1 });
      }
    }
  }
  return jobs;
}

/**
 * Runs the plan's runs not yet in the store, over `concurrency` processes, saving each
 * run as it ends; a re-run after a kill continues with the runs that are missing. The plan
 * is checked first (checkBenchPlan): a task, budget name or optimizer that cannot run is a
 * ValidationError before any run. Aborting `signal` stops promptly; the runs in flight are
 * not saved (a re-run does them).
 */
export async function runBench(
  plan: BenchPlan,
  store: ResultsStore,
  options: { concurrency: number; onProgress?: (progress: BenchProgress) => void; signal?: AbortSignal },
): Promise<{ ran: number; skipped: number; errors: number }> {
  checkBenchPlan(plan);
  const all = planJobs(plan);
  const todo = all.filter((job) => !store.has(job, job.budget, job.workers));
  const skipped = all.length - todo.length;
  let done = 0;
  let errors = 0;
  await runPool(
    listSource(todo),
    options.concurrency,
    (result) => {
      store.save(result);
      done++;
      if (result.error) errors++;
      options.onProgress?.({ done, total: todo.length, skipped, result });
    },
    options.signal,
  );
  return { ran: done, skipped, errors };
}
