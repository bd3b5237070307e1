import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runJob, type Job, type JobResult } from "./job.js";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

/**
 * Runs jobs over `concurrency` child processes (each inherits the tsx loader through
 * execArgv), handing out one job at a time so slow samplers do not hold up a fixed share.
 * With concurrency 1 the jobs run in this process. Results come back in job order.
 */
export async function runJobs(jobs: Job[], concurrency: number, onProgress: (done: number) => void): Promise<JobResult[]> {
  const results: JobResult[] = new Array(jobs.length);
  let done = 0;
  if (concurrency <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      results[i] = await runJob(jobs[i]);
      onProgress(++done);
    }
    return results;
  }
  let next = 0;
  const children: ChildProcess[] = [];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, () => {
      const child = fork(WORKER, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      children.push(child);
      return new Promise<void>((resolve, reject) => {
        let current = -1;
        const send = () => {
          if (next >= jobs.length) {
            child.disconnect();
            resolve();
            return;
          }
          current = next++;
          child.send(jobs[current]);
        };
        child.on("message", (result: JobResult) => {
          results[current] = result;
          onProgress(++done);
          send();
        });
        child.on("exit", (code) => {
          if (current >= 0 && results[current] === undefined) {
            reject(new Error(`benchmark worker exited with code ${code} during job ${JSON.stringify(jobs[current])}`));
          }
        });
        send();
      });
    }),
  ).catch((error) => {
    for (const child of children) child.kill();
    throw error;
  });
  return results;
}
