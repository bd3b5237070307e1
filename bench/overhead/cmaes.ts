/**
 * Overhead of the CMA-ES sampler: time per ask (which includes telling the generation that
 * just completed) on a 10-D sphere, at 100 and 1000 trials. Goal: median <= 0.2 ms.
 *
 *   npx tsx bench/overhead/cmaes.ts
 */
import { rngFor } from "../../src/math/rng.js";
import { cmaesSampler } from "../../src/samplers/cmaes/index.js";
import type { SamplerContext } from "../../src/samplers/spec.js";
import { Space, type SpaceDefinition } from "../../src/space/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";

const DIMENSIONS = 10;
const definition: SpaceDefinition = {};
for (let i = 0; i < DIMENSIONS; i++) definition[`x${i}`] = { type: "float", low: -5, high: 5 };
const space = Space.parse(definition);
const objectives = [{ name: "value", direction: "minimize" as const }];
const sphere = (config: Record<string, unknown>) => space.names.reduce((sum, name) => sum + (config[name] as number) ** 2, 0);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Runs `trials` sequential trials; returns the time of each ask+tell in ms. */
function timeRun(trials: number, seed: number): number[] {
  const sampler = cmaesSampler({ seed });
  const history: TrialRecord[] = [];
  const times: number[] = [];
  for (let n = 0; n < trials; n++) {
    const ctx: SamplerContext = { space, objectives, trials: history, trialNumber: n, rng: rngFor(seed, "sampler", n) };
    const start = performance.now();
    const { config } = sampler.doAsk(ctx) as { config: Record<string, number> };
    times.push(performance.now() - start);
    history.push(makeTrial({ number: n, config, values: [sphere(config)] }));
  }
  return times;
}

timeRun(300, 99); // warm-up for the JIT
for (const trials of [100, 1000]) {
  const times: number[] = [];
  for (let seed = 0; seed < 5; seed++) times.push(...timeRun(trials, seed));
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  console.log(
    `cmaes ${DIMENSIONS}-D, ${trials} trials: median ${quantile(sorted, 0.5).toFixed(4)} ms, p90 ${quantile(sorted, 0.9).toFixed(4)} ms, ` +
      `mean ${mean.toFixed(4)} ms, max ${sorted[sorted.length - 1].toFixed(3)} ms per ask+tell (goal: median <= 0.2 ms)`,
  );
}
