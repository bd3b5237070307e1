import { createOptimizer, type AgentTaskHooks } from "../../agents/index.js";
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
 * error inside the run is recorded in the result rather than thrown.
 */
export async function runOne(job: RunJob): Promise<RunResult> {
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
      const planned = job.optimizer === "auto" && job.budget.trials !== undefined ? { trials: job.budget.trials } : {};
      const sampler = createOptimizer(job.optimizer, { seed: job.seed, ...planned, fidelity: task.fidelitySpace ?? null, taskHooks: task as AgentTaskHooks });
      optimizer = samplerOptimizer(sampler, task.space, [primary]);
    }
    const run = await simulateRun(task, optimizer, { seed: job.seed, budget: job.budget, workers: job.workers });
    return { ...base, ...run };
  } catch (error) {
    return { ...base, stopReason: "error", error: error instanceof Error ? error.message : String(error) };
  } finally {
    await optimizer?.close();
  }
}
