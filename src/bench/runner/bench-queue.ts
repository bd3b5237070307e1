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
/** How many times a dead worker's run is queued again. */
const BENCH_MAX_RETRIES = 2;

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
  /** A run whose worker is silent this long is failed and queued again (default BENCH_STALE_MS). */
  staleMs?: number;
  /** How often an idle worker looks for re-queued runs while others still run (default 1 s). */
  pollMs?: number;
}

/** The heartbeat period for a stale limit: every 5 s, or often enough to beat three times within it. */
export function benchHeartbeatMs(staleMs: number): number {
  return Math.max(10, Math.min(BENCH_HEARTBEAT_MS, Math.floor(staleMs / 3)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Queue counts: runs queued, running, and running with a heartbeat younger than `staleMs`. */
async function queueState(storage: Storage, queueId: number, now: number, staleMs: number): Promise<{ queued: number; running: number; alive: number }> {
  const trials = await storage.getTrials(queueId);
  const running = trials.filter((t) => t.state === "running");
  return {
    queued: trials.filter((t) => t.state === "queued").length,
    running: running.length,
    alive: running.filter((t) => t.heartbeat !== null && t.heartbeat >= now - staleMs).length,
  };
}

/**
 * Claims and runs queued runs of a suite until none is queued or running anywhere: while
 * another worker still runs some, an idle worker waits, re-queueing the runs of silent
 * workers (as the coordinator does), and takes what comes back. A heartbeat keeps this
 * worker's running runs from being taken as dead.
 */
export async function workBenchQueue(storage: Storage, suite: string, options: BenchWorkerOptions): Promise<{ ran: number }> {
  const queue = await storage.getStudy(benchQueueName(suite));
  if (!queue) return { ran: 0 };
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const staleMs = options.staleMs ?? BENCH_STALE_MS;
  const beat = setInterval(() => void storage.heartbeat(workerId, Date.now()).catch(() => {}), benchHeartbeatMs(staleMs));
  let ran = 0;
  try {
    const claim = async (): Promise<ClaimedJob | null> => {
      for (;;) {
        const trial = await storage.claimQueuedTrial(queue.id, workerId, Date.now());
        if (trial) return jobOf(suite, trial);
        const now = Date.now();
        await storage.failStaleTrials(queue.id, { now, timeoutMs: staleMs, maxRetries: BENCH_MAX_RETRIES });
        const state = await queueState(storage, queue.id, now, staleMs);
        if ((state.queued === 0 && state.running === 0) || options.signal?.aborted) return null;
        if (state.queued === 0) await sleep(options.pollMs ?? 1_000);
      }
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

/** What the coordinator sees while it waits: runs queued, running, and whether any worker is alive. */
export interface BenchQueueWait {
  queued: number;
  running: number;
  /** Runs whose worker sent a heartbeat within the stale limit; 0 means no worker is known alive. */
  alive: number;
}

/**
 * Waits until no run of the suite's queue is queued or running, re-queueing the runs of
 * workers silent for `staleMs` (up to `maxRetries` times each). Polls every `pollMs`.
 */
export async function waitForBenchQueue(
  storage: Storage,
  suite: string,
  options: { staleMs?: number; pollMs?: number; maxRetries?: number; signal?: AbortSignal; onWait?: (state: BenchQueueWait) => void } = {},
): Promise<void> {
  const queue = await storage.getStudy(benchQueueName(suite));
  if (!queue) return;
  const staleMs = options.staleMs ?? BENCH_STALE_MS;
  for (;;) {
    const now = Date.now();
    await storage.failStaleTrials(queue.id, { now, timeoutMs: staleMs, maxRetries: options.maxRetries ?? BENCH_MAX_RETRIES });
    const state = await queueState(storage, queue.id, now, staleMs);
    if (state.queued + state.running === 0 || options.signal?.aborted) return;
    options.onWait?.(state);
    await sleep(options.pollMs ?? 1_000);
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
