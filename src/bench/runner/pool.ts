import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runOne, type RunJob } from "./run-one.js";
import type { RunResult } from "./spec.js";

/** The worker beside this file: run-worker.js when built, run-worker.ts under tsx or vitest. */
const WORKER = fileURLToPath(new URL(`./run-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url));

/**
 * Runs jobs over `concurrency` child processes, one job at a time per child so slow
 * optimizers do not hold up a fixed share; `onResult` sees each result as it comes (in
 * completion order). With concurrency 1 the jobs run in this process.
 */
export async function runPool(jobs: readonly RunJob[], concurrency: number, onResult: (result: RunResult) => void, signal?: AbortSignal): Promise<void> {
  if (concurrency <= 1 || jobs.length <= 1) {
    for (const job of jobs) {
      if (signal?.aborted) return;
      onResult(await runOne(job));
    }
    return;
  }
  let next = 0;
  const children: ChildProcess[] = [];
  const execArgv = WORKER.endsWith(".ts") && !process.execArgv.some((a) => a.includes("tsx")) ? [...process.execArgv, "--import", "tsx"] : process.execArgv;
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, jobs.length) }, () => {
        const child = fork(WORKER, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv });
        children.push(child);
        return new Promise<void>((resolve, reject) => {
          let current: RunJob | null = null;
          const send = () => {
            if (next >= jobs.length || signal?.aborted) {
              current = null;
              child.disconnect();
              return resolve();
            }
            current = jobs[next++];
            child.send(current);
          };
          child.on("message", (result: RunResult) => {
            onResult(result);
            send();
          });
          child.on("exit", (code) => {
            if (current) reject(new Error(`benchmark worker exited with code ${code} during ${JSON.stringify(current)}`));
          });
          send();
        });
      }),
    );
  } finally {
    for (const child of children) if (child.exitCode === null && child.connected) child.kill();
  }
}
