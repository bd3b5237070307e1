/**
 * PostgreSQL storage with several processes on one study. Needs a server:
 *
 *   eval "$(scripts/postgres-for-tests.sh start)"
 *   npx tsx bench/postgres/run.ts [--url postgres://...] [--workers 8] [--trials 2000] [--keep]
 *
 * 1. Throughput: `workers` processes each ask+tell `trials` trials (random sampler) on one
 *    study; prints trials per second and checks numbers are 0..n-1 once each, every
 *    trial complete, none lost, none left running.
 * 2. Kill: 4 processes run study.optimize with heartbeats; one is killed with SIGKILL in
 *    the middle of a trial; prints how long the others took to fail its trial and what
 *    became of the re-queued configuration. Twice: once with the victim posing as a
 *    worker on another machine (only its silence gives it away: failed after the
 *    heartbeat timeout), once as a worker on this machine (its pid is gone: failed at
 *    the next check).
 *
 * 3. Storage alone: 8 clients (own pools, one process) each create and finish 300 trials,
 *    all on one study, then each on its own: the cost of the per-study write lock.
 *
 * Runs in a fresh schema (knobs_bench_*), dropped at the end unless --keep.
 */
import { fork, type ChildProcess } from "node:child_process";
import os, { cpus } from "node:os";
import { syncBuiltinESMExports } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { randomSampler } from "../../src/samplers/index.js";
import { categorical, float, int } from "../../src/space/index.js";
import { PostgresStorage } from "../../src/storage/postgres/index.js";
import type { TrialRecord } from "../../src/storage/index.js";
import { createStudy, type Study } from "../../src/study/index.js";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: process.env.KNOBS_TEST_POSTGRES_URL },
    workers: { type: "string", default: "8" },
    trials: { type: "string", default: "2000" },
    keep: { type: "boolean", default: false },
    role: { type: "string" },
    study: { type: "string" },
    "pretend-host": { type: "string" },
  },
});

const space = { lr: float(1e-5, 1e-1, { log: true }), top_k: int(1, 20), retriever: categorical(["bm25", "dense", "hybrid"]), temperature: float(0, 1) };
const KILL = { workers: 4, budget: 60, trialMs: 250, heartbeatMs: 200, timeoutMs: 1500, retries: 1 };

const open = (url: string, name: string): Promise<Study> =>
  createStudy({ name, storage: url, space, direction: "minimize", sampler: randomSampler({ seed: 0 }), logger: () => {} });
const lossOf = (trial: { config: Record<string, unknown> }) => (trial.config.temperature as number) ** 2 + (trial.config.top_k as number) / 20;

if (args.role) await worker(args.role, args.url!, args.study!);
else await main();

async function main(): Promise<void> {
  if (!args.url) throw new Error('no server: pass --url postgres://... or run eval "$(scripts/postgres-for-tests.sh start)" first');
  const schema = `knobs_bench_${Date.now().toString(36)}`;
  const url = `${args.url}${args.url.includes("?") ? "&" : "?"}schema=${schema}`;
  const admin = new pg.Client({ connectionString: args.url });
  await admin.connect();
  const settings = await admin.query("SELECT version() AS v, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc");
  console.log(`${String(settings.rows[0].v).split(" (")[0]}, fsync=${settings.rows[0].fsync}, synchronous_commit=${settings.rows[0].sc}; ${cpus().length} CPUs`);
  try {
    await throughput(url, Number(args.workers), Number(args.trials));
    await killTest(url, true);
    await killTest(url, false);
    await storageAlone(url);
  } finally {
    if (!args.keep) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

async function throughput(url: string, workers: number, trials: number): Promise<void> {
  console.log(`\n## throughput: ${workers} processes x ${trials} trials, random sampler, one study`);
  // Created here first: processes that all find no study would race to create it.
  await (await open(url, "throughput")).close();
  const children = Array.from({ length: workers }, () => spawn("throughput", url, "throughput", ["--trials", String(trials)]));
  await Promise.all(children.map((child) => message(child, "ready")));
  const start = performance.now();
  for (const child of children) child.send("go");
  const reports = await Promise.all(children.map((child) => message<{ ms: number }>(child, "done")));
  const seconds = (performance.now() - start) / 1000;
  const total = workers * trials;
  console.log(`${total} trials in ${seconds.toFixed(1)} s: ${Math.round(total / seconds)} trials/s in all`);
  console.log(`per process: ${reports.map((r) => Math.round(trials / (r.ms / 1000))).join(", ")} trials/s`);

  const stored = await storedTrials(url, "throughput");
  const numbers = new Set(stored.map((t) => t.number));
  const states = countStates(stored);
  const consecutive = stored.every((t, i) => t.number === i);
  console.log(`check: ${stored.length} trials stored (expected ${total}); numbers 0..${stored.length - 1} ${consecutive && numbers.size === stored.length ? "once each" : "NOT consecutive/unique"}; states ${JSON.stringify(states)}`);
  const ok = stored.length === total && consecutive && states.complete === total;
  console.log(ok ? "ok: no duplicate numbers, no lost trials, none left running" : "FAILED");
  if (!ok) process.exitCode = 1;
}

async function killTest(url: string, remote: boolean): Promise<void> {
  const { workers, budget, trialMs, heartbeatMs, timeoutMs, retries } = KILL;
  const name = remote ? "kill-remote" : "kill-local";
  console.log(`\n## kill (${remote ? "victim poses as another machine" : "victim on this machine"}): ${workers} processes, study.optimize (${trialMs} ms trials, heartbeat every ${heartbeatMs} ms, timeout ${timeoutMs} ms, retries ${retries}), budget ${budget} trials`);
  await (await open(url, name)).close();
  const children = Array.from({ length: workers }, (_, i) => spawn("kill", url, name, i === 0 && remote ? ["--pretend-host", "elsewhere"] : []));
  const ids = await Promise.all(children.map((child) => message<{ workerId: string }>(child, "ready")));
  for (const child of children) child.send("go");
  const storage = await PostgresStorage.open(url);
  const studyId = (await storage.getStudy(name))!.id;
  const victim = ids[0].workerId;

  // Kill the first process in the middle of a trial, once a few trials have finished.
  let killed: { number: number; at: number } | null = null;
  while (!killed) {
    const trials = await storage.getTrials(studyId);
    const running = trials.find((t) => t.workerId === victim && t.state === "running" && t.startedAt !== null && Date.now() - t.startedAt > trialMs / 3);
    if (running && trials.filter((t) => t.state === "complete").length >= 8) {
      children[0].kill("SIGKILL");
      killed = { number: running.number, at: Date.now() };
      console.log(`killed worker ${victim} (pid ${children[0].pid}) with SIGKILL while it ran trial ${running.number}`);
    } else await sleep(20);
  }
  let failed: TrialRecord | null = null;
  while (!failed || failed.state === "running") {
    failed = await storage.getTrial(studyId, killed.number);
    if (Date.now() - killed.at > 4 * timeoutMs) break;
    if (failed?.state === "running") await sleep(10);
  }
  const detectedMs = (failed?.completedAt ?? Date.now()) - killed.at;
  console.log(`trial ${killed.number}: ${failed?.state} ${detectedMs} ms after the kill (heartbeat timeout ${timeoutMs} ms): "${failed?.error}"`);

  await Promise.all(children.slice(1).map((child) => message(child, "done")));
  const trials = await storage.getTrials(studyId);
  const retry = trials.find((t) => t.systemAttrs.retriedFrom === killed.number);
  console.log(retry ? `its configuration was re-queued as trial ${retry.number}, claimed by ${retry.workerId === victim ? "the dead worker?!" : "another worker"}, now ${retry.state}` : "its configuration was not re-queued");
  const states = countStates(trials);
  console.log(`final: ${trials.length} trials ${JSON.stringify(states)}; numbers ${trials.every((t, i) => t.number === i) ? "0..n-1 once each" : "NOT consecutive"}`);
  // Posing as another machine, it can only be found out by its silence: not before the timeout.
  const inTime = detectedMs <= timeoutMs + 2 * heartbeatMs && (!remote || detectedMs >= timeoutMs - heartbeatMs);
  const ok = failed?.state === "failed" && inTime && !states.running && !states.queued && retry?.state === "complete";
  console.log(ok ? "ok: the dead worker's trial failed in time, its config ran again, nothing left running" : "FAILED");
  if (!ok) process.exitCode = 1;
  await storage.close();
}

async function storageAlone(url: string): Promise<void> {
  const clients = 8;
  const each = 300;
  console.log(`\n## storage alone: ${clients} clients x ${each} createTrial+finishTrial`);
  const storages = await Promise.all(Array.from({ length: clients }, () => PostgresStorage.open(url, { poolSize: 2 })));
  for (const shared of [true, false]) {
    const ids: number[] = [];
    for (let i = 0; i < clients; i++) {
      const name = `alone-${shared ? "shared" : i}`;
      ids.push(shared && i > 0 ? ids[0] : (await storages[0].createStudy({ name, objectives: [{ name: "value", direction: "minimize" }], space: null })).id);
    }
    const start = performance.now();
    await Promise.all(
      storages.map(async (storage, i) => {
        for (let k = 0; k < each; k++) {
          const trial = await storage.createTrial(ids[i], { state: "running", config: { k } });
          await storage.finishTrial(trial.id, { state: "complete", values: [k] });
        }
      }),
    );
    const perSecond = (clients * each) / ((performance.now() - start) / 1000);
    console.log(`${shared ? "one study" : "a study each"}: ${Math.round(perSecond)} trials/s`);
  }
  await Promise.all(storages.map((storage) => storage.close()));
}

/** A worker process: loads the study, says ready, waits for go, runs, says done. */
async function worker(role: string, url: string, name: string): Promise<void> {
  if (args["pretend-host"]) {
    // The worker id is host:pid:random; another host's pid cannot be checked from here.
    const host = args["pretend-host"];
    os.hostname = () => host;
    syncBuiltinESMExports();
  }
  const study = await open(url, name);
  process.send!({ type: "ready", workerId: study.workerId });
  await new Promise((resolve) => process.once("message", resolve));
  const start = performance.now();
  if (role === "throughput") {
    const trials = Number(args.trials);
    for (let i = 0; i < trials; i++) {
      const trial = await study.ask();
      await study.tell(trial, { values: [lossOf(trial)], cost: { usd: 0.001 } });
    }
  } else {
    await study.optimize(
      async (trial) => {
        await sleep(KILL.trialMs);
        return lossOf(trial);
      },
      { budget: { trials: KILL.budget }, heartbeatInterval: KILL.heartbeatMs, heartbeatTimeout: KILL.timeoutMs, retries: KILL.retries },
    );
  }
  const ms = performance.now() - start;
  await study.close();
  process.send!({ type: "done", ms }, () => process.exit(0));
}

function spawn(role: string, url: string, study: string, extra: string[] = []): ChildProcess {
  return fork(fileURLToPath(import.meta.url), ["--role", role, "--url", url, "--study", study, ...extra], { execArgv: ["--import", "tsx"] });
}

function message<T = unknown>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string } & T) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      resolve(m);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`worker ${child.pid} exited (code ${code}) before "${type}"`)));
  });
}

async function storedTrials(url: string, name: string): Promise<TrialRecord[]> {
  const storage = await PostgresStorage.open(url);
  try {
    return await storage.getTrials((await storage.getStudy(name))!.id);
  } finally {
    await storage.close();
  }
}

function countStates(trials: readonly TrialRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const trial of trials) counts[trial.state] = (counts[trial.state] ?? 0) + 1;
  return counts;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
