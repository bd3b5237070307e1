import { axes, legend, plotArea, polylinePath, svgOpen } from "../svg/chart.js";
import { STATE_COLORS } from "../svg/palette.js";
import { autoScale, linearScale } from "../svg/scale.js";
import { figure, type StudyView } from "./study-view.js";

/** Trials drawn at most: the latest ones. */
const MAX_TRIALS = 500;

/**
 * Intermediate values (what objectives `report()` step by step, which pruners read): a line
 * per trial, coloured by how the trial ended, so pruned curves stand apart from finished ones.
 */
export const intermediateView: StudyView = {
  id: "intermediate",
  title: "Intermediate values",
  render(snapshot) {
    const reporting = snapshot.trials.filter((t) => Object.keys(t.intermediate).length > 0);
    if (reporting.length === 0) return null;
    const drawn = reporting.slice(-MAX_TRIALS);
    const curves = drawn.map((t) => ({
      trial: t,
      points: Object.entries(t.intermediate)
        .map(([step, value]) => [Number(step), value] as [number, number])
        .sort((a, b) => a[0] - b[0]),
    }));
    const area = plotArea(620, 320);
    const steps = curves.flatMap((c) => c.points.map((p) => p[0]));
    const x = linearScale([Math.min(...steps), Math.max(...steps, Math.min(...steps) + 1)], [area.left, area.right]);
    const y = autoScale(curves.flatMap((c) => c.points.map((p) => p[1])), [area.bottom, area.top]);
    const paths = curves
      .map((c) => {
        const d = polylinePath(c.points.map(([s, v]) => [x.at(s), y.at(v)]));
        return `<path d="${d}" stroke="${STATE_COLORS[c.trial.state] ?? "#888"}" data-trial="${c.trial.number}"><title>trial ${c.trial.number} (${c.trial.state})</title></path>`;
      })
      .join("");
    const states = [...new Set(drawn.map((t) => t.state))];
    const svg = [
      svgOpen(area.width, area.height, { view: "intermediate", lines: curves.length }),
      axes(area, x, y, { title: `intermediate ${snapshot.study.objectives[0].name}`, xLabel: "step", yLabel: "reported value" }),
      `<g fill="none" stroke-width="1.3" stroke-opacity="0.6">${paths}</g>`,
      legend(area, states.map((s) => ({ label: s, color: STATE_COLORS[s] ?? "#888", kind: "line" as const }))),
      "</svg>",
    ].join("");
    const pruned = reporting.filter((t) => t.state === "pruned").length;
    const shown = drawn.length < reporting.length ? ` (the latest ${drawn.length} drawn)` : "";
    return figure(svg, `${reporting.length} trials reported intermediate values${shown}; ${pruned} were pruned.`);
  },
};
