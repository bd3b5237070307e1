/**
 * TPE's branch exploration in conditional spaces (synthetic data), for several values of its
 * floor `branchExploration` (0 turns exploring off):
 * - on the conditional function, whose best branch (a Rosenbrock valley, floor 0.2) scores
 *   worse than an easy branch (floor 0.5) until it is descended: IQM of the best value over
 *   the seeds, how many seeds got below the easy floor, and how many trials went to the valley;
 * - on a RAG-like space whose best branch is also easy to find (rag-like.ts, minimum -0.2),
 *   at 80 and 200 trials: what exploring costs where it is not needed.
 *
 *   npx tsx bench/synthetic/branch-exploration.ts [--seeds 30] [--budget 200] [--shares 0,0.1,0.3,1]
 */
import { parseArgs } from "node:util";
import { conditional } from "../../src/bench/synthetic/conditional.js";
import { randomSampler } from "../../src/samplers/random.js";
import type { Sampler } from "../../src/samplers/spec.js";
import { tpeSampler } from "../../src/samplers/tpe/index.js";
import type { Config, Space } from "../../src/space/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { runSampler } from "../../src/testing/run-sampler.js";
import { ragLikeLoss, ragLikeSpace } from "./rag-like.js";

const { values: args } = parseArgs({
  options: { seeds: { type: "string", default: "30" }, budget: { type: "string", default: "200" }, shares: { type: "string", default: "0,0.1,0.3,1" } },
});
const seeds = Number(args.seeds);
const budget = Number(args.budget);
const shares = args.shares.split(",").map(Number);
const samplers: [string, (seed: number) => Sampler][] = [
  ["random", (seed) => randomSampler({ seed })],
  ...shares.map((share): [string, (seed: number) => Sampler] => [`tpe, branchExploration ${share}`, (seed) => tpeSampler({ seed, branchExploration: share })]),
];

/** Every seed's run of `make` on the problem. */
async function runs(make: (seed: number) => Sampler, space: Space, evaluate: (config: Config) => number, trials: number): Promise<TrialRecord[][]> {
  const all: TrialRecord[][] = [];
  for (let seed = 0; seed < seeds; seed++) all.push(await runSampler({ sampler: make(seed), space, evaluate, trials }));
  return all;
}

const best = (trials: TrialRecord[]) => Math.min(...trials.map((t) => (t.values as number[])[0]));

function iqm(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.slice(Math.floor(values.length / 4), values.length - Math.floor(values.length / 4));
  return middle.reduce((a, b) => a + b, 0) / middle.length;
}

console.log(`conditional (synthetic), ${budget} trials, ${seeds} seeds\n`);
console.log("| sampler | IQM best | seeds below 0.5 | valley trials per run |");
console.log("|---|---:|---:|---:|");
for (const [label, make] of samplers) {
  const all = await runs(make, conditional.space, (c) => conditional.evaluate(c) as number, budget);
  const bests = all.map(best);
  const valley = all.reduce((sum, trials) => sum + trials.filter((t) => t.config.kind === "valley").length, 0);
  console.log(`| ${label} | ${iqm(bests).toFixed(3)} | ${bests.filter((b) => b < 0.5).length}/${seeds} | ${(valley / seeds).toFixed(0)} |`);
}

const ragBudgets = [80, 200];
console.log(`\nRAG-like space (synthetic, minimum -0.2), ${seeds} seeds: IQM best\n`);
console.log(`| sampler | ${ragBudgets.map((b) => `${b} trials`).join(" | ")} |`);
console.log(`|---|${ragBudgets.map(() => "---:").join("|")}|`);
for (const [label, make] of samplers) {
  const cells = [];
  for (const trials of ragBudgets) cells.push(iqm((await runs(make, ragLikeSpace, ragLikeLoss, trials)).map(best)).toFixed(3));
  console.log(`| ${label} | ${cells.join(" | ")} |`);
}
console.log(`\nReproduce: npx tsx bench/synthetic/branch-exploration.ts --seeds ${seeds} --budget ${budget} --shares ${args.shares}`);
