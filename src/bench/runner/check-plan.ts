import { KnobsError, ValidationError, type Issue } from "../../errors/index.js";
import { UnknownOptimizerError } from "../../optimizers/index.js";
import { getTask } from "../builtin/index.js";
import type { BenchPlan } from "./run-bench.js";
import { createRunSampler } from "./run-one.js";
import { RUN_TRIAL_CAP } from "./simulate-run.js";

/** Budget names every run understands, beside the costs its task reports. */
const RUN_LIMITS = ["trials", "wall"];

/**
 * Checks a benchmark plan before any run, so a matrix never runs for hours to fail in part:
 * each task loads; each budget name is `trials`, `wall` or a cost every task reports (a cap
 * on a cost the task never reports is never reached); `trials` is at most RUN_TRIAL_CAP;
 * and each optimizer can be made for each task (its name is known, a scheduler has a
 * fidelity space to use). External `cmd:` optimizers are checked when they start.
 * Throws a ValidationError listing every problem.
 */
export function checkBenchPlan(plan: BenchPlan): void {
  const issues: Issue[] = [];
  const trials = plan.budget.trials;
  if (trials !== undefined && trials > RUN_TRIAL_CAP) {
    issues.push({ code: "too_big", path: ["budget", "trials"], message: `expected at most ${RUN_TRIAL_CAP} (the hard cap of trials per run), received ${trials}` });
  }
  const unknownOptimizers = new Set<string>();
  for (const id of plan.tasks) {
    let task;
    try {
      task = getTask(id);
    } catch (error) {
      if (!(error instanceof KnobsError)) throw error;
      issues.push({ code: error.code, path: ["tasks"], message: `task "${id}" cannot be loaded: ${error.message}` });
      continue;
    }
    for (const name of Object.keys(plan.budget)) {
      if (RUN_LIMITS.includes(name) || task.costNames.includes(name)) continue;
      const costs = task.costNames.length > 0 ? `its costs: ${task.costNames.join(", ")}` : "it reports none";
      issues.push({ code: "unknown_cost", path: ["budget", name], message: `task "${id}" reports no cost "${name}" (${costs}); a run's budget caps trials, wall or a cost its tasks report` });
    }
    plan.optimizers.forEach((name, index) => {
      if (name.startsWith("cmd:") || unknownOptimizers.has(name)) return;
      try {
        createRunSampler(name, task, 0, plan.budget);
      } catch (error) {
        if (!(error instanceof KnobsError)) throw error;
        // An unknown name is said once, not once per task.
        if (error instanceof UnknownOptimizerError) {
          unknownOptimizers.add(name);
          issues.push({ code: error.code, path: ["optimizers", index], message: error.message });
        } else {
          issues.push({ code: error.code, path: ["optimizers", index], message: `"${name}" cannot run task "${id}": ${error.message}` });
        }
      }
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
