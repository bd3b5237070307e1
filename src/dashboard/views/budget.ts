import type { TrialRecord } from "../../storage/index.js";
import { costNames } from "../model/params.js";
import { studyBudget } from "../model/study-budget.js";
import type { StudySnapshot } from "../model/study-snapshot.js";
import { axes, legend, plotArea, polylinePath, svgOpen } from "../svg/chart.js";
import { escapeHtml } from "../svg/escape.js";
import { formatNumber } from "../svg/format.js";
import { PALETTE } from "../svg/palette.js";
import { linearScale } from "../svg/scale.js";
import { figure, type StudyView } from "./study-view.js";

/** Vertices of a spend line at most: enough for the eye, small for a 10,000-trial study. */
const MAX_VERTICES = 800;
const MAX_CHARTS = 4;

/**
 * Budget burn-down, per cost name: what the trials spent as they finished, against the cap
 * when the study has one, with the optimizer's own spend (LLM-guided optimizers' calls) shown
 * apart, as a band under the cap and a column of its own in the table.
 */
export const budgetView: StudyView = {
  id: "budget",
  title: "Budget burn-down",
  render(snapshot) {
    const budget = studyBudget(snapshot.study);
    const names = costNames(snapshot);
    const finished = snapshot.trials
      .filter((t) => t.state === "complete" || t.state === "failed" || t.state === "pruned")
      .sort((a, b) => (a.completedAt ?? 0) - (b.completedAt ?? 0) || a.number - b.number);
    if (names.length === 0 && !budget) return null;
    const capped = names.filter((n) => budget?.costs[n] !== undefined);
    const charted = (capped.length ? capped : names.slice(0, 1)).slice(0, MAX_CHARTS);
    const charts = charted.map((name) => spendChart(name, finished, snapshot.study.optimizerCost[name] ?? 0, budget?.costs[name] ?? null)).join("");
    return charts + spendTable(snapshot, names, finished, budget?.costs ?? {}, budget?.trials ?? Infinity);
  },
};

function spendChart(name: string, finished: readonly TrialRecord[], optimizer: number, cap: number | null): string {
  let total = 0;
  const cumulative = finished.map((t) => (total += t.cost[name] ?? 0));
  const area = plotArea(460, 280);
  const x = linearScale([0, Math.max(1, finished.length)], [area.left, area.right]);
  const top = Math.max(cap ?? 0, total + optimizer) * 1.08 || 1;
  const y = linearScale([0, top], [area.bottom, area.top]);
  const stride = Math.max(1, Math.ceil(cumulative.length / MAX_VERTICES));
  const vertices: [number, number][] = [[x.at(0), y.at(0)]];
  cumulative.forEach((v, i) => {
    if (i % stride === 0 || i === cumulative.length - 1) vertices.push([x.at(i + 1), y.at(v)]);
  });
  const parts = [
    svgOpen(area.width, area.height, { view: "budget", cost: name, trials: finished.length }),
    axes(area, x, y, { title: `${name}: spent${cap !== null ? " of the budget" : ""}`, xLabel: "trials finished", yLabel: name }),
  ];
  if (cap !== null) {
    if (optimizer > 0) {
      parts.push(`<rect x="${area.left}" y="${y.at(cap)}" width="${area.right - area.left}" height="${(y.at(cap - optimizer) - y.at(cap)).toFixed(1)}" fill="${PALETTE[3]}" fill-opacity="0.25"/>`);
    }
    parts.push(`<line x1="${area.left}" y1="${y.at(cap)}" x2="${area.right}" y2="${y.at(cap)}" stroke="#000" stroke-dasharray="5 4"/>`);
  }
  parts.push(`<path d="${polylinePath(vertices)}" fill="none" stroke="${PALETTE[0]}" stroke-width="2"/>`);
  if (optimizer > 0) parts.push(`<circle cx="${x.at(finished.length)}" cy="${y.at(total + optimizer)}" r="4" fill="${PALETTE[3]}"><title>trials + optimizer: ${formatNumber(total + optimizer)}</title></circle>`);
  parts.push(
    legend(area, [
      { label: "spent by trials", color: PALETTE[0], kind: "line" },
      ...(cap !== null ? [{ label: "budget", color: "#000", kind: "line" as const }] : []),
      ...(optimizer > 0 ? [{ label: cap !== null ? "optimizer's spend" : "with optimizer", color: PALETTE[3], kind: cap !== null ? ("band" as const) : ("dot" as const) }] : []),
    ], "left"),
    "</svg>",
  );
  const left = cap !== null ? `; ${formatNumber(Math.max(0, cap - total - optimizer))} of ${formatNumber(cap)} left` : "";
  return figure(parts.join(""), `${escapeHtml(name)}: trials spent ${formatNumber(total)}, the optimizer ${formatNumber(optimizer)}${left}.`);
}

function spendTable(snapshot: StudySnapshot, names: readonly string[], finished: readonly TrialRecord[], caps: Record<string, number>, trialCap: number): string {
  const rows = names.map((name) => {
    const trials = snapshot.trials.reduce((s, t) => s + (t.cost[name] ?? 0), 0);
    const optimizer = snapshot.study.optimizerCost[name] ?? 0;
    const cap = caps[name];
    const left = cap === undefined ? "–" : formatNumber(Math.max(0, cap - trials - optimizer));
    return `<tr><td>${escapeHtml(name)}</td><td>${formatNumber(trials)}</td><td>${formatNumber(optimizer)}</td><td>${formatNumber(trials + optimizer)}</td><td>${cap === undefined ? "–" : formatNumber(cap)}</td><td>${left}</td></tr>`;
  });
  const started = snapshot.trials.filter((t) => t.state !== "queued").length;
  if (Number.isFinite(trialCap)) rows.unshift(`<tr><td>trials</td><td>${started} started, ${finished.length} finished</td><td>–</td><td>${started}</td><td>${trialCap}</td><td>${Math.max(0, trialCap - started)}</td></tr>`);
  return `<table class="small"><tr><th>cost</th><th>trials</th><th>optimizer</th><th>total</th><th>budget</th><th>left</th></tr>${rows.join("")}</table>`;
}
