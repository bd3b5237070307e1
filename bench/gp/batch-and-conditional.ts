/**
 * Issue 21's batch and conditional-kernel goals, measured with the GP sampler directly
 * (ask/tell, no wall clock), final best-so-far value at equal evaluations, mean over
 * `--seeds` seeds with 95% bootstrap intervals (lower is better: the functions are losses):
 *
 * - `batch`: 4 workers simulated by keeping 4 trials running (ask 4, then tell the oldest and
 *   ask again), with the Kriging believer (`conditionOnRunning: true`, the default) and without
 *   it, against the sequential GP; on SYNTHETIC branin, hartmann6 and mixed5 (src/bench/synthetic).
 * - `conditional`: the conditional kernel (`conditionalKernel: true`, the default) against the
 *   encoding that puts inactive parameters at the middle of their range, on the SYNTHETIC
 *   `conditional` function and the SYNTHETIC RAG-like space of bench/synthetic/rag-like.ts.
 *
 *   nice npx tsx bench/gp/batch-and-conditional.ts [--seeds 20] [--evals 50] [--goal batch|conditional]
 */
import { parseArgs } from "node:util";
import { bootstrapCI, mean } from "../../src/bench/stats/index.js";
import { branin, hartmann6, mixed5, conditional } from "../../src/bench/synthetic/index.js";
import { gpSampler, type GpSamplerOptions } from "../../src/samplers/gp/index.js";
import type { Config, Space } from "../../src/space/index.js";
import { createStudy } from "../../src/study/index.js";
import { ragLikeLoss, ragLikeSpace } from "../synthetic/rag-like.js";

const { values: args } = parseArgs({
  options: { seeds: { type: "string", default: "20" }, evals: { type: "string", default: "50" }, goal: { type: "string", default: "batch" } },
});
const seeds = Number(args.seeds);
const evals = Number(args.evals);

interface Fn {
  id: string;
  space: Space;
  evaluate(config: Config): number;
}

/** The best value after `evals` evaluations, `workers` of them kept running at once. */
async function bestAfter(fn: Fn, options: GpSamplerOptions, workers: number): Promise<number> {
  const study = await createStudy({ name: "gp", storage: "memory:", space: fn.space, direction: "minimize", sampler: gpSampler(options), logger: () => {} });
  const running = [];
  let asked = 0;
  while (asked < Math.min(workers, evals)) {
    running.push(await study.ask());
    asked++;
  }
  while (running.length > 0) {
    const trial = running.shift()!;
    await study.tell(trial, fn.evaluate(trial.config));
    if (asked < evals) {
      running.push(await study.ask());
      asked++;
    }
  }
  const best = Math.min(...study.trials.filter((t) => t.state === "complete").map((t) => t.values![0]!));
  await study.close();
  return best;
}

async function row(fn: Fn, variants: [string, GpSamplerOptions, number][]): Promise<string> {
  const cells: string[] = [];
  for (const [, options, workers] of variants) {
    const values: number[] = [];
    for (let seed = 0; seed < seeds; seed++) values.push(await bestAfter(fn, { ...options, seed }, workers));
    const ci = bootstrapCI(values, mean);
    cells.push(`${ci.estimate.toPrecision(4)} [${ci.low.toPrecision(4)}, ${ci.high.toPrecision(4)}]`);
  }
  return `| ${fn.id} | ${evals} | ${cells.join(" | ")} |`;
}

const variants: [string, GpSamplerOptions, number][] =
  args.goal === "batch"
    ? [
        ["sequential", {}, 1],
        ["4 workers, believer", { conditionOnRunning: true }, 4],
        ["4 workers, no believer", { conditionOnRunning: false }, 4],
      ]
    : [
        ["conditional kernel", { conditionalKernel: true }, 1],
        ["mid-range encoding", { conditionalKernel: false }, 1],
      ];
const fns: Fn[] =
  args.goal === "batch"
    ? [branin, hartmann6, mixed5].map((f) => ({ id: `${f.id} (SYNTHETIC)`, space: f.space, evaluate: (c: Config) => f.evaluate(c) }))
    : [
        { id: "conditional (SYNTHETIC)", space: conditional.space, evaluate: (c) => conditional.evaluate(c) },
        { id: "rag-like (SYNTHETIC)", space: ragLikeSpace, evaluate: ragLikeLoss },
      ];

console.log(`GP ${args.goal}: best value after ${evals} evaluations, mean over ${seeds} seeds [95% bootstrap interval]; lower is better.`);
console.log(`Command: nice npx tsx bench/gp/batch-and-conditional.ts --goal ${args.goal} --seeds ${seeds} --evals ${evals}\n`);
console.log(`| function | evals | ${variants.map(([name]) => name).join(" | ")} |`);
console.log(`|---|---:|${variants.map(() => "---:").join("|")}|`);
for (const fn of fns) console.log(await row(fn, variants));
