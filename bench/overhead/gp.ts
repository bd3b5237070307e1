/**
 * Overhead of one GP ask as the history grows: median milliseconds of `doAsk` with 50,
 * 100 and 200 complete trials on two 6-parameter spaces (six floats, and a mixed one with
 * floats, integers, a stepped float and a categorical). Wall time, and in brackets the
 * process's CPU time, which other load on the machine inflates less.
 *
 * Run: npx tsx bench/overhead/gp.ts
 */
import { rngFor } from "../../src/math/rng.js";
import { gpSampler } from "../../src/samplers/gp/index.js";
import { Space, type Config, type SpaceDefinition } from "../../src/space/index.js";
import { makeTrial } from "../../src/testing/index.js";

const continuous: SpaceDefinition = Object.fromEntries(
  Array.from({ length: 6 }, (_, i) => [`x${i}`, { type: "float", low: 0, high: 1 }]),
);
const mixed: SpaceDefinition = {
  lr: { type: "float", low: 1e-5, high: 1e-1, log: true },
  dropout: { type: "float", low: 0, high: 0.5 },
  layers: { type: "int", low: 1, high: 8 },
  width: { type: "int", low: 16, high: 1024, log: true },
  temperature: { type: "float", low: 0, high: 1, step: 0.05 },
  optimizer: { type: "categorical", choices: ["adam", "sgd", "rmsprop"] },
};

/** Hartmann-like smooth function of the encoded point (any space). */
function objective(space: Space, config: Config): number {
  const u = space.encode(config);
  let value = 0;
  for (let i = 0; i < u.length; i++) value += Math.sin(3 * u[i] + i) * (u[(i + 1) % u.length] - 0.3) ** 2;
  return value;
}

function medianAskMs(definition: SpaceDefinition, trials: number, repeats: number): { wall: number; cpu: number } {
  const space = Space.parse(definition);
  const rng = rngFor(7, "bench-history", trials);
  const history = Array.from({ length: trials }, (_, number) => {
    const config = space.sample(rng);
    return makeTrial({ number, config, values: [objective(space, config)] });
  });
  const sampler = gpSampler({ seed: 1 });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // A different trial number each time: new candidates, and no reuse of a remembered fit.
    const shifted = history.map((trial) => ({ ...trial, values: [trial.values![0] + r * 1e-9] }));
    const start = performance.now();
    const startCpu = process.cpuUsage();
    sampler.doAsk({
      space,
      objectives: [{ name: "value", direction: "minimize" }],
      trials: shifted,
      trialNumber: trials + r,
      rng: rngFor(1, "sampler", trials + r),
    });
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(startCpu);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return { wall: median(times), cpu: median(cpuTimes) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function cell(time: { wall: number; cpu: number }): string {
  return `${time.wall.toFixed(1)} (${time.cpu.toFixed(1)})`.padStart(14);
}

const repeats = 7;
console.log(`gp ask overhead: median of ${repeats} asks, wall ms (cpu ms)`);
console.log(`trials  ${"6 floats".padStart(14)}  ${"mixed 6".padStart(14)}`);
for (const trials of [50, 100, 200]) {
  console.log(`${String(trials).padStart(6)}  ${cell(medianAskMs(continuous, trials, repeats))}  ${cell(medianAskMs(mixed, trials, repeats))}`);
}
