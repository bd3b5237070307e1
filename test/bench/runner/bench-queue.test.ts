import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import {
  benchQueueName,
  collectBenchQueue,
  enqueueBench,
  ResultsStore,
  runBench,
  waitForBenchQueue,
  workBenchQueue,
  type BenchPlan,
  type RunResult,
} from "../../../src/bench/runner/index.js";
import { openStorage, type Storage } from "../../../src/storage/index.js";
import { CLI } from "../../helpers/cli.js";

const plan: BenchPlan = { suite: "synthetic", tasks: ["synthetic/branin", "synthetic/hartmann6"], optimizers: ["random", "tpe"], seeds: 2, budget: { trials: 12 } };

/** What must match between runs of the same job wherever they ran (timings differ). */
function comparable(results: RunResult[]) {
  return results
    .map((r) => ({ key: `${r.task} ${r.optimizer} ${r.seed}`, values: r.evaluations.map((e) => e.value), error: r.error }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** A temporary folder, removed after the file's tests (some are made outside a test). */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "knobs-bench-queue-"));
  made.push(dir);
  return dir;
}

async function localResults(): Promise<RunResult[]> {
  const store = new ResultsStore(join(tmp(), "local.db"));
  await runBench(plan, store, { concurrency: 1 });
  const all = store.all();
  store.close();
  return all;
}

/** Runs the queue flow on a storage: enqueue, two workers (one with child processes), wait, collect. */
async function queueFlow(storage: Storage) {
  const store = new ResultsStore(join(tmp(), "results.db"));
  try {
    expect(await enqueueBench(storage, plan, store)).toEqual({ queued: 8, present: 0, stored: 0 });
    // A second coordinator with the same plan adds nothing.
    expect(await enqueueBench(storage, plan, store)).toEqual({ queued: 0, present: 8, stored: 0 });
    const [a, b] = await Promise.all([
      workBenchQueue(storage, plan.suite, { concurrency: 2, workerId: "a" }),
      workBenchQueue(storage, plan.suite, { concurrency: 1, workerId: "b" }),
    ]);
    expect(a.ran + b.ran).toBe(8);
    await waitForBenchQueue(storage, plan.suite, { pollMs: 10 });
    expect(await collectBenchQueue(storage, plan.suite, store)).toBe(8);
    const queue = await storage.getStudy(benchQueueName(plan.suite));
    const trials = await storage.getTrials(queue!.id);
    // Each job ran once: no duplicate, none lost, none left running.
    expect(trials.map((t) => t.state)).toEqual(Array(8).fill("complete"));
    expect(new Set(trials.map((t) => JSON.stringify(t.config))).size).toBe(8);
    return store.all();
  } finally {
    store.close();
  }
}

describe("a benchmark spread over workers through a shared storage", () => {
  it("runs each job once on SQLite and gives the results of a local run", async () => {
    const storage = await openStorage(`sqlite:${join(tmp(), "queue.db")}`);
    try {
      expect(comparable(await queueFlow(storage))).toEqual(comparable(await localResults()));
    } finally {
      await storage.close();
    }
  });

  it("re-queues the run of a worker that went silent, and a live worker finishes it", async () => {
    const storage = await openStorage("memory:");
    const store = new ResultsStore(join(tmp(), "results.db"));
    try {
      const one: BenchPlan = { ...plan, tasks: ["synthetic/branin"], optimizers: ["random"], seeds: 1 };
      await enqueueBench(storage, one, store);
      const queue = (await storage.getStudy(benchQueueName(one.suite)))!;
      // A worker claims the run and dies: its heartbeat stops at an old time.
      const claimed = await storage.claimQueuedTrial(queue.id, "dead", Date.now() - 120_000);
      expect(claimed?.state).toBe("running");
      const waiting = waitForBenchQueue(storage, one.suite, { staleMs: 60_000, pollMs: 20 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await workBenchQueue(storage, one.suite, { concurrency: 1, workerId: "alive" })).ran).toBe(1);
      await waiting;
      const trials = await storage.getTrials(queue.id);
      expect(trials.map((t) => t.state)).toEqual(["failed", "complete"]);
      expect(trials[0].error).toMatch(/heartbeat|silent|stale/i);
      expect(await collectBenchQueue(storage, one.suite, store)).toBe(1);
    } finally {
      store.close();
      await storage.close();
    }
  });

  it("knobs bench --storage queues the matrix and knobs worker --bench runs it; the report covers every run", async () => {
    const dir = tmp();
    const queue = `sqlite:${join(dir, "queue.db")}`;
    const args = ["bench", "--suite", "synthetic", "--tasks", "synthetic/branin", "--optimizers", "random,qmc", "--seeds", "3", "--budget", "10"];
    const coordinator = spawn(process.execPath, [CLI, ...args, "--storage", queue, "--no-work", "--db", join(dir, "b.db"), "--out", join(dir, "report"), "--json"], { cwd: dir });
    let stdout = "";
    let stderr = "";
    coordinator.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    coordinator.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => coordinator.on("exit", resolve));
    // A failed assertion must not leave the coordinator waiting for workers forever.
    onTestFinished(() => {
      if (coordinator.exitCode === null) coordinator.kill();
    });
    // The worker joins once the runs are queued.
    while (!stderr.includes("queued 6 runs")) await new Promise((resolve) => setTimeout(resolve, 50));
    const worker = spawn(process.execPath, [CLI, "worker", "--bench", "synthetic", "--storage", queue, "--concurrency", "1", "--json"], { cwd: dir });
    let workerOut = "";
    worker.stdout.on("data", (chunk: Buffer) => (workerOut += chunk));
    expect(await new Promise((resolve) => worker.on("exit", resolve))).toBe(0);
    expect(JSON.parse(workerOut)).toEqual({ suite: "synthetic", ran: 6 });
    expect(await exited).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.analysis.tasks[0].optimizers.map((o: { runs: number }) => o.runs)).toEqual([3, 3]);
    // The coordinator counts the runs its workers did (it said "0 runs").
    expect(summary).toMatchObject({ ran: 6, ranHere: 0, errors: 0 });
  }, 60_000);

  it("a worker waits for the runs still running elsewhere and takes the one of a worker killed meanwhile; the coordinator says when no worker is alive", async () => {
    const dir = tmp();
    const queue = `sqlite:${join(dir, "queue.db")}`;
    const started: ChildProcess[] = [];
    onTestFinished(() => {
      for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const start = (args: string[]) => {
      const child = spawn(process.execPath, [CLI, ...args, "--storage", queue, "--heartbeat-timeout", "6s", "--json"], { cwd: dir });
      started.push(child);
      const out = { stdout: "", stderr: "", exit: new Promise<number | null>((resolve) => child.on("exit", resolve)) };
      child.stdout!.on("data", (chunk: Buffer) => (out.stdout += chunk));
      child.stderr!.on("data", (chunk: Buffer) => (out.stderr += chunk));
      return { child, out };
    };
    const until = async (done: () => boolean | Promise<boolean>) => {
      while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    // Two runs of about 2 s each, so a run is in flight when its worker is killed.
    const bench = ["bench", "--suite", "synthetic", "--tasks", "synthetic/branin", "--optimizers", "gp", "--seeds", "2", "--budget", "40", "--no-work", "--db", join(dir, "b.db"), "--out", join(dir, "report")];
    const coordinator = start(bench);
    await until(() => coordinator.out.stderr.includes("no worker is alive"));
    expect(coordinator.out.stderr).toContain("no worker is alive (no heartbeat in the last 6 s): 2 runs queued, 0 running; start workers with knobs worker --bench synthetic --storage sqlite:");
    // Worker a claims a run and is killed in the middle of it.
    const a = start(["worker", "--bench", "synthetic", "--concurrency", "1"]);
    const storage = await openStorage(queue, { readOnly: true });
    try {
      const queueId = (await storage.getStudy(benchQueueName("synthetic")))!.id;
      await until(async () => (await storage.getTrials(queueId)).some((t) => t.state === "running" && t.workerId?.includes(`:${a.child.pid}:`)));
      a.child.kill("SIGKILL");
      await a.out.exit;
      // Worker b runs the other run, then waits for a's (still running until its heartbeat is 6 s old), then runs it.
      const b = start(["worker", "--bench", "synthetic", "--concurrency", "2"]);
      expect(await b.out.exit).toBe(0);
      expect(JSON.parse(b.out.stdout)).toEqual({ suite: "synthetic", ran: 2 });
      expect(await coordinator.out.exit).toBe(0);
      expect(JSON.parse(coordinator.out.stdout).analysis.tasks[0].optimizers.map((o: { runs: number }) => o.runs)).toEqual([2]);
      const trials = await storage.getTrials(queueId);
      expect(trials.map((t) => t.state).sort()).toEqual(["complete", "complete", "failed"]);
      expect(trials.find((t) => t.state === "failed")?.workerId).toContain(`:${a.child.pid}:`);
    } finally {
      await storage.close();
    }
  }, 120_000);

  it("refuses a worker with neither or both of --study and --bench", async () => {
    const run = spawn(process.execPath, [CLI, "worker", "--storage", "memory:"]);
    let stderr = "";
    run.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    expect(await new Promise((resolve) => run.on("exit", resolve))).toBe(2);
    expect(stderr).toBe("knobs: worker: expected exactly one of --study <name> or --bench <suite>\n");
  });
});

const url = process.env.KNOBS_TEST_POSTGRES_URL;
describe.skipIf(!url)("the same flow on PostgreSQL", () => {
  const schema = `knobs_test_bench_${process.pid}_${Date.now().toString(36)}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it("runs each job once with workers in several processes", async () => {
    const storage = await openStorage(`${url}${url!.includes("?") ? "&" : "?"}schema=${schema}`);
    try {
      expect(comparable(await queueFlow(storage))).toEqual(comparable(await localResults()));
    } finally {
      await storage.close();
    }
  }, 60_000);
});
