import { averageRanks, bootstrapCI, iqm, mannWhitneyU, mean } from "../../src/bench/stats/index.js";
import { getSyntheticFunction } from "../../src/bench/synthetic/index.js";
import { rngFor } from "../../src/math/rng.js";
import type { JobResult } from "./job.js";
import { formatNumber, formatP, markdownTable } from "./markdown.js";
import type { BenchOptions } from "./options.js";

type Successful = Extract<JobResult, { ok: true }>;

/** Results of a complete run, indexed by function and sampler. */
class ResultTable {
  private readonly bySampler = new Map<string, Map<string, Successful[]>>();

  constructor(results: JobResult[]) {
    for (const result of results) {
      if (!result.ok) continue;
      const { functionId, sampler } = result.job;
      if (!this.bySampler.has(functionId)) this.bySampler.set(functionId, new Map());
      const perSampler = this.bySampler.get(functionId) as Map<string, Successful[]>;
      if (!perSampler.has(sampler)) perSampler.set(sampler, []);
      (perSampler.get(sampler) as Successful[]).push(result);
    }
  }

  /** Samplers that completed every seed on this function, in the requested order. */
  samplersOn(functionId: string, samplers: string[], seeds: number): string[] {
    return samplers.filter((s) => (this.bySampler.get(functionId)?.get(s)?.length ?? 0) === seeds);
  }

  /** Best value within the budget (by index into the budgets), one per seed in seed order. */
  best(functionId: string, sampler: string, budgetIndex: number): number[] {
    const runs = [...(this.bySampler.get(functionId)?.get(sampler) ?? [])].sort((a, b) => a.job.seed - b.job.seed);
    return runs.map((run) => run.bestAt[budgetIndex]);
  }

  milliseconds(sampler: string): number[] {
    const out: number[] = [];
    for (const perSampler of this.bySampler.values()) for (const run of perSampler.get(sampler) ?? []) out.push(run.milliseconds);
    return out;
  }
}

/** Lines saying which (sampler, function) pairs failed and why, one per pair. */
export function skippedLines(results: JobResult[]): string[] {
  const seen = new Map<string, string>();
  for (const result of results) {
    if (result.ok) continue;
    const key = `${result.job.sampler} on ${result.job.functionId}`;
    if (!seen.has(key)) seen.set(key, result.error);
  }
  return [...seen].map(([key, error]) => `- skipped ${key}: ${error}`);
}

/**
 * The Markdown report: per function, one row per (budget, sampler) with the mean best,
 * the IQM best with a 95% percentile-bootstrap interval, the mean regret to the known
 * optimum and a two-sided Mann-Whitney p-value against random search; then the average rank
 * of each sampler that ran everywhere, over every (function, budget, seed).
 */
export function renderReport(results: JobResult[], options: BenchOptions): string {
  const table = new ResultTable(results);
  const sections: string[] = [];
  for (const functionId of options.functions) {
    const f = getSyntheticFunction(functionId);
    const samplers = table.samplersOn(functionId, options.samplers, options.seeds);
    const rows: string[][] = [];
    options.budgets.forEach((budget, b) => {
      const randomBest = samplers.includes("random") ? table.best(functionId, "random", b) : null;
      for (const sampler of samplers) {
        const best = table.best(functionId, sampler, b);
        const ci = bootstrapCI(best, iqm, { rng: rngFor(0, "bench-synthetic", functionId, sampler, budget) });
        const p = randomBest && sampler !== "random" ? formatP(mannWhitneyU(best, randomBest).pValue) : "";
        rows.push([
          String(budget),
          sampler,
          formatNumber(mean(best)),
          `${formatNumber(ci.estimate)} [${formatNumber(ci.low)}, ${formatNumber(ci.high)}]`,
          formatNumber(mean(best) - f.optimum),
          p,
        ]);
      }
    });
    sections.push(
      `### ${f.id} (synthetic): ${f.description}\n\n` +
        markdownTable(["budget", "sampler", "mean best", "IQM best [95% CI]", "mean regret", "p vs random"], rows, 2),
    );
  }
  sections.push(renderRanks(table, options));
  return sections.join("\n\n");
}

function renderRanks(table: ResultTable, options: BenchOptions): string {
  // Rank only samplers that ran every seed of every function, so all compete on the same rows.
  const samplers = options.samplers.filter((s) => options.functions.every((id) => table.samplersOn(id, [s], options.seeds).length === 1));
  const left = options.samplers.filter((s) => !samplers.includes(s));
  const note = left.length > 0 ? `\n\nNot ranked (failed on some function): ${left.join(", ")}.` : "";
  if (samplers.length === 0) return `### Average rank\n\nNo sampler ran on every function: no ranks.${note}`;
  const ranksOver = (budgetIndexes: number[]) => {
    const matrix: number[][] = [];
    for (const id of options.functions) {
      for (const b of budgetIndexes) {
        const columns = samplers.map((s) => table.best(id, s, b));
        for (let seed = 0; seed < options.seeds; seed++) matrix.push(columns.map((column) => column[seed]));
      }
    }
    return averageRanks(matrix);
  };
  const overall = ranksOver(options.budgets.map((_, b) => b));
  const perBudget = options.budgets.map((_, b) => ranksOver([b]));
  const rows = samplers.map((sampler, s) => [
    sampler,
    overall[s].toFixed(2),
    ...perBudget.map((ranks) => ranks[s].toFixed(2)),
    formatNumber(mean(table.milliseconds(sampler))),
  ]);
  return (
    `### Average rank (1 = best; ranked per function, budget and seed, ties averaged)\n\n` +
    markdownTable(["sampler", "all budgets", ...options.budgets.map((b) => `budget ${b}`), "ms per run (largest budget)"], rows) +
    note
  );
}
