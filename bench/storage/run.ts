/**
 * Storage throughput: ask+tell trials per second with the random sampler, in memory and
 * on SQLite (one process), at 1k and 10k trials; then the memory used by a 100k-trial
 * in-memory study. Run: npx tsx bench/storage/run.ts [--sizes 1000,10000] [--big 100000] [--reps 5]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { randomSampler } from "../../src/samplers/index.js";
import { categorical, float, int } from "../../src/space/index.js";
import { createStudy } from "../../src/study/index.js";

const { values: args } = parseArgs({ options: { sizes: { type: "string", default: "1000,10000" }, big: { type: "string", default: "100000" }, reps: { type: "string", default: "5" } } });
const sizes = args.sizes.split(",").map(Number);
const space = { lr: float(1e-5, 1e-1, { log: true }), top_k: int(1, 20), retriever: categorical(["bm25", "dense", "hybrid"]), temperature: float(0, 1) };

let studies = 0;
async function askTell(storage: string, trials: number): Promise<number> {
  const study = await createStudy({ name: `bench-${trials}-${studies++}`, storage, space, direction: "minimize", sampler: randomSampler({ seed: 0 }), logger: () => {} });
  const start = performance.now();
  for (let i = 0; i < trials; i++) {
    const trial = await study.ask();
    const c = trial.config;
    await study.tell(trial, { values: [(c.temperature as number) ** 2 + (c.top_k as number)], cost: { usd: 0.001 } });
  }
  const seconds = (performance.now() - start) / 1000;
  await study.close();
  return trials / seconds;
}

// Steady-state figures: warm the JIT on a few studies first, then report the median of
// --reps studies per size (with the range). The very first study of a process runs
// cold (V8 still compiling the hot paths); that figure is printed apart.
const reps = Number(args.reps);
const dir = mkdtempSync(join(tmpdir(), "knobs-bench-"));
let dbs = 0;
const sqliteUrl = () => `sqlite:${join(dir, `bench-${dbs++}.db`)}`;
const cold = { memory: await askTell("memory:", 1000), sqlite: await askTell(sqliteUrl(), 1000) };
for (let i = 0; i < 10; i++) await askTell("memory:", 2000);
for (let i = 0; i < 2; i++) await askTell(sqliteUrl(), 1000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (name: string, n: number, rates: number[]) =>
  console.log(`| ${name} | ${n} | ${Math.round(median(rates))} | ${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))} |`);
console.log(`| storage | trials | ask+tell per second (median of ${reps}) | range |`);
console.log("|---|---:|---:|---:|");
for (const n of sizes) {
  const memory: number[] = [];
  const sqlite: number[] = [];
  for (let r = 0; r < reps; r++) memory.push(await askTell("memory:", n));
  for (let r = 0; r < reps; r++) sqlite.push(await askTell(sqliteUrl(), n));
  row("memory", n, memory);
  row("sqlite", n, sqlite);
}
console.log(`\nFirst study of the process (cold JIT), 1000 trials: memory ${Math.round(cold.memory)}/s, sqlite ${Math.round(cold.sqlite)}/s`);
rmSync(dir, { recursive: true, force: true });

const big = Number(args.big);
if (big > 0) {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  const study = await createStudy({ name: "big", storage: "memory:", space, direction: "minimize", sampler: randomSampler({ seed: 0 }), logger: () => {} });
  const start = performance.now();
  for (let i = 0; i < big; i++) {
    const trial = await study.ask();
    await study.tell(trial, (trial.config.temperature as number) ** 2);
  }
  globalThis.gc?.();
  const rss = process.memoryUsage().rss;
  console.log(`\n${big}-trial in-memory study: ${((rss - base) / 2 ** 20).toFixed(0)} MB over the baseline, RSS ${(rss / 2 ** 20).toFixed(0)} MB, ${Math.round(big / ((performance.now() - start) / 1000))} trials/s`);
}
console.log(`\nNode ${process.version}; reproduce: npx tsx bench/storage/run.ts --sizes ${args.sizes} --big ${args.big} --reps ${args.reps}`);
