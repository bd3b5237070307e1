import type { TrialRecord } from "../../storage/index.js";
import { canonicalKey, fidelityLevels } from "../model/fidelity-levels.js";
import { costNames } from "../model/params.js";
import { toLoss } from "../model/study-snapshot.js";
import { axes, legend, plotArea, polylinePath, svgOpen } from "../svg/chart.js";
import { escapeHtml } from "../svg/escape.js";
import { formatNumber } from "../svg/format.js";
import { markers } from "../svg/markers.js";
import { PALETTE, STATE_COLORS } from "../svg/palette.js";
import { autoScale, bandScale } from "../svg/scale.js";
import { figure, type StudyView } from "./study-view.js";

/** Promotion lines drawn at most (the configurations promoted furthest first). */
const MAX_PROMOTIONS = 1500;

/**
 * Multi-fidelity studies: each evaluation's first-objective value at its fidelity level,
 * with a line joining the levels one configuration was promoted through; and per level the
 * evaluations, how they ended, the best value and the mean cost.
 */
export const fidelityView: StudyView = {
  id: "fidelity",
  title: "Fidelity promotions",
  render(snapshot) {
    const levels = fidelityLevels(snapshot.study, snapshot.trials);
    if (levels.length === 0) return null;
    const index = new Map(levels.map((level, i) => [level.key, i]));
    const objective = snapshot.study.objectives[0];
    const evaluated = snapshot.trials.filter((t) => t.fidelity !== null);
    const complete = evaluated.filter((t) => t.state === "complete" && t.values !== null);
    const area = plotArea(620, 320, { bottom: 48 });
    const x = bandScale(levels.map((l) => l.label), [area.left, area.right]);
    const y = autoScale(complete.map((t) => t.values![0]), [area.bottom, area.top]);
    const byConfig = new Map<string, TrialRecord[]>();
    for (const t of complete) {
      const key = canonicalKey(t.config);
      byConfig.set(key, [...(byConfig.get(key) ?? []), t]);
    }
    const promoted = [...byConfig.values()]
      .map((runs) => runs.sort((a, b) => index.get(canonicalKey(a.fidelity))! - index.get(canonicalKey(b.fidelity))!))
      .filter((runs) => new Set(runs.map((t) => canonicalKey(t.fidelity))).size > 1)
      .sort((a, b) => b.length - a.length);
    const pos = (t: TrialRecord): [number, number] => [x.at(index.get(canonicalKey(t.fidelity))!), y.at(t.values![0])];
    const lines = promoted
      .slice(0, MAX_PROMOTIONS)
      .map((runs) => `<path d="${polylinePath(runs.map(pos))}"/>`)
      .join("");
    const points = complete.map((t) => {
      const [px, py] = pos(t);
      return { x: px, y: py, trial: t.number, title: () => `trial ${t.number} at ${canonicalKey(t.fidelity)}: ${formatNumber(t.values![0])}` };
    });
    const svg = [
      svgOpen(area.width, area.height, { view: "fidelity", levels: levels.length, points: points.length, promotions: promoted.length }),
      axes(area, x, y, { title: `${objective.name} by fidelity`, xLabel: `fidelity (${Object.keys(levels[0].fidelity).join(", ")})`, yLabel: objective.name }),
      `<g fill="none" stroke="${PALETTE[4]}" stroke-opacity="0.45">${lines}</g>`,
      markers(points, { color: PALETTE[0], opacity: 0.6 }),
      legend(area, [
        { label: "evaluation", color: PALETTE[0], kind: "dot" },
        { label: "promotion", color: PALETTE[4], kind: "line" },
      ]),
      "</svg>",
    ].join("");
    const caption = `${evaluated.length} evaluations at ${levels.length} fidelities; ${promoted.length} configurations promoted to a higher fidelity.`;
    return figure(svg, caption) + levelTable(snapshot.study.objectives[0].direction, levels, evaluated, costNames(snapshot, { trialsOnly: true })[0]);
  },
};

function levelTable(direction: "minimize" | "maximize", levels: ReturnType<typeof fidelityLevels>, evaluated: readonly TrialRecord[], costName: string | undefined): string {
  const rows = levels.map((level) => {
    const here = evaluated.filter((t) => canonicalKey(t.fidelity) === level.key);
    const count = (state: string) => here.filter((t) => t.state === state).length;
    const values = here.filter((t) => t.state === "complete" && t.values).map((t) => t.values![0]);
    const best = values.length ? values.reduce((a, b) => (toLoss(a, direction) <= toLoss(b, direction) ? a : b)) : null;
    const meanCost = costName && here.length ? here.reduce((s, t) => s + (t.cost[costName] ?? 0), 0) / here.length : null;
    const states = ["complete", "pruned", "failed", "running"]
      .filter((s) => count(s) > 0)
      .map((s) => `<span style="color:${STATE_COLORS[s]}">${count(s)} ${s}</span>`)
      .join(", ");
    return `<tr><td>${escapeHtml(level.label)}</td><td>${here.length}</td><td>${states}</td><td>${formatNumber(best)}</td>${costName ? `<td>${formatNumber(meanCost)}</td>` : ""}</tr>`;
  });
  const costHead = costName ? `<th>mean ${escapeHtml(costName)}</th>` : "";
  return `<table class="small"><tr><th>fidelity</th><th>evaluations</th><th>states</th><th>best</th>${costHead}</tr>${rows.join("")}</table>`;
}
