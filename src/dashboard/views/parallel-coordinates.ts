import { isWeights, type Param, type SimplexParam, type Value } from "../../space/index.js";
import type { TrialRecord } from "../../storage/index.js";
import { studyParams } from "../model/params.js";
import { completeTrials, toLoss } from "../model/study-snapshot.js";
import { emptyNote, polylinePath, svgOpen } from "../svg/chart.js";
import { escapeHtml } from "../svg/escape.js";
import { rampColor } from "../svg/palette.js";
import { autoScale, bandScale, linearScale, logScale, type Scale } from "../svg/scale.js";
import { figure, type StudyView } from "./study-view.js";

/** Lines drawn at most; a larger study shows an even sample over its ranking (the best included). */
export const MAX_LINES = 1000;

interface Axis {
  name: string;
  scale: Scale;
  /** Pixel position of the trial's value on this axis (INACTIVE_OFFSET below it when inactive). */
  at(trial: TrialRecord): number;
  /** True for a conditional parameter: the axis has an "inactive" slot under it. */
  conditional?: boolean;
}

/** How far under a conditional axis its inactive trials pass, so their lines go on. */
const INACTIVE_OFFSET = 18;

/**
 * Parallel coordinates: an axis per parameter and one per objective, a line per complete
 * trial coloured by its rank on the first objective (dark = best). Categorical axes place
 * choices evenly; log parameters use a log axis; a trial where a parameter is inactive passes under that axis.
 */
export const parallelCoordinatesView: StudyView = {
  id: "parallel",
  title: "Parallel coordinates",
  wide: true,
  render(snapshot) {
    const params = studyParams(snapshot);
    // Text artifacts (prompts, code) have no axis.
    const names = Object.keys(params).filter((name) => params[name].type !== "text");
    if (names.length === 0) return emptyNote("The study has no numeric or categorical parameters.");
    const [first] = snapshot.study.objectives;
    const ranked = [...completeTrials(snapshot)].sort((a, b) => toLoss(a.values![0], first.direction) - toLoss(b.values![0], first.direction));
    if (ranked.length === 0) return emptyNote("No complete trial yet.");
    const drawn = evenSample(ranked, MAX_LINES);
    const height = 340;
    const top = 36;
    const bottom = height - 40 - INACTIVE_OFFSET;
    const axisCount = names.reduce((n, name) => n + (params[name].type === "simplex" ? (params[name] as SimplexParam).components.length : 1), 0);
    const width = Math.max(1100, 140 * (axisCount + snapshot.study.objectives.length));
    const axes: Axis[] = [
      ...names.flatMap((name) => paramAxes(name, params[name], [bottom, top], ranked.some((t) => !(name in t.config)))),
      ...snapshot.study.objectives.map((o, k): Axis => {
        const scale = autoScale(ranked.map((t) => t.values![k]), [bottom, top]);
        return { name: `${o.name} ${o.direction === "maximize" ? "↑" : "↓"}`, scale, at: (t) => scale.at(t.values![k]) };
      }),
    ];
    const gap = (width - 80) / Math.max(1, axes.length - 1);
    const xs = axes.map((_, i) => 40 + i * gap);
    const lines = drawn
      .map(({ trial, rank }) => {
        const d = polylinePath(axes.map((axis, i) => [xs[i], axis.at(trial)]));
        return `<path d="${d}" stroke="${rampColor(rank / Math.max(1, ranked.length - 1))}" data-trial="${trial.number}"/>`;
      })
      .reverse() // best drawn last, on top
      .join("");
    const parts = [
      svgOpen(width, height, { view: "parallel", lines: drawn.length, axes: axes.length }),
      `<g fill="none" stroke-width="1.2" stroke-opacity="0.55">${lines}</g>`,
      ...axes.map((axis, i) => axisMarkup(axis, xs[i], top, bottom)),
      "</svg>",
    ];
    const sampled = drawn.length < ranked.length ? `${drawn.length} of ${ranked.length} complete trials drawn (an even sample over the ranking, the best included)` : `${ranked.length} complete trials`;
    return `<div class="scroll">${figure(parts.join(""), `${sampled}; colour by rank on ${escapeHtml(first.name)}, dark is best.`)}</div>`;
  },
};

/** The axes of one parameter: one, or one per component of a simplex (`mix.web`, weights 0 to 1). */
function paramAxes(name: string, param: Param, range: [number, number], conditional: boolean): Axis[] {
  if (param.type !== "simplex") return [paramAxis(name, param, range, conditional)];
  const inactive = range[0] + INACTIVE_OFFSET;
  const scale = linearScale([0, 1], range, 4);
  return param.components.map((component) => ({
    name: `${name}.${component}`,
    scale,
    conditional,
    at: (t) => {
      const weights = t.config[name];
      return isWeights(weights) ? scale.at(weights[component] ?? 0) : inactive;
    },
  }));
}

function paramAxis(name: string, param: Exclude<Param, SimplexParam>, range: [number, number], conditional: boolean): Axis {
  const inactive = range[0] + INACTIVE_OFFSET;
  if (param.type === "categorical" || param.type === "ordinal") {
    const values: Value[] = param.type === "categorical" ? param.choices : param.values;
    const scale = bandScale(values.map((v) => String(v)), range);
    return { name, scale, conditional, at: (t) => (name in t.config ? scale.at(values.indexOf(t.config[name])) : inactive) };
  }
  if (param.type === "text") throw new Error(`parameter "${name}" is a text artifact: it has no axis`);
  const scale = param.log ? logScale([param.low, param.high], range) : linearScale([param.low, param.high], range, 4);
  return { name, scale, conditional, at: (t) => (name in t.config ? scale.at(t.config[name] as number) : inactive) };
}

function axisMarkup(axis: Axis, x: number, top: number, bottom: number): string {
  const ticks = axis.scale.ticks
    .map((t) => `<text x="${x - 5}" y="${axis.scale.at(t) + 4}" text-anchor="end" paint-order="stroke" stroke="#fff" stroke-width="3">${escapeHtml(axis.scale.label(t))}</text>`)
    .join("");
  const inactive = axis.conditional ? `<text x="${x - 5}" y="${bottom + INACTIVE_OFFSET + 4}" text-anchor="end" fill="#888" font-style="italic">inactive</text>` : "";
  return `<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#333"/><text x="${x}" y="${top - 10}" text-anchor="middle" font-weight="600">${escapeHtml(axis.name)}</text>${ticks}${inactive}`;
}

/** Up to `cap` items at even steps through `ranked` (index 0, the best, always in), with their ranks. */
function evenSample<T>(ranked: readonly T[], cap: number): { trial: T; rank: number }[] {
  if (ranked.length <= cap) return ranked.map((trial, rank) => ({ trial, rank }));
  const step = ranked.length / cap;
  return Array.from({ length: cap }, (_, i) => {
    const rank = Math.floor(i * step);
    return { trial: ranked[rank], rank };
  });
}

