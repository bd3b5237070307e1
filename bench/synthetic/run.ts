/**
 * Synthetic benchmark of the samplers: every function x sampler x seed x budget, reported as
 * Markdown tables (synthetic functions with known optima, not results on LLM systems).
 *
 *   npx tsx bench/synthetic/run.ts [--samplers random,qmc,tpe,gp,cmaes,evolution] [--seeds 30]
 *     [--budgets 50,200] [--functions branin,...] [--concurrency N]
 */
import { availableParallelism, cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { getSyntheticFunction } from "../../src/bench/synthetic/index.js";
import { optimizerNames } from "../../src/optimizers/index.js";
import type { Job } from "./job.js";
import { parseBenchOptions, reproduceCommand } from "./options.js";
import { runJobs } from "./pool.js";
import { renderReport, skippedLines } from "./report.js";

const start = performance.now();
const options = parseBenchOptions(process.argv.slice(2));
for (const id of options.functions) getSyntheticFunction(id); // fail fast on an unknown id

const known = new Set(optimizerNames("sampler"));
const unknown = options.samplers.filter((name) => !known.has(name));
const notRegistered = unknown.map((name) => `- skipped sampler ${name}: not registered (known: ${[...known].join(", ")})`);
options.samplers = options.samplers.filter((name) => known.has(name));

const jobs: Job[] = [];
for (const functionId of options.functions) {
  for (const sampler of options.samplers) {
    for (let seed = 0; seed < options.seeds; seed++) jobs.push({ functionId, sampler, seed, budgets: options.budgets });
  }
}

const concurrency = Math.min(options.concurrency, jobs.length);
process.stderr.write(`running ${jobs.length} jobs on ${concurrency} processes\n`);
const results = await runJobs(jobs, concurrency, (done) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${done}/${jobs.length}`);
});
if (process.stderr.isTTY) process.stderr.write("\n");

const seconds = (performance.now() - start) / 1000;
console.log(`## Synthetic benchmark (synthetic functions, minimization)\n`);
console.log(
  `${options.samplers.join(", ")} on ${options.functions.length} functions, ${options.seeds} seeds, budgets ${options.budgets.join(", ")}; ` +
    `best value found within each budget. IQM: mean of the middle half of the seeds (Agarwal et al. 2021), ` +
    `95% percentile-bootstrap interval over seeds; regret: best minus the known optimum; ` +
    `p vs random: two-sided Mann-Whitney U over seeds.\n`,
);
const skipped = [...notRegistered, ...skippedLines(results)];
if (skipped.length > 0) console.log(`${skipped.join("\n")}\n`);
console.log(renderReport(results, options));
console.log(
  `\nWall time ${seconds.toFixed(1)} s on ${concurrency} processes (${availableParallelism()} available, ${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}.`,
);
console.log(`Reproduce: \`${reproduceCommand(options)}\``);
