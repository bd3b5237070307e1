import type { Analysis } from "./analyze.js";

/** Where and how the figures were measured, written beside them. */
export interface MeasuredRun {
  /** The command that produced the figures, e.g. `npm run bench`. */
  command: string;
  runs: number;
  wallSeconds: number;
  /** e.g. `2 cores, Node 20.20.2`. */
  machine: string;
}

/** The markers a README puts around the block renderReadmeSummary writes. */
export const README_BENCH_MARKERS = { start: "<!-- bench-summary:start (npm run readme:bench writes this) -->", end: "<!-- bench-summary:end -->" } as const;

/**
 * The README's headline benchmark figures from an analysis: the average ranks, Friedman's
 * test and Nemenyi's critical difference, with the command, run count, wall time and machine
 * they came from. Written by scripts/write-readme-bench.ts, never by hand.
 */
export function renderReadmeSummary(analysis: Analysis, run: MeasuredRun): string {
  const ranks = analysis.overall.ranks;
  const order = [...analysis.optimizers].sort((a, b) => (ranks[a] ?? Infinity) - (ranks[b] ?? Infinity));
  const f = analysis.overall.friedman;
  const minutes = Math.floor(run.wallSeconds / 60);
  const wall = `${minutes}:${String(Math.round(run.wallSeconds % 60)).padStart(2, "0")}`;
  const lines = [
    `Output of \`${run.command}\` (${wall} wall time, ${run.machine}, ${run.runs} runs):`,
    "",
    `| optimizer | average rank over the ${f?.n ?? analysis.tasks.length} tasks (1 = best) |`,
    "| :--- | ---: |",
    ...order.map((o) => `| ${o} | ${ranks[o]?.toFixed(2) ?? "–"} |`),
    "",
  ];
  if (f) {
    const cd = analysis.overall.criticalDifference;
    const told = f.pValue < 0.05 ? "the optimizers' ranks differ (p < 0.05)" : "no optimizer is told apart from the others with confidence (p >= 0.05)";
    lines.push(
      `Friedman test over ${f.n} tasks: chi2 = ${f.statistic.toFixed(2)}, df = ${f.df}, p = ${f.pValue.toPrecision(3)}${cd === null ? "" : `; Nemenyi critical difference ${cd.toFixed(2)} ranks`}: ${told}; the per-task tables in \`bench-report/report.md\` show where each one wins.`,
    );
  }
  return lines.join("\n");
}

/** `text` with the block between README_BENCH_MARKERS replaced; throws when the markers are missing. */
export function replaceReadmeSummary(text: string, block: string): string {
  const start = text.indexOf(README_BENCH_MARKERS.start);
  const end = text.indexOf(README_BENCH_MARKERS.end);
  if (start < 0 || end < start) throw new Error(`the README has no ${README_BENCH_MARKERS.start} ... ${README_BENCH_MARKERS.end} block`);
  return `${text.slice(0, start + README_BENCH_MARKERS.start.length)}\n${block}\n${text.slice(end)}`;
}
