/**
 * Ask+tell overhead of the TPE sampler on a 4-parameter mixed space (2 floats, 1 int,
 * 1 categorical), in a runSampler-like loop: prints the median and p90 wall time of the
 * steps around trial 100 and trial 1000, and their median CPU time, for the
 * single-objective sampler and a few variants.
 *
 *   npx tsx bench/overhead/tpe.ts
 */
import { performance } from "node:perf_hooks";
import { rngFor } from "../../src/math/rng.js";
import { tpeSampler, type TpeSamplerOptions } from "../../src/samplers/tpe/index.js";
import type { Objective, TrialRecord } from "../../src/storage/spec.js";
import { tpeBenchObjectives, tpeBenchSpace } from "./tpe-problem.js";
import { makeTrial } from "../../src/testing/index.js";


const WINDOW = 20;
const CHECKPOINTS = [100, 1000];

async function measure(label: string, options: TpeSamplerOptions, objectiveCount = 1): Promise<void> {
  const sampler = tpeSampler({ seed: 1, ...options });
  const objectives: Objective[] = Array.from({ length: objectiveCount }, (_, i) => ({ name: `f${i}`, direction: "minimize" }));
  const history: TrialRecord[] = [];
  const times = new Map<number, number[]>(CHECKPOINTS.map((c) => [c, []]));
  const cpuTimes = new Map<number, number[]>(CHECKPOINTS.map((c) => [c, []]));
  const last = Math.max(...CHECKPOINTS) + WINDOW;
  for (let n = 0; n < last; n++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const proposal = await sampler.doAsk({ space: tpeBenchSpace, objectives, trials: history, trialNumber: n, rng: rngFor(sampler.seed, "sampler", n) });
    const values = tpeBenchObjectives(proposal.config).slice(0, objectiveCount);
    history.push(makeTrial({ number: n, config: proposal.config, values }));
    const elapsed = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    for (const c of CHECKPOINTS) {
      if (n < c - WINDOW || n >= c + WINDOW) continue;
      times.get(c)?.push(elapsed);
      cpuTimes.get(c)?.push((cpu.user + cpu.system) / 1000);
    }
  }
  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  };
  // CPU time (this process, all threads) beside wall time: on a busy machine the wall
  // time also counts the time the process waited for a core.
  const cells = CHECKPOINTS.map((c) => {
    const wall = times.get(c) ?? [];
    const cpu = cpuTimes.get(c) ?? [];
    return `trial ${c}: median ${quantile(wall, 0.5).toFixed(3)} ms, p90 ${quantile(wall, 0.9).toFixed(3)} ms, cpu median ${quantile(cpu, 0.5).toFixed(3)} ms`;
  });
  console.log(`${label.padEnd(28)} ${cells.join(" | ")}`);
}

/** A fixed workload, to tell a slow or busy machine from a slow sampler. */
function calibrate(): string {
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < 1_000_000; i++) sum += Math.exp(-i * 1e-6);
  return `${(performance.now() - start).toFixed(1)} ms per million Math.exp (checksum ${sum.toFixed(0)})`;
}

calibrate();
console.log(`machine: ${calibrate()}`);
await measure("tpe (multivariate)", {});
await measure("tpe (univariate)", { multivariate: false });
await measure("tpe (constant liar)", { constantLiar: true });
await measure("motpe (2 objectives)", {}, 2);
console.log(`machine: ${calibrate()}`);
