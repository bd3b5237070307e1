/**
 * TPE's `branchExploration` on the conditional synthetic function (synthetic data), whose best
 * branch (a Rosenbrock valley, floor 0.2) scores worse than an easy branch (floor 0.5) until it
 * is descended. For each share of uniformly chosen branches: IQM of the best value over the
 * seeds, how many seeds got below the easy floor, and how many trials went to the valley.
 *
 *   npx tsx bench/synthetic/branch-exploration.ts [--seeds 30] [--budget 200] [--shares 0,0.1,0.3,1]
 */
import { parseArgs } from "node:util";
import { conditional } from "../../src/bench/synthetic/conditional.js";
import { randomSampler } from "../../src/samplers/random.js";
import type { Sampler } from "../../src/samplers/spec.js";
import { tpeSampler } from "../../src/samplers/tpe/index.js";
import { runSampler } from "../../src/testing/run-sampler.js";

const { values: args } = parseArgs({
  options: { seeds: { type: "string", default: "30" }, budget: { type: "string", default: "200" }, shares: { type: "string", default: "0,0.1,0.3,1" } },
});
const seeds = Number(args.seeds);
const budget = Number(args.budget);

async function summarize(label: string, make: (seed: number) => Sampler): Promise<void> {
  const bests: number[] = [];
  let valley = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const trials = await runSampler({ sampler: make(seed), space: conditional.space, evaluate: (c) => conditional.evaluate(c) as number, trials: budget });
    bests.push(Math.min(...trials.map((t) => (t.values as number[])[0])));
    valley += trials.filter((t) => t.config.kind === "valley").length;
  }
  const sorted = [...bests].sort((a, b) => a - b);
  const middle = sorted.slice(Math.floor(seeds / 4), seeds - Math.floor(seeds / 4));
  const iqm = middle.reduce((a, b) => a + b, 0) / middle.length;
  console.log(`| ${label} | ${iqm.toFixed(3)} | ${bests.filter((b) => b < 0.5).length}/${seeds} | ${(valley / seeds).toFixed(0)} |`);
}

console.log(`conditional (synthetic), ${budget} trials, ${seeds} seeds\n`);
console.log("| sampler | IQM best | seeds below 0.5 | valley trials per run |");
console.log("|---|---:|---:|---:|");
await summarize("random", (seed) => randomSampler({ seed }));
for (const share of args.shares.split(",").map(Number)) await summarize(`tpe, branchExploration ${share}`, (seed) => tpeSampler({ seed, branchExploration: share }));
console.log(`\nReproduce: npx tsx bench/synthetic/branch-exploration.ts --seeds ${seeds} --budget ${budget} --shares ${args.shares}`);
