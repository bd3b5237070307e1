import type { RunResult } from "../../bench/runner/index.js";
import { analyze, criticalDifferenceDiagram, regretBands, type Analysis, type RegretBand, type TaskAnalysis } from "../../report/index.js";
import { axes, legend, plotArea, polylinePath, svgOpen } from "../svg/chart.js";
import { escapeHtml } from "../svg/escape.js";
import { formatNumber } from "../svg/format.js";
import { optimizerColor } from "../svg/palette.js";
import { linearScale } from "../svg/scale.js";
import { figure } from "./study-view.js";

/**
 * The benchmark view of stored `knobs bench` runs: average ranks over tasks with Friedman's
 * test and the critical-difference diagram; then per task the regret curves (median over
 * seeds with the interquartile band) and a table of final regret, rank and cost to target.
 */
export function benchmarkView(results: readonly RunResult[], options: { targetRegret?: number } = {}): string {
  if (results.length === 0) return `<p class="empty">No benchmark runs stored.</p>`;
  const analysis = analyze(results, { targetRegret: options.targetRegret });
  const parts = [`<section class="view" id="view-bench-overall"><h2>Average ranks</h2>${overall(analysis)}</section>`];
  for (const task of analysis.tasks) {
    const bands = regretBands(results, task);
    parts.push(
      `<section class="view" id="view-bench-${escapeHtml(task.task.replace(/[^\w-]/g, "_"))}" data-task="${escapeHtml(task.task)}"><h2>${escapeHtml(task.task)}</h2>` +
        `<div class="row">${bandChart(task, bands)}${taskTable(task, analysis.targetRegret)}</div></section>`,
    );
  }
  return parts.join("");
}

function overall(analysis: Analysis): string {
  const { ranks, friedman, criticalDifference } = analysis.overall;
  const names = Object.keys(ranks).sort((a, b) => ranks[a] - ranks[b]);
  const rows = names.map((name) => `<tr><td>${escapeHtml(name)}</td><td>${ranks[name].toFixed(2)}</td></tr>`).join("");
  const table = names.length ? `<table class="small"><tr><th>optimizer</th><th>average rank over ${friedman?.n ?? analysis.tasks.length} tasks</th></tr>${rows}</table>` : "";
  const test = friedman
    ? `<p>Friedman test: χ² = ${friedman.statistic.toFixed(2)}, df = ${friedman.df}, p = ${friedman.pValue.toPrecision(3)}.${criticalDifference !== null ? ` Nemenyi critical difference (α = 0.05): ${criticalDifference.toFixed(2)} ranks; optimizers joined by a bar are not told apart.` : ""}</p>`
    : `<p class="note">Too few tasks or optimizers with complete results for a Friedman test and a critical-difference diagram.</p>`;
  const diagram = criticalDifference !== null && names.length > 1 ? figure(criticalDifferenceDiagram(ranks, criticalDifference).replace("<svg ", '<svg data-view="cd" '), "Critical-difference diagram (1 = best).") : "";
  return `<div class="row">${table}${diagram}</div>${test}`;
}

function bandChart(task: TaskAnalysis, bands: readonly RegretBand[]): string {
  const area = plotArea(560, 320);
  const length = Math.max(1, ...bands.map((b) => b.median.length));
  const x = linearScale([1, Math.max(2, length)], [area.left, area.right]);
  const y = linearScale([0, 1], [area.bottom, area.top]);
  const parts = [svgOpen(area.width, area.height, { view: "regret", task: task.task, series: bands.length }), axes(area, x, y, { title: "normalized regret (median, IQR band)", xLabel: "evaluations", yLabel: "regret" })];
  bands.forEach((band) => {
    const color = optimizerColor(band.optimizer);
    const upper = band.high.map((v, j) => [x.at(j + 1), y.at(v)] as [number, number]);
    const lower = band.low.map((v, j) => [x.at(j + 1), y.at(v)] as [number, number]).reverse();
    if (upper.length) parts.push(`<path d="${polylinePath([...upper, ...lower])}Z" fill="${color}" fill-opacity="0.15" stroke="none"/>`);
    parts.push(`<path d="${polylinePath(band.median.map((v, j) => [x.at(j + 1), y.at(v)]))}" fill="none" stroke="${color}" stroke-width="2" data-optimizer="${escapeHtml(band.optimizer)}"/>`);
  });
  parts.push(legend(area, bands.map((b) => ({ label: `${b.optimizer} (${b.runs})`, color: optimizerColor(b.optimizer), kind: "line" as const }))), "</svg>");
  return figure(parts.join(""), `Best-so-far normalized regret over seeds; bounds ${task.bounds.source === "data" ? "from the task's data" : "from the runs"}.`);
}

function taskTable(task: TaskAnalysis, target: number): string {
  const costName = task.optimizers.find((o) => o.toTarget.costName)?.toTarget.costName ?? null;
  const rows = task.optimizers.map((s) => {
    const r = s.finalRegret;
    return (
      `<tr><td>${escapeHtml(s.optimizer)}</td><td>${s.runs}</td><td>${formatNumber(r.estimate)} [${formatNumber(r.low)}, ${formatNumber(r.high)}]</td>` +
      `<td>${formatNumber(task.ranks[s.optimizer])}</td><td>${s.toTarget.reached}/${s.runs}</td><td>${formatNumber(s.toTarget.evaluations)}</td>` +
      `<td>${formatNumber(s.toTarget.cost)}</td></tr>`
    );
  });
  return (
    `<table class="small"><tr><th>optimizer</th><th>runs</th><th>final regret IQM [95% CI]</th><th>rank</th><th>reached regret ≤ ${target}</th>` +
    `<th>evaluations to target</th><th>${costName ? escapeHtml(costName) : "cost"} to target</th></tr>${rows.join("")}</table>`
  );
}
