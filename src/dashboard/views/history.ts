import { completeTrials, isFeasible, toLoss, type StudySnapshot } from "../model/study-snapshot.js";
import { axes, legend, plotArea, polylinePath, svgOpen, emptyNote } from "../svg/chart.js";
import { escapeHtml } from "../svg/escape.js";
import { formatNumber } from "../svg/format.js";
import { markers, type Marker } from "../svg/markers.js";
import { PALETTE } from "../svg/palette.js";
import { autoScale, linearScale } from "../svg/scale.js";
import { figure, type StudyView } from "./study-view.js";

/**
 * Optimization history: every complete trial's value against its number, one chart per
 * objective, with the best-so-far line (feasible trials only). Every point is drawn.
 */
export const historyView: StudyView = {
  id: "history",
  title: "Optimization history",
  render(snapshot) {
    const trials = completeTrials(snapshot);
    if (trials.length === 0) return emptyNote("No complete trial yet.");
    return snapshot.study.objectives.map((objective, k) => historyChart(snapshot, k, objective.name, objective.direction)).join("");
  },
};

function historyChart(snapshot: StudySnapshot, k: number, name: string, direction: "minimize" | "maximize"): string {
  const trials = completeTrials(snapshot);
  const area = plotArea(560, 300);
  const last = snapshot.trials.length ? snapshot.trials[snapshot.trials.length - 1].number : 1;
  const x = linearScale([0, Math.max(1, last)], [area.left, area.right]);
  const y = autoScale(
    trials.map((t) => t.values![k]),
    [area.bottom, area.top],
  );
  const feasible: Marker[] = [];
  const infeasible: Marker[] = [];
  const best: [number, number][] = [];
  let bestLoss = Infinity;
  let bestTrial = -1;
  for (const t of trials) {
    const value = t.values![k];
    const point = { x: x.at(t.number), y: y.at(value), trial: t.number, title: () => `trial ${t.number}: ${name} = ${formatNumber(value)}` };
    if (!isFeasible(t)) {
      infeasible.push(point);
      continue;
    }
    feasible.push(point);
    const loss = toLoss(value, direction);
    if (loss < bestLoss) {
      if (best.length) best.push([point.x, best[best.length - 1][1]]);
      bestLoss = loss;
      bestTrial = t.number;
      best.push([point.x, point.y]);
    }
  }
  if (best.length) best.push([x.at(last), best[best.length - 1][1]]);
  const svg = [
    svgOpen(area.width, area.height, { view: "history", objective: name, points: feasible.length + infeasible.length }),
    axes(area, x, y, { title: `${name} (${direction})`, xLabel: "trial", yLabel: name }),
    markers(infeasible, { color: "#bbb" }),
    markers(feasible, { color: PALETTE[0], opacity: 0.6 }),
    `<path d="${polylinePath(best)}" fill="none" stroke="${PALETTE[1]}" stroke-width="2"/>`,
    legend(area, [
      { label: "trial", color: PALETTE[0], kind: "dot" },
      ...(infeasible.length ? [{ label: "infeasible", color: "#bbb", kind: "dot" as const }] : []),
      { label: "best so far", color: PALETTE[1], kind: "line" },
    ]),
    "</svg>",
  ].join("");
  const bestText = bestTrial >= 0 ? `best ${escapeHtml(formatNumber(direction === "maximize" ? -bestLoss : bestLoss))} at trial ${bestTrial}` : "no feasible trial";
  return figure(svg, `${trials.length} complete trials; ${bestText}.`);
}
