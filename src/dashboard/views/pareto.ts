import { paretoFront } from "../../study/index.js";
import type { TrialRecord } from "../../storage/index.js";
import { paretoFront2d } from "../model/front-2d.js";
import { costNames } from "../model/params.js";
import { completeTrials, isFeasible, toLoss, type StudySnapshot } from "../model/study-snapshot.js";
import { axes, legend, plotArea, polylinePath, svgOpen } from "../svg/chart.js";
import { escapeHtml } from "../svg/escape.js";
import { formatNumber } from "../svg/format.js";
import { markers, type Marker } from "../svg/markers.js";
import { PALETTE } from "../svg/palette.js";
import { autoScale } from "../svg/scale.js";
import { figure, type StudyView } from "./study-view.js";

/** An axis of the trade-off: an objective, or a cost (always minimized). */
interface Dimension {
  name: string;
  direction: "minimize" | "maximize";
  read(trial: TrialRecord): number | undefined;
  kind: "objective" | "cost";
}

/** Costs shown as trade-off axes beside the objectives, in this order of preference. */
const PREFERRED_COSTS = ["usd", "latency_ms"];
const MAX_CHARTS = 3;
const MAX_SET_ROWS = 25;

/**
 * The Pareto front: for each pair of dimensions (objectives, and the trials' dollar and
 * latency costs), the feasible complete trials with the pair's non-dominated ones joined by
 * the front's staircase; then the study's Pareto set over its objectives.
 */
export const paretoView: StudyView = {
  id: "pareto",
  title: "Pareto front",
  render(snapshot) {
    const dims = dimensions(snapshot);
    if (dims.length < 2) return null;
    const pairs: [Dimension, Dimension][] = [];
    for (let i = 0; i < dims.length; i++) {
      for (let j = i + 1; j < dims.length; j++) if (dims[i].kind === "objective") pairs.push([dims[i], dims[j]]);
    }
    const trials = completeTrials(snapshot).filter(isFeasible);
    const charts = pairs.slice(0, MAX_CHARTS).map(([a, b]) => pairChart(trials, a, b));
    return charts.join("") + paretoSetTable(snapshot);
  },
};

function dimensions(snapshot: StudySnapshot): Dimension[] {
  const objectives: Dimension[] = snapshot.study.objectives.map((o, k) => ({ name: o.name, direction: o.direction, kind: "objective", read: (t) => t.values?.[k] }));
  const taken = new Set(objectives.map((d) => d.name));
  const costs = costNames(snapshot, { trialsOnly: true })
    .filter((name) => !taken.has(name) && snapshot.trials.some((t) => t.cost[name] !== undefined))
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, objectives.length >= 3 ? 0 : 2)
    .map((name): Dimension => ({ name, direction: "minimize", kind: "cost", read: (t) => t.cost[name] }));
  return [...objectives, ...costs];
}

function rank(costName: string): number {
  const i = PREFERRED_COSTS.indexOf(costName);
  return i < 0 ? PREFERRED_COSTS.length : i;
}

function pairChart(trials: readonly TrialRecord[], a: Dimension, b: Dimension): string {
  const rows = trials
    .map((t) => ({ t, va: a.read(t), vb: b.read(t) }))
    .filter((r): r is { t: TrialRecord; va: number; vb: number } => Number.isFinite(r.va) && Number.isFinite(r.vb));
  const area = plotArea(460, 320);
  const x = autoScale(rows.map((r) => r.va), [area.left, area.right]);
  const y = autoScale(rows.map((r) => r.vb), [area.bottom, area.top]);
  const front = paretoFront2d(rows.map((r) => [toLoss(r.va, a.direction), toLoss(r.vb, b.direction)]));
  const onFront = new Set(front);
  const point = (r: (typeof rows)[number]): Marker => ({
    x: x.at(r.va),
    y: y.at(r.vb),
    trial: r.t.number,
    title: () => `trial ${r.t.number}: ${a.name} ${formatNumber(r.va)}, ${b.name} ${formatNumber(r.vb)}`,
  });
  const others = rows.filter((_, i) => !onFront.has(i)).map(point);
  const frontPoints = front.map((i) => point(rows[i]));
  // The staircase: from each front point, step along the second axis to the next one.
  const stairs: [number, number][] = [];
  frontPoints.forEach((p, i) => {
    if (i > 0) stairs.push([p.x, stairs[stairs.length - 1][1]]);
    stairs.push([p.x, p.y]);
  });
  const arrow = (d: Dimension) => `${d.name}${d.kind === "cost" ? " (cost)" : ""} ${d.direction === "maximize" ? "↑" : "↓"}`;
  const svg = [
    svgOpen(area.width, area.height, { view: "pareto", pair: `${a.name}/${b.name}`, points: rows.length, front: front.length }),
    axes(area, x, y, { title: `${a.name} vs ${b.name}`, xLabel: arrow(a), yLabel: arrow(b) }),
    markers(others, { color: "#9bb7d4", opacity: 0.6 }),
    `<path d="${polylinePath(stairs)}" fill="none" stroke="${PALETTE[1]}" stroke-width="1.5"/>`,
    markers(frontPoints, { color: PALETTE[1], radius: 4, stroke: "#fff" }),
    legend(area, [
      { label: "trial", color: "#9bb7d4", kind: "dot" },
      { label: "Pareto front", color: PALETTE[1], kind: "dot" },
    ]),
    "</svg>",
  ].join("");
  return figure(svg, `${rows.length} feasible trials, ${front.length} on the front of ${escapeHtml(a.name)} and ${escapeHtml(b.name)}.`);
}

/** The trials no other feasible trial beats on every objective (several objectives only). */
function paretoSetTable(snapshot: StudySnapshot): string {
  const { objectives } = snapshot.study;
  if (objectives.length < 2) return "";
  const set = paretoFront(snapshot.trials, objectives);
  const costs = costNames(snapshot, { trialsOnly: true }).filter((c) => !objectives.some((o) => o.name === c));
  const head = ["trial", ...objectives.map((o) => o.name), ...costs].map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const rows = set
    .slice(0, MAX_SET_ROWS)
    .map((t) => `<tr data-trial="${t.number}"><td>${t.number}</td>${t.values!.map((v) => `<td>${formatNumber(v)}</td>`).join("")}${costs.map((c) => `<td>${formatNumber(t.cost[c])}</td>`).join("")}</tr>`)
    .join("");
  const more = set.length > MAX_SET_ROWS ? `<p class="note">${set.length - MAX_SET_ROWS} more trials in the Pareto set.</p>` : "";
  return `<h3>Pareto set over the objectives (${set.length} trials)</h3><table class="small">${`<tr>${head}</tr>`}${rows}</table>${more}`;
}
