/**
 * Issue 16's goals, measured: on every task of the `multifidelity` suite, with budgets of 10
 * and 50 top-level evaluations' worth of the task's primary cost (`topLevelCost`: the mean
 * cost of a run at the top level) and `--seeds` seeds, each optimizer runs through the
 * benchmark runner's simulator (one worker; results kept in `--db`, so a killed run resumes).
 * Per task and budget it prints, for each optimizer: the seeds whose run reached normalized
 * regret <= 0.05 at the top level, the median cost until then over all seeds (a seed that
 * never got there counts as infinite) and its ratio to TPE run at the top only, the IQM of
 * the final top-level regret with its 95% bootstrap interval, and the runs that ended without
 * any top-level evaluation. Then a summary of the three goals for `--default` (the optimizer
 * a study with a fidelity gets by default):
 * 1. its median cost to target is at most 1/3 of TPE's (where TPE's is finite);
 * 2. where no optimizer's median cost is finite, its final regret IQM is not above TPE's or random's;
 * 3. no run of a scheduler ends without a top-level evaluation.
 *
 *   nice npx tsx bench/fidelity/goals.ts [--seeds 20] [--budgets 10,50] [--tasks a,b] [--split dev|test]
 *     [--optimizers random,tpe,...] [--default auto] [--db bench-results/mf-goals.db] [--concurrency 2] [--trials 2000]
 */
import { getTask } from "../../src/bench/builtin/index.js";
import { listSource, ResultsStore, runPool, type RunJob, type RunResult } from "../../src/bench/runner/index.js";
import { median } from "../../src/bench/stats/index.js";
import { getSuite } from "../../src/bench/suites.js";
import { analyze, type OptimizerSummary } from "../../src/report/index.js";
import { topLevelCost } from "./top-cost.js";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const TARGET = 0.05;
const seeds = Number(option("seeds", "20"));
const budgets = option("budgets", "10,50").split(",").map(Number);
const suite = getSuite("multifidelity");
const split = option("split", "");
const only = option("tasks", "");
const tasks = suite.tasks.filter((t) => (!split || t.split === split) && (!only || only.split(",").includes(t.task)));
const defaultOptimizer = option("default", "auto");
const optimizers = option("optimizers", ["random", "tpe", "sh", "hyperband", "asha", "bohb", "mf", "research", "auto"].join(",")).split(",");
const trialsCap = Number(option("trials", "2000"));
const store = new ResultsStore(option("db", "bench-results/mf-goals.db"));
const concurrency = Number(option("concurrency", "2"));

const jobs: RunJob[] = [];
const budgetOf = new Map<string, Record<string, number>>();
for (const { task: id } of tasks) {
  const top = topLevelCost(getTask(id));
  for (const k of budgets) {
    const budget = { [top.name]: Number((k * top.amount).toPrecision(6)), trials: trialsCap };
    budgetOf.set(`${id}|${k}`, budget);
    for (const optimizer of optimizers) for (let seed = 0; seed < seeds; seed++) jobs.push({ suite: "multifidelity", task: id, optimizer, seed, budget, workers: 1 });
  }
}
const todo = jobs.filter((job) => !store.has(job, job.budget, job.workers));
const started = Date.now();
let done = 0;
await runPool(listSource(todo), concurrency, (result) => {
  store.save(result);
  done++;
  if (result.error) console.error(`error: ${result.task} ${result.optimizer} seed ${result.seed}: ${result.error}`);
  if (done % 50 === 0 || done === todo.length) console.error(`${done}/${todo.length} runs (${((Date.now() - started) / 1000).toFixed(0)} s)`);
});

const all = store.all("multifidelity");
const fmt = (value: number) => (Number.isFinite(value) ? value.toPrecision(3) : "never");
const allSeeds = (summary: OptimizerSummary) => median(summary.toTarget.runCosts.map((cost) => cost ?? Infinity));
/** A run with no evaluation at the top level (a failed one counts: it was asked for). */
const withoutTop = (run: RunResult) => !run.evaluations.some((e) => e.final !== false);
const goals: string[] = [];

for (const k of budgets) {
  console.log(`\n# Budget: ${k} top-level evaluations' worth, ${seeds} seeds, target regret ${TARGET}\n`);
  for (const { task: id, split: mark } of tasks) {
    const budget = budgetOf.get(`${id}|${k}`)!;
    const key = JSON.stringify(budget);
    const runs = all.filter((r) => r.task === id && JSON.stringify(r.budget) === key && optimizers.includes(r.optimizer) && r.seed < seeds && !r.error);
    if (runs.length === 0) continue;
    const [analysis] = analyze(runs, { targetRegret: TARGET }).tasks;
    const byName = new Map(analysis.optimizers.map((s) => [s.optimizer, s]));
    const cost = (name: string) => (byName.has(name) ? allSeeds(byName.get(name)!) : NaN);
    console.log(`## ${id} (${mark}; budget ${Object.entries(budget).map(([n, v]) => `${n}=${v}`).join(", ")})\n`);
    console.log("| optimizer | seeds reaching | median cost to target (all seeds) | / tpe | final regret IQM [95% CI] | runs without a top-level evaluation | trials per run (median) |");
    console.log("| :--- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const name of optimizers) {
      const summary = byName.get(name);
      if (!summary) continue;
      const mine = runs.filter((r) => r.optimizer === name);
      const ratio = cost(name) / cost("tpe");
      const { estimate, low, high } = summary.finalRegret;
      console.log(
        `| ${name} | ${summary.toTarget.reached}/${summary.runs} | ${fmt(cost(name))} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : "–"} | ${estimate.toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}] | ${mine.filter(withoutTop).length} | ${median(mine.map((r) => r.evaluations.length))} |`,
      );
    }
    console.log("");
    const mine = byName.get(defaultOptimizer);
    if (!mine) continue;
    const ratio = cost(defaultOptimizer) / cost("tpe");
    const anyReaches = optimizers.some((name) => Number.isFinite(cost(name)));
    const iqm = (name: string) => byName.get(name)?.finalRegret.estimate ?? NaN;
    let verdict: string;
    if (Number.isFinite(cost("tpe"))) verdict = ratio <= 1 / 3 ? `met (${ratio.toFixed(2)} of tpe's cost)` : `NOT met (${Number.isFinite(ratio) ? ratio.toFixed(2) : "never"} of tpe's cost)`;
    else if (Number.isFinite(cost(defaultOptimizer))) verdict = "met (tpe's median never reaches the target)";
    else if (anyReaches) verdict = "NOT met (another optimizer's median reaches the target)";
    else verdict = iqm(defaultOptimizer) <= Math.min(iqm("tpe"), iqm("random")) ? "no optimizer reaches it; final regret not worse: met" : "no optimizer reaches it; final regret worse: NOT met";
    const stalled = runs.filter((r) => r.optimizer !== "random" && r.optimizer !== "tpe" && withoutTop(r)).length;
    goals.push(`| ${id} | ${mark} | ${k} | ${verdict} | ${stalled} |`);
  }
}
console.log(`\n# Goals for ${defaultOptimizer}\n`);
console.log("| task | split | budget (top-level evaluations) | cost to target, or final regret | scheduler runs without a top-level evaluation |");
console.log("| :--- | :--- | ---: | :--- | ---: |");
for (const line of goals) console.log(line);
store.close();
