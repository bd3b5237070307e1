/**
 * Tabular lookup speed: evaluations per second of a 1000-row table (LLMSYS-HPOBench naiverag,
 * 12 parameters) for configurations that match a row exactly, configurations perturbed off the
 * rows (nearest-neighbour search), and uniformly sampled configurations. The target is at least
 * 100,000 evaluations per second. Also times the nearest-row search alone (RowIndex.nearest),
 * with its WebAssembly coarse pass and without it (what runtimes without WebAssembly get), and
 * the k-NN surrogate on the same table.
 * Each figure is the fastest of several passes over the 1000 configurations, with the median
 * pass beside it.
 *
 * Usage: npx tsx bench/tasks/tabular-lookup.ts
 */
import { performance } from "node:perf_hooks";
import { getTask } from "../../src/bench/builtin/index.js";
import { surrogateTask } from "../../src/bench/surrogate/index.js";
import { RowIndex, type TabularTask } from "../../src/bench/tabular/index.js";
import { rngFor } from "../../src/math/rng.js";
import type { Config } from "../../src/space/index.js";

const task = getTask("llmsys/naiverag") as TabularTask;
const rng = rngFor(0, "bench-tabular-lookup");
const rows = task.table.rows.map((row) => row.config);
const perturbed = rows.map((config) => task.space.decode(task.space.encode(config).map((u) => Math.min(0.999, Math.max(0, u + (rng.random() - 0.5) * 0.02)))));
const sampled = rows.map(() => task.space.sample(rng));

/**
 * Prints evaluations per second of `evaluate` over `configs`: the fastest of `rounds` passes
 * (the figure least disturbed by other processes on a shared machine) and the median pass.
 */
function rate(label: string, configs: Config[], evaluate: (config: Config, seed: number) => unknown, rounds: number): void {
  for (let i = 0; i < configs.length; i++) evaluate(configs[i], i); // warm-up
  const perSecond: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < configs.length; i++) evaluate(configs[i], i);
    perSecond.push(configs.length / ((performance.now() - start) / 1000));
  }
  perSecond.sort((a, b) => b - a);
  const format = (x: number) => Math.round(x).toLocaleString("en-US").padStart(12);
  process.stdout.write(`${label.padEnd(34)} ${format(perSecond[0])} evals/s (median ${format(perSecond[rounds >> 1]).trim()})\n`);
}

// This machine's speed, to compare figures across machines: a warm plain loop summing a Float64Array.
const probe = new Float64Array(4_000_000).fill(1);
let nsPerElement = Infinity;
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < probe.length; i++) sum += probe[i];
  if (sum !== probe.length) throw new Error("probe sum is wrong");
  nsPerElement = Math.min(nsPerElement, ((performance.now() - start) / probe.length) * 1e6);
}
process.stdout.write(`machine: ${nsPerElement.toFixed(2)} ns per element of a summing loop (a recent laptop: ~0.3-1)\n`);
process.stdout.write(`table: ${task.id}, ${task.rows} rows, ${task.space.size} parameters\n`);
rate("tabular, exact row", rows, (c, s) => task.evaluate(c, null, s), 200);
rate("tabular, perturbed (nearest row)", perturbed, (c, s) => task.evaluate(c, null, s), 50);
rate("tabular, sampled (nearest row)", sampled, (c, s) => task.evaluate(c, null, s), 50);
const configs = task.table.rows.map((row) => row.config);
const withCoarsePass = new RowIndex(task.space, configs, configs.map((_, i) => i));
const exactScan = new RowIndex(task.space, configs, configs.map((_, i) => i), { webAssembly: false });
rate(`nearest only, ${withCoarsePass.search}`, sampled, (c) => withCoarsePass.nearest(c), 50);
rate(`nearest only, ${exactScan.search}`, sampled, (c) => exactScan.nearest(c), 10);
const surrogate = surrogateTask(task);
rate("surrogate k=5, sampled", sampled, (c, s) => surrogate.evaluate(c, null, s), 10);
