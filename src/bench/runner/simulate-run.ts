import { performance } from "node:perf_hooks";
import { deriveSeed } from "../../math/index.js";
import { addCost, sumCosts, type Cost, type TrialRecord } from "../../storage/index.js";
import { budgetAllowsStart, parseBudget } from "../../study/index.js";
import { makeTrial } from "../../testing/index.js";
import { ContinuationLedger } from "./continuation-ledger.js";
import type { RunOptimizer } from "./run-optimizer.js";
import type { Evaluation, RunBudget, RunnableTask } from "./spec.js";

/**
 * The most trials one benchmark run may start, whatever its budget: a run capped only by a
 * cost that its evaluations barely spend would otherwise go on until memory runs out.
 */
export const RUN_TRIAL_CAP = 10_000;

export interface SimulateOptions {
  seed: number;
  budget: RunBudget;
  /** Parallel workers on the simulated clock (default 1). */
  workers?: number;
  /** Aborting stops the run between two trials and rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface SimulatedRun {
  evaluations: Evaluation[];
  decisionMs: number;
  simulatedSeconds: number;
  /** What the optimizer itself spent (LLM-guided optimizers), apart from the evaluations' cost. */
  optimizerCost: Cost;
  stopReason: string;
}

interface InFlight {
  trial: TrialRecord;
  finishAt: number;
  result: { values: number[]; cost: Cost; failed: boolean; constraints: number[] | null };
}

/**
 * Runs an optimizer on a task with a simulated clock. Each evaluation takes the time its
 * data records (`elapsedSeconds`, default 1 s); `workers` evaluations run at once, and a
 * worker asks for its next trial the moment its last one finishes, seeing the others still
 * running (as in an asynchronous parallel study). The optimizer sees a result only when its
 * simulated time has come. The optimizer's own wall-clock decision time is measured apart
 * and does not move the simulated clock. The optimizer sees the primary objective only.
 * On a task whose levels lie on one run (`fidelityCost: "continue"`), an evaluation is
 * charged what continuing its configuration's run costs (see ContinuationLedger), in cost
 * and in simulated time.
 */
export async function simulateRun(task: RunnableTask, optimizer: RunOptimizer, options: SimulateOptions): Promise<SimulatedRun> {
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const budget = parseBudget(options.budget);
  // Whatever the budget, a run ends by RUN_TRIAL_CAP trials (a cost its trials barely spend would never stop it).
  const capped = budget.trials > RUN_TRIAL_CAP;
  if (capped) budget.trials = RUN_TRIAL_CAP;
  let yielded = performance.now();
  const history: TrialRecord[] = [];
  const running: InFlight[] = [];
  const evaluations: Evaluation[] = [];
  const trialSpend: Cost = {};
  const optimizerCost: Cost = {};
  let finished = 0;
  let now = 0;
  let decisionMs = 0;
  let stopReason = "";
  const ledger = new ContinuationLedger(task.fidelityCost === "continue", task.fidelities);

  const canStart = (): boolean => {
    if (stopReason) return false;
    const verdict = budgetAllowsStart(budget, {
      started: history.length,
      inFlight: running.length,
      finished,
      spend: sumCosts(trialSpend, optimizerCost),
      trialSpend,
      elapsedMs: now * 1000,
    });
    if (!verdict.ok) stopReason = capped && history.length >= RUN_TRIAL_CAP ? `hard cap of ${RUN_TRIAL_CAP} trials per run reached` : verdict.reason;
    return verdict.ok;
  };

  while (true) {
    // Let timers and signal handlers (Ctrl-C) run now and then: samplers and tasks may never yield.
    if (performance.now() - yielded > 50) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = performance.now();
    }
    options.signal?.throwIfAborted();
    while (running.length < workers && canStart()) {
      const number = history.length;
      const start = performance.now();
      const proposal = await optimizer.ask(history, number);
      const decided = performance.now() - start;
      decisionMs += decided;
      if (proposal.optimizerCost) addCost(optimizerCost, proposal.optimizerCost);
      const trial = makeTrial({ number, config: proposal.config, fidelity: proposal.fidelity ?? null, state: "running" });
      history.push(trial);
      const fidelity = proposal.fidelity ?? null;
      const outcome = await task.evaluate(proposal.config, fidelity, deriveSeed(options.seed, "evaluate", number));
      const { cost, elapsedSeconds } = ledger.charge(proposal.config, fidelity, outcome);
      const failed = outcome.failed === true || outcome.values.some((v) => !Number.isFinite(v));
      running.push({ trial, finishAt: now + (elapsedSeconds ?? 1), result: { values: outcome.values, cost, failed, constraints: outcome.constraints ?? null } });
      evaluations.push({ trial: number, value: null, cost, finishedAt: NaN, decisionMs: decided, fidelity, final: isFinal(task, fidelity) });
    }
    if (running.length === 0) break;
    // The earliest finish (ties by trial number, so runs are deterministic).
    let next = 0;
    for (let i = 1; i < running.length; i++) {
      const a = running[i];
      const b = running[next];
      if (a.finishAt < b.finishAt || (a.finishAt === b.finishAt && a.trial.number < b.trial.number)) next = i;
    }
    const done = running.splice(next, 1)[0];
    now = done.finishAt;
    finished++;
    addCost(trialSpend, done.result.cost);
    const primary = done.result.values[0];
    const record: TrialRecord = done.result.failed
      ? { ...done.trial, state: "failed", cost: done.result.cost, error: "failed in the recorded data" }
      : { ...done.trial, state: "complete", values: [primary], cost: done.result.cost, constraints: done.result.constraints };
    history[done.trial.number] = record;
    const evaluation = evaluations[done.trial.number];
    evaluation.value = done.result.failed ? null : primary;
    evaluation.finishedAt = now;
    await optimizer.tell(record);
  }
  // Report evaluations in the order their results came back.
  evaluations.sort((a, b) => a.finishedAt - b.finishedAt || a.trial - b.trial);
  return { evaluations, decisionMs, simulatedSeconds: now, optimizerCost, stopReason: stopReason || "no trial left to start" };
}

/** Whether an evaluation at this fidelity is a result: at the task's highest fidelity (or it has none). */
function isFinal(task: RunnableTask, fidelity: Record<string, unknown> | null): boolean {
  const top = task.fidelities?.at(-1);
  if (!fidelity || !top) return true;
  return Object.entries(top).every(([name, value]) => fidelity[name] === value);
}
