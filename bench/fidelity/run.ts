/**
 * Multi-fidelity schedulers against random search at full fidelity, on SYNTHETIC problems
 * (src/bench/synthetic/synthetic-mf.ts: Hartmann-6 with a fidelity `budget` 1..81, cost in usd
 * growing with the level; one variant where low fidelity misleads). For each optimizer and
 * seed, runs until `--budget` usd is spent and prints the median (over seeds) regret of the
 * best configuration evaluated at full fidelity, scored by its noise-free value, at
 * fractions of the budget. Synthetic results: they say nothing about LLM systems.
 *
 *   npx tsx bench/fidelity/run.ts [--seeds 5] [--budget 60] [--workers 1]
 */
import { performance } from "node:perf_hooks";
import {
  ashaSampler,
  bohbSampler,
  fidelityCorrelation,
  fidelityLevels,
  hyperbandSampler,
  mfSampler,
  successiveHalvingSampler,
} from "../../src/fidelity/index.js";
import { hartmann6Mf, hartmann6MfMisleading, type SyntheticMfProblem } from "../../src/bench/synthetic/index.js";
import { deriveSeed, rngFor } from "../../src/math/rng.js";
import { randomSampler } from "../../src/samplers/index.js";
import type { Proposal, Sampler } from "../../src/samplers/spec.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const seeds = option("seeds", 5);
const budget = option("budget", 60);
const workers = option("workers", 1);
const checkpoints = [0.125, 0.25, 0.5, 1];

type Maker = (problem: SyntheticMfProblem, seed: number) => Sampler;

/** Random search, every trial at the top level. */
function randomAtTop(problem: SyntheticMfProblem, seed: number): Sampler {
  const inner = randomSampler({ seed });
  const top = fidelityLevels(problem.fidelity).top.fidelity;
  return { name: "random@top", seed, doAsk: (ctx) => ({ config: (inner.doAsk(ctx) as Proposal).config, fidelity: top }) };
}

const optimizers: Record<string, Maker> = {
  "random@top": randomAtTop,
  sh: (p, seed) => successiveHalvingSampler({ fidelity: p.fidelity, seed }),
  hyperband: (p, seed) => hyperbandSampler({ fidelity: p.fidelity, seed }),
  asha: (p, seed) => ashaSampler({ fidelity: p.fidelity, seed }),
  "asha+usd": (p, seed) => ashaSampler({ fidelity: p.fidelity, seed, costName: "usd" }),
  bohb: (p, seed) => bohbSampler({ fidelity: p.fidelity, seed }),
  mf: (p, seed) => mfSampler({ fidelity: p.fidelity, seed }),
};

interface RunResult {
  /** Regret at each checkpoint (Infinity when nothing reached the top yet). */
  regrets: number[];
  trials: number;
  topTrials: number;
  /** Spearman of the lowest level against the top at the end (null when too few pairs). */
  lowestSpearman: number | null;
  decisionMs: number;
}

/** One run on a simulated clock: `workers` in flight, each trial takes time = its cost. */
async function runOnce(problem: SyntheticMfProblem, make: Maker, seed: number): Promise<RunResult> {
  const sampler = make(problem, seed);
  const levels = fidelityLevels(problem.fidelity);
  const topIndex = levels.count - 1;
  const history: TrialRecord[] = [];
  const running: { number: number; finishAt: number; values: number[]; cost: { usd: number } }[] = [];
  const regrets: number[] = [];
  let spent = 0;
  let committed = 0;
  let now = 0;
  let best = Infinity;
  let decisionMs = 0;
  let topTrials = 0;
  while (true) {
    while (running.length < workers && committed < budget) {
      const number = history.length;
      const started = performance.now();
      const proposal = await sampler.doAsk({ space: problem.space, objectives: problem.objectives, trials: history, trialNumber: number, rng: rngFor(seed, "sampler", number) });
      decisionMs += performance.now() - started;
      const outcome = problem.evaluate(proposal.config, proposal.fidelity ?? null, deriveSeed(seed, "evaluate", number));
      history.push(makeTrial({ number, config: proposal.config, fidelity: proposal.fidelity ?? null, state: "running" }));
      committed += outcome.cost.usd;
      running.push({ number, finishAt: now + outcome.cost.usd, ...outcome });
    }
    if (running.length === 0) break;
    running.sort((a, b) => a.finishAt - b.finishAt || a.number - b.number);
    const done = running.shift()!;
    now = done.finishAt;
    const trial: TrialRecord = { ...history[done.number], state: "complete", values: done.values, cost: done.cost };
    history[done.number] = trial;
    spent += done.cost.usd;
    if (levels.indexOf(trial.fidelity) === topIndex) {
      topTrials++;
      best = Math.min(best, problem.trueValue(trial.config));
    }
    while (regrets.length < checkpoints.length && spent >= checkpoints[regrets.length] * budget) regrets.push(best - problem.optimum);
  }
  while (regrets.length < checkpoints.length) regrets.push(best - problem.optimum);
  const lowestSpearman = fidelityCorrelation(history, levels)[0]?.spearman ?? null;
  return { regrets, trials: history.length, topTrials, lowestSpearman, decisionMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cell(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : "-";
}

async function main(): Promise<void> {
  console.log(`SYNTHETIC benchmark (not LLM-system results): ${seeds} seeds, budget ${budget} usd, ${workers} worker(s).`);
  console.log("bohb's model: tpe.");
  console.log("Cells: median regret over seeds of the best full-fidelity configuration (noise-free value) after that share of the budget;");
  console.log("\"-\": most seeds had no full-fidelity result yet. rho(low,top): median Spearman of the lowest level against the top at the end.\n");
  for (const problem of [hartmann6Mf, hartmann6MfMisleading]) {
    console.log(`## ${problem.id}: ${problem.description}`);
    const header = ["optimizer", ...checkpoints.map((c) => `${c * budget} usd`), "trials", "full-fid trials", "rho(low,top)", "ms/ask"];
    console.log(`| ${header.join(" | ")} |`);
    console.log(`|${header.map(() => "---").join("|")}|`);
    for (const [name, make] of Object.entries(optimizers)) {
      const runs: RunResult[] = [];
      for (let seed = 0; seed < seeds; seed++) runs.push(await runOnce(problem, make, seed));
      const rhos = runs.map((r) => r.lowestSpearman).filter((r): r is number => r !== null);
      const row = [
        name,
        ...checkpoints.map((_, i) => cell(median(runs.map((r) => r.regrets[i])))),
        String(Math.round(median(runs.map((r) => r.trials)))),
        String(Math.round(median(runs.map((r) => r.topTrials)))),
        rhos.length ? median(rhos).toFixed(2) : "-",
        (runs.reduce((s, r) => s + r.decisionMs, 0) / runs.reduce((s, r) => s + r.trials, 0)).toFixed(3),
      ];
      console.log(`| ${row.join(" | ")} |`);
    }
    console.log("");
  }
}

await main();
