import { NEAR_OPTIMAL_REGRET, UNINFORMATIVE_SHARE } from "../bench/tabular/index.js";
import type { Analysis, TaskAnalysis } from "./analyze.js";

const fmt = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits));

/**
 * The report as Markdown: overall ranks and tests; then per task a table of regret, rank,
 * time to target and overhead, and (when the task reports a cost) median regret at a few
 * amounts of its primary cost.
 */
export function renderMarkdown(analysis: Analysis, meta: { title?: string; command?: string } = {}): string {
  const lines: string[] = [`# ${meta.title ?? "knobs benchmark report"}`, ""];
  lines.push(`Suites: ${analysis.suites.join(", ")}. Optimizers: ${analysis.optimizers.join(", ")}.`);
  lines.push(
    `Normalized regret = (best - found) / (best - worst), 0 is the optimum; IQM over seeds with a 95% bootstrap interval. Target regret for "to target": ${analysis.targetRegret}.`,
  );
  if (meta.command) lines.push("", `Reproduce: \`${meta.command}\``);
  lines.push("", "## Overall", "");
  lines.push("| optimizer | average rank over tasks |", "| :--- | ---: |");
  for (const o of [...analysis.optimizers].sort((a, b) => (analysis.overall.ranks[a] ?? Infinity) - (analysis.overall.ranks[b] ?? Infinity))) {
    lines.push(`| ${o} | ${fmt(analysis.overall.ranks[o], 2)} |`);
  }
  const f = analysis.overall.friedman;
  if (f) {
    lines.push("", `Friedman test over ${f.n} tasks: chi2 = ${fmt(f.statistic, 2)}, df = ${f.df}, p = ${f.pValue.toPrecision(3)}.`);
    if (analysis.overall.criticalDifference !== null) {
      lines.push(`Nemenyi critical difference (alpha 0.05): ${fmt(analysis.overall.criticalDifference, 2)} ranks; optimizers whose average ranks differ by less are not told apart.`);
    }
  } else {
    lines.push("", "Too few tasks or optimizers with complete results for a Friedman test.");
  }
  for (const task of analysis.tasks) {
    lines.push("", `## ${task.task}`, "");
    lines.push(
      `Bounds (${task.direction}): best ${task.bounds.best.toPrecision(6)}, worst ${task.bounds.worst.toPrecision(6)} (${task.bounds.source === "data" ? "from the task's data" : "best and worst values seen in these runs"}).`,
      ...nearOptimalLines(task),
      "",
    );
    const costName = task.optimizers.find((o) => o.toTarget.costName)?.toTarget.costName ?? null;
    lines.push(`| optimizer | runs | final regret IQM [95% CI] | rank | reached target | evals to target | sim. seconds to target | ${costName ? `${costName} to target` : "cost to target"} | decision ms/trial |`);
    lines.push("| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const s of task.optimizers) {
      const r = s.finalRegret;
      lines.push(
        `| ${s.optimizer} | ${s.runs} | ${fmt(r.estimate)} [${fmt(r.low)}, ${fmt(r.high)}] | ${fmt(task.ranks[s.optimizer], 2)} | ${s.toTarget.reached}/${s.runs} | ${fmt(s.toTarget.evaluations, 0)} | ${fmt(s.toTarget.seconds, 1)} | ${s.toTarget.cost === null ? "–" : s.toTarget.cost.toPrecision(3)} | ${fmt(s.decisionMsPerTrial, 2)} |`,
      );
    }
    lines.push(...regretAtCostTable(task));
  }
  const paying = analysis.tasks.flatMap((t) => t.optimizers.filter((s) => Object.keys(s.optimizerCostPerRun).length > 0).map((s) => ({ task: t.task, s })));
  if (paying.length) {
    lines.push("", "## Optimizer cost", "", "What LLM-guided optimizers spent on their own calls, mean per run (apart from the evaluations' cost).", "");
    lines.push("| task | optimizer | per run |", "| :--- | :--- | :--- |");
    for (const { task, s } of paying) {
      lines.push(`| ${task} | ${s.optimizer} | ${Object.entries(s.optimizerCostPerRun).map(([name, amount]) => `${name} ${amount.toPrecision(3)}`).join(", ")} |`);
    }
  }
  if (analysis.errors.length) {
    lines.push("", "## Runs that failed", "");
    for (const e of analysis.errors) lines.push(`- ${e.task} / ${e.optimizer} / seed ${e.seed}: ${e.error}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * The share of the task's rows near its optimum, and for a task where nearly every row is
 * near it (UNINFORMATIVE_SHARE) why it cannot rank optimizers and why it stays in the ranking.
 */
function nearOptimalLines(task: TaskAnalysis): string[] {
  const share = task.nearOptimalShare;
  if (share === null) return [];
  const line = `Rows within regret ${NEAR_OPTIMAL_REGRET} of the optimum: ${(100 * share).toFixed(1)}% of the recorded rows at the highest fidelity.`;
  if (share < UNINFORMATIVE_SHARE) return [line];
  return [
    `${line} This task cannot tell optimizers apart: almost any first evaluation is near the optimum, so every optimizer reaches regret 0 at once and ties. It stays in the overall ranking, where a tie moves no optimizer ahead of another but lowers Friedman's chi2 (docs/tasks.md; leave it out with --tasks).`,
  ];
}

/** Shares of the largest spend on a task at which the Markdown reads the regret-against-cost curves. */
const COST_SHARES = [0.1, 0.25, 0.5, 1];

/**
 * The anytime curve against cost in brief: median normalized regret of each optimizer once
 * 10%, 25%, 50% and all of the most any run spent had been spent; no lines when the task
 * reports no cost.
 */
function regretAtCostTable(task: TaskAnalysis): string[] {
  const checkpoints = task.costCheckpoints;
  if (task.costName === null || checkpoints.length === 0) return [];
  // Checkpoint k (0-based) of n is (k + 1) / n of the largest spend; pick the ones at the shares.
  const columns = COST_SHARES.map((share) => Math.max(0, Math.round(share * checkpoints.length) - 1));
  const lines = ["", `Median normalized regret once this much ${task.costName} had been spent (all evaluations counted, lower fidelities included):`, ""];
  lines.push(`| optimizer | ${columns.map((k, i) => `${checkpoints[k].toPrecision(3)} (${COST_SHARES[i] * 100}%)`).join(" | ")} |`);
  lines.push(`| :--- |${" ---: |".repeat(columns.length)}`);
  for (const s of task.optimizers) lines.push(`| ${s.optimizer} | ${columns.map((k) => fmt(s.costCurve[k]?.[1])).join(" | ")} |`);
  return lines;
}
