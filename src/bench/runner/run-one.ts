import { createOptimizer, taskHooksOf } from "../../optimizers/index.js";
import type { Sampler } from "../../samplers/index.js";
import type { Task } from "../task/index.js";
import { externalOptimizer } from "./external-optimizer.js";
import { getTask } from "../builtin/index.js";
import { samplerOptimizer, type RunOptimizer } from "./run-optimizer.js";
import { simulateRun } from "./simulate-run.js";
import type { RunBudget, RunKey, RunResult } from "./spec.js";

/** One run of the benchmark matrix. */
export interface RunJob extends RunKey {
  budget: RunBudget;
  workers: number;
}

/**
 * Runs one (task, optimizer, seed): deterministic from the job alone, whichever process
 * runs it. An optimizer named `cmd:<command>` is an external one over the protocol. An
 * error inside the run is recorded in the result rather than thrown. Aborting `signal`
 * stops the run within moments and rejects with the signal's reason (no result).
 */
export async function runOne(job: RunJob, signal?: AbortSignal): Promise<RunResult> {
  const task = getTask(job.task);
  const primary = task.objectives[0];
  const base: RunResult = {
    ...job,
    evaluations: [],
    direction: primary.direction,
    optimum: task.optimum ?? null,
    worst: task.worst ?? null,
    decisionMs: 0,
    simulatedSeconds: 0,
    stopReason: "",
    error: null,
  };
  let optimizer: RunOptimizer | null = null;
  try {
    if (job.optimizer.startsWith("cmd:")) {
      optimizer = await externalOptimizer(job.optimizer.slice(4).trim(), { space: task.space, objectives: [primary], seed: job.seed });
    } else {
      optimizer = samplerOptimizer(createRunSampler(job.optimizer, task, job.seed, job.budget), task.space, [primary]);
    }
    const run = await simulateRun(task, optimizer, { seed: job.seed, budget: job.budget, workers: job.workers, signal });
    return { ...base, ...run };
  } catch (error) {
    // An interrupted run is not a result: it is left out, to be run again.
    if (signal?.aborted) throw error;
    return { ...base, stopReason: "error", error: error instanceof Error ? error.message : String(error) };
  } finally {
    await optimizer?.close();
  }
}

/** The in-process optimizer of a run, made the same way for every run (and by checkBenchPlan). */
export function createRunSampler(name: string, task: Task, seed: number, budget: RunBudget): Sampler {
  // Multi-fidelity optimizers keep their last top-level evaluation for the end of the budget.
  return createOptimizer(
    name,
    { seed },
    { plannedTrials: budget.trials, space: task.space, fidelity: task.fidelitySpace ?? null, taskHooks: taskHooksOf(task), fidelityCost: task.fidelityCost, budget: { ...budget } },
  );
}
