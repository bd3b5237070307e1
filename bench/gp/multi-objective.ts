/**
 * Issue 21's multi-objective goal, measured: the hypervolume GP reaches at 30 and 100
 * evaluations against MOTPE, NSGA-II and random search, over `--seeds` seeds, with 95%
 * bootstrap intervals of the mean. Tasks: RouteLLM's MMLU allocation (accuracy vs usd),
 * LLMSYS-HPOBench tables with a quality and a time or latency objective, and ZDT1, a
 * SYNTHETIC pair with a known front (6 floats; defined below). Objectives are turned to
 * minimization and normalized per task by the best and worst value any run saw; the reference
 * point is 1.1 in every normalized objective. Dev tasks decide `auto`'s choice; test tasks
 * are reported apart.
 *
 *   nice npx tsx bench/gp/multi-objective.ts [--seeds 20] [--evals 30,100] [--optimizers gp,motpe,nsga2,random] [--tasks a,b]
 */
import { parseArgs } from "node:util";
import { createOptimizer } from "../../src/optimizers/index.js";
import { getTask } from "../../src/bench/builtin/index.js";
import { bootstrapCI, mean } from "../../src/bench/stats/index.js";
import { hypervolume } from "../../src/math/index.js";
import { Space, type Config } from "../../src/space/index.js";
import type { Objective } from "../../src/storage/spec.js";
import { createStudy } from "../../src/study/index.js";

const { values: args } = parseArgs({
  options: {
    seeds: { type: "string", default: "20" },
    evals: { type: "string", default: "30,100" },
    optimizers: { type: "string", default: "gp,motpe,nsga2,random" },
    tasks: { type: "string" },
  },
});
const seeds = Number(args.seeds);
const evals = args.evals.split(",").map(Number);
const optimizers = args.optimizers.split(",");
const maxEvals = Math.max(...evals);

interface Problem {
  id: string;
  split: "dev" | "test";
  space: Space;
  objectives: readonly Objective[];
  evaluate(config: Config, seed: number): number[];
}

const zdt1Space = Space.parse(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`x${i}`, { type: "float", low: 0, high: 1 }])));
const zdt1: Problem = {
  id: "synthetic/zdt1 (SYNTHETIC)",
  split: "dev",
  space: zdt1Space,
  objectives: [
    { name: "f1", direction: "minimize" },
    { name: "f2", direction: "minimize" },
  ],
  evaluate(config) {
    const x = Array.from({ length: 6 }, (_, i) => config[`x${i}`] as number);
    const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / 5;
    return [x[0]!, g * (1 - Math.sqrt(x[0]! / g))];
  },
};

function taskProblem(id: string, split: "dev" | "test"): Problem {
  const task = getTask(id);
  return {
    id,
    split,
    space: task.space,
    objectives: task.objectives.slice(0, 2),
    evaluate: (config, seed) => {
      const result = task.evaluate(config, null, seed);
      if (result instanceof Promise) throw new Error(`${id} is a live task`);
      return result.values.slice(0, 2);
    },
  };
}

const all: Problem[] = [
  zdt1,
  taskProblem("llmsys/naiverag", "dev"),
  taskProblem("llmsys/vllm", "dev"),
  taskProblem("routellm/mmlu-allocation", "test"),
  taskProblem("llmsys/lightrag", "test"),
  taskProblem("llmsys/sglang", "test"),
  taskProblem("llmsys/html_rag", "test"),
];
const problems = args.tasks ? all.filter((problem) => args.tasks!.split(",").some((id) => problem.id.startsWith(id))) : all;

/** One run: the objective vectors (minimization) of its trials in order. */
async function run(problem: Problem, optimizer: string, seed: number): Promise<number[][]> {
  const study = await createStudy({
    name: "mo",
    storage: "memory:",
    space: problem.space,
    objectives: [...problem.objectives],
    sampler: createOptimizer(optimizer, { seed }, optimizer === "auto" ? { plannedTrials: maxEvals } : {}),
    logger: () => {},
  });
  await study.optimize((trial) => problem.evaluate(trial.config, seed), { budget: { trials: maxEvals } });
  const points = study.trials.filter((trial) => trial.state === "complete").map((trial) => trial.values!.map((v, i) => (problem.objectives[i]!.direction === "maximize" ? -v : v)));
  await study.close();
  return points;
}

console.log(`Hypervolume (normalized, reference 1.1), mean over ${seeds} seeds [95% bootstrap interval]. Command: nice npx tsx bench/gp/multi-objective.ts --seeds ${seeds} --evals ${evals.join(",")}`);
for (const split of ["dev", "test"] as const) {
  const chosen = problems.filter((problem) => problem.split === split);
  if (chosen.length === 0) continue;
  console.log(`\n### ${split} tasks\n`);
  console.log(`| task | evals | ${optimizers.join(" | ")} |`);
  console.log(`|---|---:|${optimizers.map(() => "---:").join("|")}|`);
  for (const problem of chosen) {
    const runs = new Map<string, number[][][]>();
    for (const optimizer of optimizers) {
      const perSeed: number[][][] = [];
      for (let seed = 0; seed < seeds; seed++) perSeed.push(await run(problem, optimizer, seed));
      runs.set(optimizer, perSeed);
    }
    const every = [...runs.values()].flat(2);
    const low = [0, 1].map((i) => Math.min(...every.map((p) => p[i]!)));
    const high = [0, 1].map((i) => Math.max(...every.map((p) => p[i]!)));
    const normal = (p: number[]) => p.map((v, i) => (high[i]! > low[i]! ? (v - low[i]!) / (high[i]! - low[i]!) : 0));
    for (const n of evals) {
      const cells = optimizers.map((optimizer) => {
        const volumes = runs.get(optimizer)!.map((points) => hypervolume(points.slice(0, n).map(normal), [1.1, 1.1]));
        const ci = bootstrapCI(volumes, mean);
        return `${ci.estimate.toFixed(3)} [${ci.low.toFixed(3)}, ${ci.high.toFixed(3)}]`;
      });
      console.log(`| ${problem.id} | ${n} | ${cells.join(" | ")} |`);
    }
  }
}
