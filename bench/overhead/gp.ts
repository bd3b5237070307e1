/**
 * Overhead of one GP ask as the history grows: median milliseconds of `doAsk` with 50, 100
 * and 200 complete trials, on two 6-parameter spaces (six floats, and a mixed one with
 * floats, integers, a stepped float and a categorical) with one, two and three objectives;
 * with three trials running (the Kriging believer conditions on them); and on a conditional
 * RAG-like space (the conditional kernel). Wall time, and in brackets the process's CPU time,
 * which other load on the machine inflates less. Goals at 200 trials: under 100 ms for one
 * objective, under 300 ms for three.
 *
 * Run: npx tsx bench/overhead/gp.ts [--repeats 7]
 */
import { parseArgs } from "node:util";
import { rngFor } from "../../src/math/rng.js";
import { gpSampler } from "../../src/samplers/gp/index.js";
import { Space, type Config, type SpaceDefinition } from "../../src/space/index.js";
import type { Objective } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";
import { ragLikeSpace } from "../synthetic/rag-like.js";

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

/** Smooth functions of the encoded point (any space; inactive coordinates read as 0.5), one per objective. */
function objectives(space: Space, config: Config, count: number): number[] {
  const u = Array.from(space.encode(config), (v) => (Number.isNaN(v) ? 0.5 : v));
  return Array.from({ length: count }, (_, k) => {
    let value = 0;
    for (let i = 0; i < u.length; i++) value += Math.sin(3 * u[i] + i + 2 * k) * (u[(i + 1 + k) % u.length] - 0.3) ** 2;
    return value;
  });
}

interface Case {
  space: Space;
  objectives: number;
  running: number;
}

function medianAskMs({ space, objectives: count, running }: Case, trials: number, repeats: number): { wall: number; cpu: number } {
  const rng = rngFor(7, "bench-history", trials);
  const history = Array.from({ length: trials }, (_, number) => {
    const config = space.sample(rng);
    return makeTrial({ number, config, values: objectives(space, config, count) });
  });
  const inFlight = Array.from({ length: running }, (_, k) => makeTrial({ number: trials + k, config: space.sample(rng), state: "running" }));
  const directions: Objective[] = Array.from({ length: count }, (_, k) => ({ name: `f${k}`, direction: "minimize" }));
  const sampler = gpSampler({ seed: 1 });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // A different trial number each time: new candidates, and no reuse of a remembered fit.
    const shifted = history.map((trial) => ({ ...trial, values: trial.values!.map((v) => v + r * 1e-9) }));
    const number = trials + running + r;
    const start = performance.now();
    const startCpu = process.cpuUsage();
    sampler.doAsk({ space, objectives: directions, trials: [...shifted, ...inFlight], trialNumber: number, rng: rngFor(1, "sampler", number) });
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
  return `${time.wall.toFixed(1)} (${time.cpu.toFixed(1)})`.padStart(15);
}

const { values: args } = parseArgs({ options: { repeats: { type: "string", default: "7" }, trials: { type: "string", default: "50,100,200" } } });
const repeats = Number(args.repeats);
const sizes = args.trials.split(",").map(Number);
const columns: [string, Case][] = [
  ["6 floats", { space: Space.parse(continuous), objectives: 1, running: 0 }],
  ["mixed 6", { space: Space.parse(mixed), objectives: 1, running: 0 }],
  ["mixed, 3 run", { space: Space.parse(mixed), objectives: 1, running: 3 }],
  ["rag-like cond.", { space: ragLikeSpace, objectives: 1, running: 0 }],
  ["mixed, 2 obj", { space: Space.parse(mixed), objectives: 2, running: 0 }],
  ["mixed, 3 obj", { space: Space.parse(mixed), objectives: 3, running: 0 }],
  ["3 obj, 3 run", { space: Space.parse(mixed), objectives: 3, running: 3 }],
];
console.log(`gp ask overhead: median of ${repeats} asks, wall ms (cpu ms)`);
console.log(`trials  ${columns.map(([name]) => name.padStart(15)).join("  ")}`);
for (const trials of sizes) {
  console.log(`${String(trials).padStart(6)}  ${columns.map(([, c]) => cell(medianAskMs(c, trials, repeats))).join("  ")}`);
}
