import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runOne, type RunJob } from "./run-one.js";
import type { RunResult } from "./spec.js";

/** The worker beside this file: run-worker.js when built, run-worker.ts under tsx or vitest. */
const WORKER = fileURLToPath(new URL(`./run-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url));

/** Where a pool takes its next job: a fixed list, or a claim on a shared queue (null: no more). */
export type JobSource<J extends RunJob = RunJob> = () => Promise<J | null>;

/** A source over a fixed list of jobs. */
export function listSource<J extends RunJob>(jobs: readonly J[]): JobSource<J> {
  let next = 0;
  return async () => (next < jobs.length ? jobs[next++] : null);
}

/**
 * Runs jobs over `concurrency` child processes, one job at a time per child so slow
 * optimizers do not hold up a fixed share; `onResult` sees each result with its job as it
 * comes (in completion order) and is awaited before that child takes another job. With
 * concurrency 1 the jobs run in this process. Aborting `signal` stops at once: the runs in
 * flight are abandoned (their children killed) and never reach `onResult`.
 */
export async function runPool<J extends RunJob>(
  source: JobSource<J>,
  concurrency: number,
  onResult: (result: RunResult, job: J) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (concurrency <= 1) {
    try {
      for (let job = signal?.aborted ? null : await source(); job; job = signal?.aborted ? null : await source()) {
        await onResult(await runOne(job, signal), job);
      }
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
    return;
  }
  const children: ChildProcess[] = [];
  const execArgv = WORKER.endsWith(".ts") && !process.execArgv.some((a) => a.includes("tsx")) ? [...process.execArgv, "--import", "tsx"] : process.execArgv;
  const stop = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  signal?.addEventListener("abort", stop, { once: true });
  const slot = async (): Promise<void> => {
    let job = signal?.aborted ? null : await source();
    if (!job) return;
    const child = fork(WORKER, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv });
    children.push(child);
    try {
      while (job) {
        const result = await runInChild(child, job, signal);
        if (!result) return;
        await onResult(result, job);
        job = signal?.aborted ? null : await source();
      }
    } finally {
      if (child.connected) child.disconnect();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, slot));
  } finally {
    signal?.removeEventListener("abort", stop);
    for (const child of children) if (child.exitCode === null && child.connected) child.kill();
  }
}

/** Sends one job to a child and waits for its result (null when aborted); a child that dies otherwise fails the pool. */
function runInChild(child: ChildProcess, job: RunJob, signal?: AbortSignal): Promise<RunResult | null> {
  return new Promise((resolve, reject) => {
    const onMessage = (result: RunResult) => {
      child.off("exit", onExit);
      resolve(result);
    };
    const onExit = (code: number | null) => {
      child.off("message", onMessage);
      if (signal?.aborted) resolve(null);
      else reject(new Error(`benchmark worker exited with code ${code} during ${JSON.stringify(job)}`));
    };
    child.once("message", onMessage);
    child.once("exit", onExit);
    child.send(job);
  });
}
