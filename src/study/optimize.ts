import { hostname } from "node:os";
import { ValidationError } from "../errors/index.js";
import { sumCosts, TrialLimitReachedError, TrialNotRunningError, type TrialRecord } from "../storage/index.js";
import { budgetAllowsStart, costBudgetReason, DEFAULT_BUDGET, isParsedBudget, parseBudget, parseDuration, type Budget, type ParsedBudget } from "./budget.js";
import { TrialTimeoutError } from "./errors.js";
import type { ObjectiveResult } from "./objective-result.js";
import { OutageGuard } from "./outage-guard.js";
import type { Study, TellOutcome } from "./study.js";
import type { Trial } from "./trial.js";

/** An objective: takes a trial (its `config`, or define-by-run `suggest*`), returns a result. */
export type ObjectiveFunction = (trial: Trial) => ObjectiveResult | Promise<ObjectiveResult>;

/** The most trials one process runs at once; more is a mistake (each one is a live objective call). */
export const MAX_CONCURRENCY = 1024;

export interface OptimizeOptions {
  /** Trials run at once (default 1, an integer from 1 to MAX_CONCURRENCY); never more than the trial budget has left. */
  concurrency?: number;
  /** Caps on trials, wall time and costs; see Budget (or one parsed already). Default: 100 trials (DEFAULT_BUDGET). */
  budget?: Budget | ParsedBudget;
  /** Fail a trial whose objective runs longer than this (ms or "30s"); its `signal` is aborted. */
  timeout?: number | string;
  /** How often this process marks its running trials alive (default 5 s). */
  heartbeatInterval?: number | string;
  /** A running trial whose heartbeat is older than this is failed (default 30 s). */
  heartbeatTimeout?: number | string;
  /** How many times a configuration whose worker died is re-queued (default 0). */
  retries?: number;
  /** Stops starting trials when aborted; trials in flight finish. */
  signal?: AbortSignal;
  /** Called after each trial finishes. */
  onTrialFinished?: (trial: TrialRecord) => void;
}

export interface OptimizeSummary {
  /** Trials this call finished, by state. */
  complete: number;
  failed: number;
  pruned: number;
  /** Why the loop stopped. */
  stopReason: string;
}

/**
 * The async optimize loop: `concurrency` workers each ask, run the objective, and tell,
 * until a budget cap, the sampler's end or the abort signal. A failing objective fails
 * its trial and the loop goes on.
 */
export async function optimizeStudy(study: Study, objective: ObjectiveFunction, options: OptimizeOptions = {}): Promise<OptimizeSummary> {
  const given = options.budget ?? DEFAULT_BUDGET;
  const budget = isParsedBudget(given) ? given : parseBudget(given);
  const concurrency = checkConcurrency(options.concurrency ?? 1);
  const timeoutMs = options.timeout === undefined ? Infinity : (parseDuration(options.timeout) ?? Infinity);
  const heartbeatMs = parseDuration(options.heartbeatInterval ?? 5000) ?? 5000;
  const staleMs = parseDuration(options.heartbeatTimeout ?? 30_000) ?? 30_000;
  const maxRetries = options.retries ?? 0;
  const started = Date.now();
  const summary: OptimizeSummary = { complete: 0, failed: 0, pruned: 0, stopReason: "" };
  let reserved = 0;
  let inFlight = 0;

  const guard = new OutageGuard((message) => study.warn(message), staleMs);
  const reap = async () => {
    await study.storage.failStaleTrials(study.id, {
      now: Date.now(),
      timeoutMs: staleMs,
      maxRetries,
      deadWorkers: deadLocalWorkers(study.trials),
    });
  };
  await reap();
  await study.refresh();
  // One heartbeat at a time (during an outage one can take the storage's whole retry
  // window), awaited before the loop returns so none runs on a closed storage.
  let beating: Promise<void> | null = null;
  const beat = setInterval(() => {
    if (beating) return;
    const sent = Date.now();
    beating = study.storage
      .heartbeat(study.workerId, sent)
      .then(async () => {
        guard.answered(Date.now() - sent > heartbeatMs);
        if (guard.mayJudgeStale()) await reap();
      })
      .catch((error) => {
        if (!guard.failed(error, "heartbeats")) study.warn(`heartbeat failed: ${String(error)}`);
      })
      .finally(() => (beating = null));
  }, heartbeatMs);
  beat.unref();

  // The cost cap that stopped the loop: its reason is worded again at the end, with what the
  // trials still in flight then spent, so it agrees with the spend printed beside it.
  let stoppedBy: { name: string; cap: number } | null = null;
  const canStart = (): boolean => {
    if (summary.stopReason) return false;
    if (options.signal?.aborted) return stop("stopped by signal");
    if (study.sampler.doIsExhausted?.({ space: study.space, objectives: study.objectives, trials: study.trials })) {
      return stop(`sampler ${study.sampler.name} has no configuration left`);
    }
    const counts = study.counts;
    const verdict = budgetAllowsStart(budget, {
      started: counts.started + reserved,
      inFlight: inFlight + reserved,
      finished: counts.finished,
      spend: sumCosts(counts.trialSpend, study.optimizerCost),
      trialSpend: counts.trialSpend,
      elapsedMs: Date.now() - started,
    });
    if (verdict.ok) return true;
    if (!summary.stopReason && verdict.cost) stoppedBy = verdict.cost;
    return stop(verdict.reason);
  };
  const stop = (reason: string): false => {
    summary.stopReason ||= reason;
    return false;
  };

  // Asks run one at a time in this process, each after the budget and the sampler's end
  // are checked again: the sampler then sees every trial already started, and a finished
  // grid is not asked twice.
  let askQueue: Promise<unknown> = Promise.resolve();
  const askInTurn = (controller: AbortController): Promise<Trial | null> => {
    const turn = askQueue.then(async () => {
      if (!canStart()) return null;
      reserved++;
      try {
        // The storage checks the trial budget again as it starts the trial: other processes
        // may have started trials since this one last read the study.
        const trialLimit = Number.isFinite(budget.trials) ? Math.ceil(budget.trials) : undefined;
        const trial = await guard.run("the next ask", () => study.ask({ heartbeat: true, signal: controller.signal, trialLimit }), () => options.signal?.aborted === true);
        inFlight++;
        return trial;
      } catch (error) {
        if (!(error instanceof TrialLimitReachedError)) throw error;
        stop(`trial budget reached (${budget.trials})`);
        return null;
      } finally {
        reserved--;
      }
    });
    askQueue = turn.catch(() => {});
    return turn;
  };

  const worker = async () => {
    for (;;) {
      const controller = new AbortController();
      const trial = await askInTurn(controller);
      if (!trial) return;
      try {
        const finished = await runTrial(study, trial, objective, timeoutMs, controller, guard);
        if (finished) {
          summary[finished.state as "complete" | "failed" | "pruned"]++;
          options.onTrialFinished?.(finished);
        }
      } finally {
        inFlight--;
      }
    }
  };
  // No more workers than trials the budget has left: a worker beyond them would only ask to stop.
  const trialsLeft = Math.ceil(budget.trials) - study.counts.started;
  const workers = Math.max(1, Math.min(concurrency, trialsLeft));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    clearInterval(beat);
    await beating;
  }
  const stopped = stoppedBy as { name: string; cap: number } | null;
  if (stopped) summary.stopReason = costBudgetReason(stopped.name, sumCosts(study.counts.trialSpend, study.optimizerCost)[stopped.name] ?? 0, stopped.cap);
  return summary;
}

async function runTrial(
  study: Study,
  trial: Trial,
  objective: ObjectiveFunction,
  timeoutMs: number,
  controller: AbortController,
  guard: OutageGuard,
): Promise<TrialRecord | null> {
  let timer: NodeJS.Timeout | undefined;
  let outcome: ObjectiveResult | TellOutcome;
  try {
    const run = Promise.resolve().then(() => objective(trial));
    outcome = Number.isFinite(timeoutMs)
      ? await Promise.race([
          run,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              const error = new TrialTimeoutError(timeoutMs);
              controller.abort(error);
              reject(error);
            }, timeoutMs);
          }),
        ])
      : await run;
  } catch (error) {
    const pruned = (error as { code?: string }).code === "trial_pruned";
    outcome = { state: pruned ? "pruned" : "failed", error: messageOf(error) };
  } finally {
    if (timer) clearTimeout(timer);
  }
  return tellSurviving(study, trial, outcome, guard);
}

/**
 * Tells a result, through storage outages. A trial another worker failed meanwhile (this
 * process was cut off longer than the heartbeat timeout) is reported with its result on the
 * study's log and the loop goes on: its configuration was re-queued if retries allow.
 */
async function tellSurviving(study: Study, trial: Trial, outcome: ObjectiveResult | TellOutcome, guard: OutageGuard): Promise<TrialRecord | null> {
  try {
    return await guard.run(`telling trial ${trial.number}`, () => study.tell(trial, outcome));
  } catch (error) {
    if (!(error instanceof TrialNotRunningError)) throw error;
    const stored = await guard.run(`reading trial ${trial.number}`, () => study.storage.getTrial(study.id, trial.number));
    // An earlier attempt of this tell committed, and only its answer was lost.
    if (stored && stored.state !== "failed" && stored.workerId === study.workerId) return stored;
    study.warn(
      `trial ${trial.number} finished here after another worker had failed it (${stored?.error ?? error.state}); its result is not stored: ${JSON.stringify(outcome)}`,
    );
    return null;
  }
}

/** The concurrency option as a worker count; a value outside 1..MAX_CONCURRENCY is a ValidationError. */
function checkConcurrency(value: number): number {
  if (Number.isInteger(value) && value >= 1 && value <= MAX_CONCURRENCY) return value;
  throw new ValidationError([
    { code: "invalid_value", path: ["concurrency"], message: `expected an integer from 1 to ${MAX_CONCURRENCY}, received ${JSON.stringify(value)}` },
  ]);
}

/** Workers of this host whose process no longer exists: their running trials can be failed now. */
function deadLocalWorkers(trials: readonly TrialRecord[]): string[] {
  const host = hostname();
  const dead = new Set<string>();
  for (const trial of trials) {
    if (trial.state !== "running" || !trial.workerId) continue;
    const [workerHost, pid] = trial.workerId.split(":");
    if (workerHost !== host || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (error) {
      if ((error as { code?: string }).code === "ESRCH") dead.add(trial.workerId);
    }
  }
  return [...dead];
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
