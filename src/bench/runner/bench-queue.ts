import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Storage, StudyRecord, TrialRecord } from "../../storage/index.js";
import { runPool } from "./pool.js";
import type { ResultsStore } from "./results-store.js";
import { budgetKey } from "./results-store.js";
import type { RunJob } from "./run-one.js";
import { planJobs, type BenchPlan } from "./run-bench.js";
import type { RunResult } from "./spec.js";

/**
 * A benchmark matrix spread over machines through a shared storage (PostgreSQL, or one
 * SQLite file for processes of one machine). The queue is a study named `bench:<suite>`
 * whose trials are runs: a queued trial is a job, claimed with the storage's atomic claim
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL); a finished one holds the run's result in its
 * user attributes. Runs are deterministic, so a run done twice gives the same result.
 */

/** Heartbeat period of a bench worker, and when the coordinator re-queues a silent one's run. */
export const BENCH_HEARTBEAT_MS = 5_000;
export const BENCH_STALE_MS = 60_000;

/** The queue study's name for a suite. */
export function benchQueueName(suite: string): string {
  return `bench:${suite}`;
}

/** A claimed job: the run and the queue trial that carries it. */
interface ClaimedJob extends RunJob {
  trialId: number;
}

/** The identity of a run in the queue: its config. */
function jobConfig(job: RunJob): Record<string, string | number> {
  return { task: job.task, optimizer: job.optimizer, seed: job.seed, budget: budgetKey(job.budget), workers: job.workers };
}

function jobKey(config: Record<string, unknown>): string {
  return JSON.stringify([config.task, config.optimizer, config.seed, config.budget, config.workers]);
}

function jobOf(suite: string, trial: TrialRecord): ClaimedJob {
  const c = trial.config;
  const budget = Object.fromEntries(String(c.budget).split(",").map((part) => part.split("=")).map(([k, v]) => [k, Number(v)]));
  return { suite, task: String(c.task), optimizer: String(c.optimizer), seed: Number(c.seed), budget, workers: Number(c.workers), trialId: trial.id };
}

async function queueStudy(storage: Storage, suite: string): Promise<StudyRecord> {
  const name = benchQueueName(suite);
  const existing = await storage.getStudy(name);
  if (existing) return existing;
  try {
    return await storage.createStudy({ name, objectives: [], space: null, userAttrs: { "knobs.bench": { suite } } });
  } catch (error) {
    // Another coordinator created it first.
    const created = await storage.getStudy(name);
    if (created) return created;
    throw error;
  }
}

/**
 * Queues the plan's runs that are neither stored in `store` nor queued, running or done in
 * the shared queue (a run whose earlier attempt failed is queued again). Returns counts.
 */
export async function enqueueBench(storage: Storage, plan: BenchPlan, store: ResultsStore): Promise<{ queued: number; present: number; stored: number }> {
  const queue = await queueStudy(storage, plan.suite);
  const present = new Set(
    (await storage.getTrials(queue.id)).filter((t) => t.state !== "failed").map((t) => jobKey(t.config)),
  );
  let queued = 0;
  let stored = 0;
  let already = 0;
  for (const job of planJobs(plan)) {
    if (store.has(job, job.budget, job.workers)) {
      stored++;
      continue;
    }
    const config = jobConfig(job);
    if (present.has(jobKey(config))) {
      already++;
      continue;
    }
    await storage.createTrial(queue.id, { state: "queued", config });
    present.add(jobKey(config));
    queued++;
  }
  return { queued, present: already, stored };
}

export interface BenchWorkerOptions {
  /** Local processes running runs at once. */
  concurrency: number;
  workerId?: string;
  signal?: AbortSignal;
  onResult?: (result: RunResult) => void;
}

/**
 * Claims and runs queued runs of a suite until none is left queued; each result is written
 * to its queue trial. A heartbeat keeps this worker's running runs from being taken as dead.
 */
export async function workBenchQueue(storage: Storage, suite: string, options: BenchWorkerOptions): Promise<{ ran: number }> {
  const queue = await storage.getStudy(benchQueueName(suite));
  if (!queue) return { ran: 0 };
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const beat = setInterval(() => void storage.heartbeat(workerId, Date.now()).catch(() => {}), BENCH_HEARTBEAT_MS);
  let ran = 0;
  try {
    const claim = async (): Promise<ClaimedJob | null> => {
      const trial = await storage.claimQueuedTrial(queue.id, workerId, Date.now());
      return trial ? jobOf(suite, trial) : null;
    };
    await runPool(
      claim,
      options.concurrency,
      async (result, job) => {
        await storage.updateTrial(job.trialId, { userAttrs: { result } });
        await storage.finishTrial(job.trialId, { state: "complete", values: [], error: result.error });
        ran++;
        options.onResult?.(result);
      },
      options.signal,
    );
  } finally {
    clearInterval(beat);
  }
  return { ran };
}

/**
 * Waits until no run of the suite's queue is queued or running, re-queueing the runs of
 * workers silent for `staleMs` (up to `maxRetries` times each). Polls every `pollMs`.
 */
export async function waitForBenchQueue(
  storage: Storage,
  suite: string,
  options: { staleMs?: number; pollMs?: number; maxRetries?: number; signal?: AbortSignal; onWait?: (open: number) => void } = {},
): Promise<void> {
  const queue = await storage.getStudy(benchQueueName(suite));
  if (!queue) return;
  for (;;) {
    await storage.failStaleTrials(queue.id, { now: Date.now(), timeoutMs: options.staleMs ?? BENCH_STALE_MS, maxRetries: options.maxRetries ?? 2 });
    const open = (await storage.getTrials(queue.id)).filter((t) => t.state === "queued" || t.state === "running").length;
    if (open === 0 || options.signal?.aborted) return;
    options.onWait?.(open);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1_000));
  }
}

/** Copies every finished run of the suite's queue into the local results store; returns how many. */
export async function collectBenchQueue(storage: Storage, suite: string, store: ResultsStore): Promise<number> {
  const queue = await storage.getStudy(benchQueueName(suite));
  if (!queue) return 0;
  let copied = 0;
  for (const trial of await storage.getTrials(queue.id)) {
    const result = trial.userAttrs.result as RunResult | undefined;
    if (trial.state !== "complete" || !result) continue;
    store.save(result);
    copied++;
  }
  return copied;
}
