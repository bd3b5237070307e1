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
import { ResultsStore, type RunResult } from "../../src/bench/runner/index.js";
import { iqm, median } from "../../src/bench/stats/index.js";
import { SurrogateTask } from "../../src/bench/surrogate/index.js";
import { TabularTask } from "../../src/bench/tabular/index.js";
import { levelSpearman } from "./level-spearman.js";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const file = process.argv[2];
if (!file || file.startsWith("--")) throw new Error("usage: npx tsx bench/fidelity/cost-to-target.ts <results.db> [--target 0.05] [--baseline tpe]");
const target = Number(option("target", "0.05"));
const baseline = option("baseline", "tpe");

/** Cost until the target was first met at the top fidelity (Infinity if never), and the final regret. */
function measure(run: RunResult): { cost: number; finalRegret: number } {
  const sign = run.direction === "maximize" ? -1 : 1;
  const span = sign * ((run.worst as number) - (run.optimum as number));
  const costName = Object.keys(run.evaluations.find((e) => Object.keys(e.cost).length > 0)?.cost ?? {})[0];
  let best = 1;
  let spent = 0;
  let cost = Infinity;
  for (const e of run.evaluations) {
    spent += costName === undefined ? 0 : (e.cost[costName] ?? 0);
    if (e.value !== null && e.final !== false) best = Math.min(best, Math.max(0, (sign * (e.value - (run.optimum as number))) / span));
    if (cost === Infinity && best <= target) cost = spent;
  }
  return { cost, finalRegret: best };
}

const fmt = (value: number) => (Number.isFinite(value) ? value.toExponential(2) : "never");
const runs = new ResultsStore(file).all().filter((r) => !r.error && r.optimum !== null && r.worst !== null);
for (const taskId of [...new Set(runs.map((r) => r.task))]) {
  const mine = runs.filter((r) => r.task === taskId);
  const byOptimizer = new Map<string, ReturnType<typeof measure>[]>();
  for (const run of mine) byOptimizer.set(run.optimizer, [...(byOptimizer.get(run.optimizer) ?? []), measure(run)]);
  const base = byOptimizer.get(baseline);
  const baseCost = base ? median(base.map((m) => m.cost)) : NaN;
  console.log(`## ${taskId} (target regret ${target}; budget ${JSON.stringify(mine[0].budget)})\n`);
  console.log(`| optimizer | seeds reaching | cost to target, median over those | median over all seeds | / ${baseline} | final regret IQM |`);
  console.log("| :--- | ---: | ---: | ---: | ---: | ---: |");
  for (const [optimizer, measures] of byOptimizer) {
    const hits = measures.filter((m) => Number.isFinite(m.cost)).map((m) => m.cost);
    const all = median(measures.map((m) => m.cost));
    const ratio = Number.isFinite(all) && Number.isFinite(baseCost) ? (all / baseCost).toFixed(2) : "–";
    console.log(`| ${optimizer} | ${hits.length}/${measures.length} | ${hits.length ? fmt(median(hits)) : "never"} | ${fmt(all)} | ${ratio} | ${iqm(measures.map((m) => m.finalRegret)).toFixed(3)} |`);
  }
  const task = getTask(taskId);
  const table = task instanceof TabularTask ? task : task instanceof SurrogateTask ? task.base : null;
  for (const pair of table ? levelSpearman(table) : []) {
    console.log(`\nSpearman ${JSON.stringify(pair.low)} vs ${JSON.stringify(pair.high)}${table === task ? "" : " (recorded data under the surrogate)"}: ${pair.rho?.toFixed(3) ?? "–"} over ${pair.shared} configurations at both`);
  }
  console.log("");
}
