/**
 * `knobs bench` refuses a plan it cannot run before running any of it (unknown task, split,
 * optimizer, a budget on a cost the task does not report, a trial cap above the hard cap),
 * with a message on stderr and exit 2; and Ctrl-C stops it promptly.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ResultsStore } from "../../src/bench/runner/index.js";
import { CLI, runCli, useTmpDir } from "../helpers/cli.js";

const tmp = useTmpDir();
const DEFAULT_TASKS = "llmsys/naiverag, llmsys/vllm, regmix, llmsys/html_rag, llmsys/lightrag, llmsys/openhands, llmsys/autogpt, llmsys/sglang, routellm/mmlu-allocation";

async function refused(args: string[]): Promise<string> {
  const dir = tmp();
  // --concurrency 1: a plan that is not refused runs in the one process the timeout kills.
  const run = await runCli(["bench", ...args, "--concurrency", "1", "--db", "b.db", "--out", "out"], { cwd: dir, timeoutMs: 30_000 });
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
  // Nothing ran and nothing was written.
  expect(existsSync(join(dir, "b.db"))).toBe(false);
  expect(existsSync(join(dir, "out"))).toBe(false);
  return run.stderr;
}

describe("knobs bench refuses a plan it cannot run, before any run", () => {
  it("an unknown task, with the nearest name for a typo and the suite of a task of another suite", async () => {
    expect(await refused(["--tasks", "nosuch"])).toBe(`knobs: --tasks: suite "default" has no task "nosuch"; its tasks are ${DEFAULT_TASKS}\n`);
    expect(await refused(["--tasks", "llmsys/naiverg"])).toBe(`knobs: --tasks: suite "default" has no task "llmsys/naiverg" (did you mean "llmsys/naiverag"?); its tasks are ${DEFAULT_TASKS}\n`);
    expect(await refused(["--tasks", "llmsys/vllm,synthetic/branin"])).toBe(
      `knobs: --tasks: suite "default" has no task "synthetic/branin" (it is in suite "synthetic": pass --suite synthetic); its tasks are ${DEFAULT_TASKS}\n`,
    );
  });

  it("an unknown split, and a split that leaves none of the tasks named", async () => {
    expect(await refused(["--split", "foo"])).toBe('knobs: --split: expected dev, test or all, received "foo"\n');
    expect(await refused(["--suite", "synthetic", "--split", "test", "--tasks", "synthetic/branin"])).toBe(
      'knobs: no task of suite "synthetic" matches --split test and --tasks synthetic/branin: synthetic/branin is a dev task\n',
    );
  });

  it("an unknown optimizer, and an optimizer that cannot run a task", async () => {
    const unknown = await refused(["--suite", "synthetic", "--tasks", "synthetic/branin", "--optimizers", "tpe,foo", "--seeds", "1", "--budget", "5"]);
    expect(unknown).toMatch(/^knobs: optimizers\[1\]: unknown optimizer "foo": expected one of random, qmc, grid, tpe, .*\n$/);
    const scheduler = await refused(["--suite", "synthetic", "--tasks", "synthetic/branin", "--optimizers", "sh", "--seeds", "1", "--budget", "5"]);
    expect(scheduler).toBe(
      'knobs: optimizers[0]: "sh" cannot run task "synthetic/branin": optimizer "sh" is a multi-fidelity scheduler and needs a fidelity space (the study config\'s `fidelity:`, spec.json\'s "fidelity", or a task with fidelities)\n',
    );
  });

  it("a budget on a cost the task does not report (it would never be spent), naming the task and its costs", async () => {
    expect(await refused(["--tasks", "llmsys/naiverag", "--budget", "usd=2"])).toBe(
      'knobs: budget.usd: task "llmsys/naiverag" reports no cost "usd" (its costs: Total_Time, Build_Time, Chunk_Time, Total_Tokens, Embedding_Tokens, LLM_Tokens, Avg_Tokens_Per_Question); a run\'s budget caps trials, wall or a cost its tasks report\n',
    );
    expect(await refused(["--suite", "synthetic", "--tasks", "synthetic/branin,synthetic/mixed5", "--budget", "foo=1"])).toBe(
      'knobs: budget.foo: task "synthetic/branin" reports no cost "foo" (it reports none); a run\'s budget caps trials, wall or a cost its tasks report\n' +
        'knobs: budget.foo: task "synthetic/mixed5" reports no cost "foo" (it reports none); a run\'s budget caps trials, wall or a cost its tasks report\n',
    );
  });

  it("a trial budget above the hard cap of trials per run", async () => {
    expect(await refused(["--suite", "synthetic", "--tasks", "synthetic/branin", "--budget", "trials=10001"])).toBe(
      "knobs: budget.trials: expected at most 10000 (the hard cap of trials per run), received 10001\n",
    );
  });
});

describe("knobs bench and Ctrl-C", () => {
  /** The number of runs stored in `file`, 0 while it does not exist yet. */
  const storedRuns = (file: string): ResultsStore["all"] extends () => infer R ? R : never => {
    if (!existsSync(file)) return [];
    const store = new ResultsStore(file);
    try {
      return store.all();
    } finally {
      store.close();
    }
  };

  // Each gp run of 120 trials takes seconds, so the whole matrix would take minutes.
  for (const concurrency of ["1", "2"]) {
    it(`stops promptly on SIGINT with --concurrency ${concurrency}, keeping the finished runs only`, async () => {
      const dir = tmp();
      const db = join(dir, "b.db");
      const args = ["bench", "--suite", "synthetic", "--tasks", "synthetic/hartmann6", "--optimizers", "gp", "--seeds", "10", "--budget", "120", "--concurrency", concurrency, "--db", "b.db", "--json"];
      const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((done) => child.on("close", done));
      // Interrupt once a run has been stored: the bench is then surely running its next ones.
      for (let i = 0; i < 1200 && storedRuns(db).length === 0; i++) await new Promise((done) => setTimeout(done, 50));
      const sent = Date.now();
      child.kill("SIGINT");
      const deadline = new Promise<"still running">((done) => setTimeout(() => done("still running"), 10_000).unref());
      const code = await Promise.race([exited, deadline]);
      if (code === "still running") child.kill("SIGKILL");
      expect({ code, stderr }).toEqual({ code: 130, stderr: "" });
      expect(Date.now() - sent).toBeLessThan(10_000);
      const runs = storedRuns(db);
      // An interrupted run is not stored as if it had ended: every stored run spent its budget.
      expect(runs.length).toBeGreaterThanOrEqual(1);
      expect(runs.length).toBeLessThan(10);
      for (const run of runs) expect(run.evaluations).toHaveLength(120);
    });
  }
});

describe("knobs bench's report", () => {
  it("writes a Reproduce line the shell reads back word for word, for a cmd: optimizer with spaces and quotes", async () => {
    const dir = tmp();
    const external = `cmd:node ${CLI} serve optimizer --optimizer random --storage 'memory:'`;
    const run = await runCli(["bench", "--suite", "synthetic", "--tasks", "synthetic/branin", "--optimizers", `random,${external}`, "--seeds", "1", "--budget", "5", "--concurrency", "1", "--db", "b.db", "--out", "out"], { cwd: dir, timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    const line = /Reproduce: `(.*)`/.exec(readFileSync(join(dir, "out", "report.md"), "utf8"))?.[1] ?? "";
    const words = execFileSync("sh", ["-c", `printf '%s\\n' ${line}`], { encoding: "utf8" }).trimEnd().split("\n");
    expect(words).toEqual(["knobs", "bench", "--suite", "synthetic", "--optimizers", `random,${external}`, "--seeds", "1", "--budget", "trials=5", "--split", "all", "--tasks", "synthetic/branin"]);
  });

  it("flags a task that cannot tell optimizers apart with its share of near-optimal rows, and says why it stays ranked", async () => {
    const dir = tmp();
    const run = await runCli(["bench", "--tasks", "llmsys/autogpt,llmsys/naiverag", "--optimizers", "random,qmc", "--seeds", "2", "--budget", "5", "--concurrency", "1", "--db", "b.db", "--out", "out"], { cwd: dir, timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    const report = readFileSync(join(dir, "out", "report.md"), "utf8");
    expect(report).toContain(
      "Rows within regret 0.05 of the optimum: 98.9% of the recorded rows at the highest fidelity. This task cannot tell optimizers apart: almost any first evaluation is near the optimum",
    );
    expect(report).toContain("Rows within regret 0.05 of the optimum: 0.2% of the recorded rows at the highest fidelity.\n");
    const tasks = await runCli(["tasks", "--json"], { cwd: dir });
    const shares = Object.fromEntries(JSON.parse(tasks.stdout).map((t: { id: string; nearOptimalShare: number | null }) => [t.id, t.nearOptimalShare]));
    expect([shares["llmsys/openhands"], shares["llmsys/naiverag"], shares["synthetic/branin"]]).toEqual([0.999, 0.002, null]);
    const text = (await runCli(["tasks"], { cwd: dir })).stdout;
    expect(text).toMatch(/^llmsys\/autogpt .* 98\.9% ! /m);
    expect(text).toContain("cannot tell optimizers apart (90% or more: a first evaluation is already near the optimum): llmsys/openhands, llmsys/autogpt,");
  }, 90_000);
});
