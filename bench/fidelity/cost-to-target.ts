/**
 * Issue 5's measure, read from a `knobs bench` results file: on each multi-fidelity task, the
 * primary cost spent (every evaluation finished by then, lower fidelities included) until a
 * configuration within normalized regret `--target` of the top fidelity's optimum had been
 * evaluated at the top fidelity. Per optimizer: seeds that reached it, the median over those
 * seeds (as `knobs bench` reports it), the median over all seeds with a seed that never reached
 * it counted as infinite, its ratio to `--baseline` (default `tpe`, which runs at the top
 * fidelity only; goal: <= 1/3), and the IQM of the final regret. Then the Spearman rank
 * correlation between the task's fidelity levels in its recorded data.
 *
 *   node dist/cli/main.js bench --suite multifidelity --tasks regmix/60m --seeds 20 \
 *     --optimizers tpe,sh,hyperband,asha,bohb,mf,research --budget model_params=6e9,trials=2000 --db mf.db
 *   npx tsx bench/fidelity/cost-to-target.ts mf.db [--target 0.05] [--baseline tpe]
 */
import { getTask } from "../../src/bench/builtin/index.js";
import { ResultsStore } from "../../src/bench/runner/index.js";
import { median } from "../../src/bench/stats/index.js";
import { SurrogateTask } from "../../src/bench/surrogate/index.js";
import { TabularTask } from "../../src/bench/tabular/index.js";
import { analyze, type OptimizerSummary } from "../../src/report/index.js";
import { levelSpearman } from "./level-spearman.js";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const file = process.argv[2];
if (!file || file.startsWith("--")) throw new Error("usage: npx tsx bench/fidelity/cost-to-target.ts <results.db> [--target 0.05] [--baseline tpe]");
const target = Number(option("target", "0.05"));
const baseline = option("baseline", "tpe");

const fmt = (value: number) => (Number.isFinite(value) ? value.toExponential(2) : "never");
const runs = new ResultsStore(file).all().filter((r) => !r.error && r.optimum !== null && r.worst !== null);
for (const taskId of [...new Set(runs.map((r) => r.task))]) {
  const mine = runs.filter((r) => r.task === taskId);
  // The report's own measure (src/report/analyze.ts): regret, cost name and cost to target.
  const [analysis] = analyze(mine, { targetRegret: target }).tasks;
  const allSeeds = (summary: OptimizerSummary) => median(summary.toTarget.runCosts.map((cost) => cost ?? Infinity));
  const base = analysis.optimizers.find((summary) => summary.optimizer === baseline);
  const baseCost = base ? allSeeds(base) : NaN;
  console.log(`## ${taskId} (target regret ${target}; budget ${JSON.stringify(mine[0].budget)})\n`);
  console.log(`| optimizer | seeds reaching | cost to target, median over those | median over all seeds | / ${baseline} | final regret IQM |`);
  console.log("| :--- | ---: | ---: | ---: | ---: | ---: |");
  for (const summary of analysis.optimizers) {
    const { reached, cost } = summary.toTarget;
    const all = allSeeds(summary);
    const ratio = Number.isFinite(all) && Number.isFinite(baseCost) ? (all / baseCost).toFixed(2) : "–";
    console.log(`| ${summary.optimizer} | ${reached}/${summary.runs} | ${cost === null ? "never" : fmt(cost)} | ${fmt(all)} | ${ratio} | ${summary.finalRegret.estimate.toFixed(3)} |`);
  }
  const task = getTask(taskId);
  const table = task instanceof TabularTask ? task : task instanceof SurrogateTask ? task.base : null;
  for (const pair of table ? levelSpearman(table) : []) {
    console.log(`\nSpearman ${JSON.stringify(pair.low)} vs ${JSON.stringify(pair.high)}${table === task ? "" : " (recorded data under the surrogate)"}: ${pair.rho?.toFixed(3) ?? "–"} over ${pair.shared} configurations at both`);
  }
  console.log("");
}
