/**
 * The research agent's heuristic policy (no LLM) against successive halving, BOHB and
 * random search (at full fidelity) on the multi-fidelity tasks, through the benchmark
 * runner's simulator (`simulateRun`, one worker):
 *
 * - `regmix`: recorded RegMix runs, 17 domain weights at three proxy model sizes (1M, 60M,
 *   1B); budget in `model_params` (a 1B run costs 1e9); regret = best Pile-CC validation loss
 *   found at 1B minus the best in the data. A configuration is scored by its nearest recorded
 *   mixture, and most random weight vectors share a handful of nearest 1B mixtures, so this
 *   task separates optimizers little. `surrogate/regmix` (the k-NN surrogate of the same
 *   data) is smooth and does.
 * - `synthetic/hartmann6-mf` and `synthetic/hartmann6-mf-misleading` (SYNTHETIC, see
 *   src/bench/synthetic/synthetic-mf.ts): five levels, budget in usd; regret of the best
 *   full-fidelity configuration by its noise-free value. Synthetic results say nothing about
 *   LLM systems.
 *
 * Prints, per task, the median regret over seeds after 25%, 50% and 100% of the budget, the
 * mean final regret, the trials run (all levels / top level) and the decision time per ask.
 *
 *   npx tsx bench/research/run.ts [--seeds 10] [--regmix-budget 1.2e10] [--usd 60] [--budget-share 0.5]
 *                                 [--tasks regmix,hartmann] [--optimizers research,sh]
 */
import { heuristicPolicy, researchOptimizer } from "../../src/agents/research/index.js";
import { getTask } from "../../src/bench/builtin/index.js";
import { samplerOptimizer, simulateRun, type RunnableTask } from "../../src/bench/runner/index.js";
import { createOptimizer } from "../../src/optimizers/index.js";
import { hartmann6Mf, hartmann6MfMisleading, type SyntheticMfProblem } from "../../src/bench/synthetic/index.js";
import { fidelityLevels } from "../../src/fidelity/index.js";
import type { Sampler } from "../../src/samplers/spec.js";
import type { Config } from "../../src/space/index.js";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const seeds = option("seeds", 10);
const budgetShare = option("budget-share", 0.5);
const checkpoints = [0.25, 0.5, 1];

interface BenchTask {
  task: RunnableTask;
  budget: Record<string, number>;
  /** The value a configuration is scored by at full fidelity (noise-free for synthetic tasks). */
  score: (config: Config, observed: number) => number;
}

/** A synthetic multi-fidelity problem as a runnable task, its levels as the recorded fidelities. */
function syntheticTask(problem: SyntheticMfProblem): RunnableTask {
  return {
    id: problem.id,
    space: problem.space,
    objectives: problem.objectives,
    evaluate: (config, fidelity, seed) => problem.evaluate(config, fidelity, seed),
    optimum: problem.optimum,
    fidelitySpace: problem.fidelity,
    fidelities: fidelityLevels(problem.fidelity).levels.map((level) => level.fidelity),
    synthetic: true,
  };
}

function textOption(name: string): string | null {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : null;
}

const regmixBudget = { model_params: option("regmix-budget", 1.2e10) };
const allTasks: BenchTask[] = [
  { task: getTask("regmix"), budget: regmixBudget, score: (_, observed) => observed },
  { task: getTask("surrogate/regmix"), budget: regmixBudget, score: (_, observed) => observed },
  ...[hartmann6Mf, hartmann6MfMisleading].map((problem) => ({
    task: syntheticTask(problem),
    budget: { usd: option("usd", 60) },
    score: (config: Config) => problem.trueValue(config),
  })),
];
const only = textOption("tasks");
const tasks = only ? allTasks.filter((bench) => only.split(",").some((id) => bench.task.id.includes(id))) : allTasks;

type Maker = (task: RunnableTask, seed: number) => Sampler;
const allOptimizers: Record<string, Maker> = {
  "research (heuristic)": (task, seed) => researchOptimizer({ fidelity: task.fidelitySpace!, seed, policy: heuristicPolicy(), budgetShare }),
  sh: (task, seed) => createOptimizer("sh", { seed }, { fidelity: task.fidelitySpace }),
  bohb: (task, seed) => createOptimizer("bohb", { seed }, { fidelity: task.fidelitySpace }),
  random: (task, seed) => createOptimizer("random", { seed }),
};
const chosen = textOption("optimizers");
const optimizers = chosen ? Object.fromEntries(Object.entries(allOptimizers).filter(([name]) => chosen.split(",").some((c) => name.startsWith(c)))) : allOptimizers;

interface Outcome {
  regrets: number[];
  trials: number;
  topTrials: number;
  msPerAsk: number;
}

async function runOnce(bench: BenchTask, make: Maker, seed: number): Promise<Outcome> {
  const { task } = bench;
  const sampler = make(task, seed);
  const inner = samplerOptimizer(sampler, task.space, [task.objectives[0]]);
  const configs: Config[] = [];
  const optimizer = { ...inner, ask: async (trials: Parameters<typeof inner.ask>[0], number: number) => {
    const proposal = await inner.ask(trials, number);
    configs[number] = proposal.config;
    return proposal;
  } };
  const run = await simulateRun(task, optimizer, { seed, budget: bench.budget, workers: 1 });
  const [costName, budget] = Object.entries(bench.budget)[0];
  const sign = task.objectives[0].direction === "maximize" ? -1 : 1;
  const regrets: number[] = [];
  let spent = 0;
  let best = Infinity;
  let topTrials = 0;
  for (const evaluation of run.evaluations) {
    spent += evaluation.cost[costName] ?? 0;
    while (regrets.length < checkpoints.length && spent > checkpoints[regrets.length] * budget) regrets.push(best);
    if (evaluation.final === false || evaluation.value === null) continue;
    topTrials++;
    best = Math.min(best, sign * bench.score(configs[evaluation.trial], evaluation.value));
  }
  while (regrets.length < checkpoints.length) regrets.push(best);
  return {
    regrets: regrets.map((loss) => loss - sign * task.optimum!),
    trials: run.evaluations.length,
    topTrials,
    msPerAsk: run.decisionMs / Math.max(1, run.evaluations.length),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cell(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : "-";
}

async function main(): Promise<void> {
  console.log(`Research agent (heuristic policy, budgetShare ${budgetShare}) vs schedulers: ${seeds} seeds, 1 worker, simulated clock.`);
  console.log("Cells: median regret over seeds of the best full-fidelity result after that share of the budget (\"-\": none yet); mean: mean final regret.\n");
  for (const bench of tasks) {
    const [costName, budget] = Object.entries(bench.budget)[0];
    console.log(`## ${bench.task.id}${bench.task.synthetic ? " (SYNTHETIC)" : ""}: budget ${budget} ${costName}`);
    const header = ["optimizer", ...checkpoints.map((c) => `${c * 100}%`), "mean final", "trials", "top trials", "ms/ask"];
    console.log(`| ${header.join(" | ")} |`);
    console.log(`|${header.map(() => "---").join("|")}|`);
    for (const [name, make] of Object.entries(optimizers)) {
      const runs: Outcome[] = [];
      for (let seed = 0; seed < seeds; seed++) runs.push(await runOnce(bench, make, seed));
      const finals = runs.map((r) => r.regrets[checkpoints.length - 1]);
      const row = [
        name,
        ...checkpoints.map((_, i) => cell(median(runs.map((r) => r.regrets[i])))),
        cell(finals.reduce((a, b) => a + b, 0) / finals.length),
        String(Math.round(median(runs.map((r) => r.trials)))),
        String(Math.round(median(runs.map((r) => r.topTrials)))),
        median(runs.map((r) => r.msPerAsk)).toFixed(2),
      ];
      console.log(`| ${row.join(" | ")} |`);
    }
    console.log("");
  }
}

await main();
