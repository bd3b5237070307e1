/** The benchmark runner: optimizers x tasks x seeds on a simulated clock, results in SQLite. */
export type { Evaluation, RunBudget, RunKey, RunnableTask, RunResult } from "./spec.js";
export { RUN_TRIAL_CAP, simulateRun, type SimulateOptions, type SimulatedRun } from "./simulate-run.js";
export { checkBenchPlan } from "./check-plan.js";
export { samplerOptimizer, type RunOptimizer } from "./run-optimizer.js";
export { externalOptimizer, ExternalOptimizerError } from "./external-optimizer.js";
export { runOne, type RunJob } from "./run-one.js";
export { planJobs, runBench, type BenchPlan, type BenchProgress } from "./run-bench.js";
export { listSource, runPool, type JobSource } from "./pool.js";
export { ResultsStore, budgetKey } from "./results-store.js";
export { BENCH_HEARTBEAT_MS, BENCH_STALE_MS, benchQueueName, collectBenchQueue, enqueueBench, waitForBenchQueue, workBenchQueue, type BenchQueueWait, type BenchWorkerOptions } from "./bench-queue.js";
