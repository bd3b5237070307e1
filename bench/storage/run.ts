/**
 * Storage throughput: ask+tell trials per second with the random sampler, in memory and
 * on SQLite (one process), at 1k and 10k trials; then the memory used by a 100k-trial
 * in-memory study. Run: npx tsx bench/storage/run.ts [--sizes 1000,10000] [--big 100000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { randomSampler } from "../../src/samplers/index.js";
import { categorical, float, int } from "../../src/space/index.js";
import { createStudy } from "../../src/study/index.js";

const { values: args } = parseArgs({ options: { sizes: { type: "string", default: "1000,10000" }, big: { type: "string", default: "100000" } } });
const sizes = args.sizes.split(",").map(Number);
const space = { lr: float(1e-5, 1e-1, { log: true }), top_k: int(1, 20), retriever: categorical(["bm25", "dense", "hybrid"]), temperature: float(0, 1) };

async function askTell(storage: string, trials: number): Promise<number> {
  const study = await createStudy({ name: `bench-${trials}`, storage, space, direction: "minimize", sampler: randomSampler({ seed: 0 }), logger: () => {} });
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

// Warm up the JIT so the first size is not measured cold.
await askTell("memory:", 2000);
const dir = mkdtempSync(join(tmpdir(), "knobs-bench-"));
console.log("| storage | trials | ask+tell per second |");
console.log("|---|---:|---:|");
for (const n of sizes) {
  console.log(`| memory | ${n} | ${Math.round(await askTell("memory:", n))} |`);
  console.log(`| sqlite | ${n} | ${Math.round(await askTell(`sqlite:${join(dir, `bench-${n}.db`)}`, n))} |`);
}
rmSync(dir, { recursive: true, force: true });

const big = Number(args.big);
if (big > 0) {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  const study = await createStudy({ name: "big", storage: "memory:", space, direction: "minimize", logger: () => {} });
  const start = performance.now();
  for (let i = 0; i < big; i++) {
    const trial = await study.ask();
    await study.tell(trial, (trial.config.temperature as number) ** 2);
  }
  globalThis.gc?.();
  const rss = process.memoryUsage().rss;
  console.log(`\n${big}-trial in-memory study: ${((rss - base) / 2 ** 20).toFixed(0)} MB over the baseline, RSS ${(rss / 2 ** 20).toFixed(0)} MB, ${Math.round(big / ((performance.now() - start) / 1000))} trials/s`);
}
console.log(`\nNode ${process.version}; reproduce: npx tsx bench/storage/run.ts --sizes ${args.sizes} --big ${args.big}`);
