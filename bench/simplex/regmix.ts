/**
 * Goals of issue 19 on RegMix, single-fidelity: at each level of `regmix` (1M, 60M, 1B) and at
 * 60M of `regmix/60m`, the IQM over seeds of the simple regret after 50 and 200 evaluations, with
 * 95% percentile-bootstrap intervals, for
 * - `default simplex`: knobs' default optimizer (`auto`, told the 200-trial budget) on the simplex
 *   space `mix` (what a user gets today);
 * - `random Dirichlet(1)`: random search on the simplex space (uniform Dirichlet draws);
 * - `default independent` and `random independent`: the same on the spaces from before the simplex
 *   type (`weights: "independent"`: 17 floats renormalized before the lookup; log-scaled on
 *   `regmix/60m`).
 * Regret = (best loss so far - best recorded loss at the level) / (worst - best) on Pile-CC loss.
 * The goal column says whether the default on the simplex beats every other arm: a lower IQM at
 * 50 and 200 evaluations, and at 200 a bootstrap interval that lies below each other arm's.
 *
 *   npx tsx bench/simplex/regmix.ts [--seeds 20] [--tasks regmix@1M,regmix@60M,regmix@1B,regmix/60m@60M]
 *
 * Rows may be split over processes with --tasks (each prints its own rows).
 */
import { parseArgs } from "node:util";
import { loadRegmix60mTask, loadRegmixTask } from "../../src/bench/builtin/index.js";
import { bootstrapCI, iqm } from "../../src/bench/stats/index.js";
import type { TabularTask } from "../../src/bench/tabular/index.js";
import { Rng } from "../../src/math/index.js";
import { createOptimizer } from "../../src/optimizers/index.js";
import { chooseSampler } from "../../src/samplers/index.js";
import { runSampler } from "../../src/testing/index.js";

const { values: args } = parseArgs({
  options: {
    seeds: { type: "string", default: "20" },
    tasks: { type: "string", default: "regmix@1M,regmix@60M,regmix@1B,regmix/60m@60M" },
  },
});
const seeds = Number(args.seeds);
const BUDGETS = [50, 200];
const TRIALS = BUDGETS[BUDGETS.length - 1];

type Arm = { label: string; weights: "simplex" | "independent"; sampler: "auto" | "random" };
const ARMS: Arm[] = [
  { label: "default simplex", weights: "simplex", sampler: "auto" },
  { label: "random Dirichlet(1)", weights: "simplex", sampler: "random" },
  { label: "default independent", weights: "independent", sampler: "auto" },
  { label: "random independent", weights: "independent", sampler: "random" },
];

const load = (id: string, weights: Arm["weights"]): TabularTask => (id === "regmix" ? loadRegmixTask({ weights }) : loadRegmix60mTask({ weights }));

/** Best-so-far regrets of one run at each budget. */
async function run(task: TabularTask, level: number, arm: Arm, seed: number): Promise<number[]> {
  const rows = task.table.rows.filter((row) => row.level === level && row.values[0] !== null).map((row) => row.values[0] as number);
  const best = Math.min(...rows);
  const worst = Math.max(...rows);
  const fidelity = task.fidelities![level];
  const sampler = createOptimizer(arm.sampler, { seed }, arm.sampler === "auto" ? { plannedTrials: TRIALS } : {});
  const trials = await runSampler({ sampler, space: task.space, evaluate: (config) => task.evaluate(config, fidelity, seed).values[0] as number, trials: TRIALS });
  let bestSoFar = Infinity;
  const regretAt: number[] = [];
  trials.forEach((trial, i) => {
    bestSoFar = Math.min(bestSoFar, trial.values![0]);
    if (BUDGETS.includes(i + 1)) regretAt.push((bestSoFar - best) / (worst - best));
  });
  return regretAt;
}

const cell = (values: number[]) => {
  const ci = bootstrapCI(values, iqm, { rng: new Rng(0) });
  return { ...ci, text: `${ci.estimate.toFixed(3)} [${ci.low.toFixed(3)}, ${ci.high.toFixed(3)}]` };
};

const started = performance.now();
console.log(`IQM regret over ${seeds} seeds [95% bootstrap interval], Pile-CC loss, single fidelity\n`);
console.log(`| task @ level | evaluations | ${ARMS.map((a) => a.label).join(" | ")} | goal met |`);
console.log(`|---|---:|${ARMS.map(() => "---|").join("")}---|`);
for (const spec of args.tasks.split(",")) {
  const [id, model] = spec.split("@");
  const tasks = { simplex: load(id, "simplex"), independent: load(id, "independent") };
  const level = tasks.simplex.fidelities!.findIndex((f) => f.model === model);
  if (level < 0) throw new Error(`${id} has no level ${model}`);
  const results = new Map<string, number[][]>();
  for (const arm of ARMS) {
    const perSeed: number[][] = [];
    for (let seed = 0; seed < seeds; seed++) perSeed.push(await run(tasks[arm.weights], level, arm, seed));
    results.set(arm.label, perSeed);
  }
  BUDGETS.forEach((budget, b) => {
    const cells = ARMS.map((arm) => cell(results.get(arm.label)!.map((r) => r[b])));
    const [own, ...others] = cells;
    const lower = others.every((other) => own.estimate < other.estimate);
    const separated = others.every((other) => own.high < other.low);
    const goal = budget === TRIALS ? (lower && separated ? "yes" : lower ? "lower, intervals overlap" : "no") : lower ? "yes" : "no";
    console.log(`| ${id} @ ${model} | ${budget} | ${cells.map((c) => c.text).join(" | ")} | ${goal} |`);
  });
}
const auto = (weights: Arm["weights"]) => chooseSampler(load("regmix", weights).space, [{ name: "loss", direction: "minimize" }], TRIALS);
console.log(`\n\`auto\` at ${TRIALS} trials picks: simplex space ${auto("simplex").name}, independent space ${auto("independent").name}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
