import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optimizerNames } from "../../../src/optimizers/index.js";
import { planJobs, ResultsStore, RUN_TRIAL_CAP, runBench, runOne, samplerOptimizer, simulateRun, type RunnableTask } from "../../../src/bench/runner/index.js";
import { qmcSampler, randomSampler } from "../../../src/samplers/index.js";
import { float, int, Space } from "../../../src/space/index.js";
import { runSampler } from "../../../src/testing/index.js";
import { CLI, runCli, useTmpDir } from "../../helpers/cli.js";

const tmp = useTmpDir();
const space = Space.parse({ x: float(0, 1), n: int(1, 4) });

/** A synthetic task: value x + n, cost n cents, and n seconds per evaluation. */
const task: RunnableTask = {
  id: "test/linear",
  space,
  objectives: [{ name: "value", direction: "minimize" }],
  evaluate: (config) => ({ values: [(config.x as number) + (config.n as number)], cost: { usd: 0.01 * (config.n as number) }, elapsedSeconds: config.n as number }),
  synthetic: true,
};

describe("simulateRun", () => {
  it("with one worker, proposes what runSampler proposes", async () => {
    const sampler = () => qmcSampler({ seed: 2 });
    const run = await simulateRun(task, samplerOptimizer(sampler(), space, task.objectives), { seed: 0, budget: { trials: 12 } });
    const direct = await runSampler({ sampler: sampler(), space, evaluate: (c) => (c.x as number) + (c.n as number), trials: 12 });
    expect(run.evaluations.map((e) => e.value)).toEqual(direct.map((t) => t.values![0]));
    // The clock adds each evaluation's recorded duration.
    expect(run.simulatedSeconds).toBe(direct.reduce((s, t) => s + (t.config.n as number), 0));
    expect(run.stopReason).toBe("trial budget reached (12)");
  });

  it("runs workers in parallel on the simulated clock, showing running trials to the optimizer", async () => {
    const seen: number[] = [];
    const optimizer = {
      async ask(trials: readonly { state: string }[], n: number) {
        seen.push(trials.filter((t) => t.state === "running").length);
        return { config: { x: 0.5, n: (n % 3) + 1 } };
      },
      async tell() {},
      async close() {},
    };
    const run = await simulateRun(task, optimizer, { seed: 0, budget: { trials: 6 }, workers: 3 });
    // Trials 0..5 take 1, 2, 3, 1, 2, 3 s; three workers: finishes at 1, 2, 3, 2(1+1), 4(2+2), 5(2+3).
    expect(run.evaluations.map((e) => [e.trial, e.finishedAt])).toEqual([
      [0, 1],
      [1, 2],
      [3, 2],
      [2, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(seen).toEqual([0, 1, 2, 2, 2, 2]);
    expect(run.simulatedSeconds).toBe(5);
  });

  it("stops at a cost cap, over by at most the trials in flight", async () => {
    const run = await simulateRun(task, samplerOptimizer(randomSampler({ seed: 1 }), space, task.objectives), { seed: 0, budget: { usd: 0.2 }, workers: 2 });
    const spent = run.evaluations.reduce((s, e) => s + (e.cost.usd ?? 0), 0);
    expect(run.stopReason).toMatch(/^usd budget reached/);
    expect(spent).toBeLessThanOrEqual(0.2 + 2 * 0.04 + 1e-9);
    expect(spent).toBeGreaterThan(0.1);
  });
});

describe("simulateRun limits", () => {
  it("ends a run at the hard cap of trials when its budget would never stop it (a cost its trials do not spend)", async () => {
    const free: RunnableTask = { ...task, evaluate: (config) => ({ values: [config.x as number], cost: { usd: 0 } }) };
    const run = await simulateRun(free, samplerOptimizer(randomSampler({ seed: 0 }), space, task.objectives), { seed: 0, budget: { usd: 1 } });
    expect(run.evaluations).toHaveLength(RUN_TRIAL_CAP);
    expect(run.stopReason).toBe(`hard cap of ${RUN_TRIAL_CAP} trials per run reached`);
  });

  it("stops between two trials when aborted, rejecting with the signal's reason", async () => {
    const controller = new AbortController();
    let asked = 0;
    const optimizer = {
      async ask() {
        if (++asked === 5) controller.abort(new Error("stopped by the test"));
        return { config: { x: 0.5, n: 1 } };
      },
      async tell() {},
      async close() {},
    };
    await expect(simulateRun(task, optimizer, { seed: 0, budget: { trials: 100 }, signal: controller.signal })).rejects.toThrow("stopped by the test");
    expect(asked).toBe(5);
  });
});

describe("runBench", () => {
  it("refuses a plan with a budget on a cost a task does not report, or an unknown optimizer, before any run", async () => {
    const dir = tmp();
    const store = new ResultsStore(join(dir, "bench.db"));
    const plan = { suite: "t", tasks: ["synthetic/branin", "llmsys/naiverag"], optimizers: ["random", "nope"], seeds: 2, budget: { trials: 5, Total_Time: 100 } };
    await expect(runBench(plan, store, { concurrency: 1 })).rejects.toThrow(
      [
        'budget.Total_Time: task "synthetic/branin" reports no cost "Total_Time" (it reports none); a run\'s budget caps trials, wall or a cost its tasks report',
        `optimizers[1]: unknown optimizer "nope": expected one of ${optimizerNames().join(", ")}`,
      ].join("\n"),
    );
    expect(store.all()).toEqual([]);
    store.close();
  });

  it("stores every run once and skips stored runs on a re-run", async () => {
    const dir = tmp();
    const store = new ResultsStore(join(dir, "bench.db"));
    const plan = { suite: "t", tasks: ["synthetic/branin", "synthetic/mixed5"], optimizers: ["random", "qmc"], seeds: 3, budget: { trials: 10 } };
    expect(planJobs(plan)).toHaveLength(12);
    expect(await runBench(plan, store, { concurrency: 1 })).toEqual({ ran: 12, skipped: 0, errors: 0 });
    expect(await runBench({ ...plan, seeds: 4 }, store, { concurrency: 1 })).toEqual({ ran: 4, skipped: 12, errors: 0 });
    const runs = store.all("t");
    expect(runs).toHaveLength(16);
    // Deterministic from the job: a run repeated elsewhere gives the same evaluations.
    const again = await runOne({ suite: "t", task: "synthetic/branin", optimizer: "qmc", seed: 2, budget: { trials: 10 }, workers: 1 });
    const stored = runs.find((r) => r.task === "synthetic/branin" && r.optimizer === "qmc" && r.seed === 2)!;
    expect(again.evaluations.map((e) => e.value)).toEqual(stored.evaluations.map((e) => e.value));
    store.close();
  });

  it("records an optimizer that cannot run a task as a failed run", async () => {
    const result = await runOne({ suite: "t", task: "synthetic/branin", optimizer: "no-such", seed: 0, budget: { trials: 5 }, workers: 1 });
    expect(result.error).toMatch(/^unknown optimizer "no-such"/);
  });

  it("drives an external optimizer over the protocol like the same sampler in process", async () => {
    const external = await runOne({
      suite: "t",
      task: "synthetic/hartmann6",
      optimizer: `cmd:node ${CLI} serve optimizer --optimizer cmaes`,
      seed: 3,
      budget: { trials: 15 },
      workers: 1,
    });
    const inProcess = await runOne({ suite: "t", task: "synthetic/hartmann6", optimizer: "cmaes", seed: 3, budget: { trials: 15 }, workers: 1 });
    expect(external.error).toBeNull();
    expect(external.evaluations.map((e) => e.value)).toEqual(inProcess.evaluations.map((e) => e.value));
  });
});

describe("knobs bench", () => {
  it("resumes after being killed, running only the missing runs", async () => {
    const dir = tmp();
    const args = ["bench", "--suite", "synthetic", "--tasks", "synthetic/branin", "--optimizers", "gp", "--seeds", "6", "--budget", "25", "--concurrency", "1", "--db", "b.db", "--json"];
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: "ignore" });
    const exited = new Promise((r) => child.on("exit", r));
    let stored = 0;
    for (let i = 0; i < 1200 && stored < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const store = new ResultsStore(join(dir, "b.db"));
        stored = store.all().length;
        store.close();
      } catch {
        // not created yet
      }
    }
    child.kill("SIGKILL");
    await exited;
    const store = new ResultsStore(join(dir, "b.db"));
    const before = store.all().length;
    store.close();
    expect(before).toBeGreaterThanOrEqual(2);
    expect(before).toBeLessThan(6);

    const rerun = await runCli(args, { cwd: dir });
    expect(rerun.code).toBe(0);
    const out = JSON.parse(rerun.stdout);
    expect(out.skipped).toBe(before);
    expect(out.ran).toBe(6 - before);
    expect(out.analysis.tasks[0].optimizers[0].runs).toBe(6);
  });
});
