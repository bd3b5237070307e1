import { isWeights, type Config, type Param } from "../../space/index.js";
import { pedAnovaImportance, type ImportanceResult } from "../importance/ped-anova.js";
import { studyParams } from "../model/params.js";
import { completeTrials, isFeasible, toLoss } from "../model/study-snapshot.js";
import { emptyNote, svgOpen } from "../svg/chart.js";
import { escapeHtml } from "../svg/escape.js";
import { PALETTE } from "../svg/palette.js";
import { figure, type StudyView } from "./study-view.js";

/** Complete trials needed before importances mean anything. */
const MIN_TRIALS = 8;

/**
 * Parameter importance by PED-ANOVA, one bar chart per objective (at most three): which
 * parameters the top 10% of trials agree on, compared with all trials.
 */
export const importanceView: StudyView = {
  id: "importance",
  title: "Parameter importance (PED-ANOVA)",
  render(snapshot) {
    // A text artifact (prompt, code) changed by a generative optimizer is not a dimension PED-ANOVA can bin.
    const params = componentParams(Object.fromEntries(Object.entries(studyParams(snapshot)).filter(([, p]) => p.type !== "text")));
    if (Object.keys(params).length === 0) return emptyNote("The study has no numeric or categorical parameters.");
    const trials = completeTrials(snapshot).filter(isFeasible);
    if (trials.length < MIN_TRIALS) return emptyNote(`Importance needs at least ${MIN_TRIALS} complete feasible trials (${trials.length} so far).`);
    return snapshot.study.objectives
      .slice(0, 3)
      .map((objective, k) => {
        const samples = trials.map((t) => ({ config: componentConfig(t.config, params), loss: toLoss(t.values![k], objective.direction) }));
        return importanceChart(pedAnovaImportance(params, samples), objective.name);
      })
      .join("");
  },
};

/** The parameters PED-ANOVA bins: a simplex becomes one weight in [0, 1] per component, `mix.web`. */
function componentParams(params: Record<string, Param>): Record<string, Param> {
  const out: Record<string, Param> = {};
  for (const [name, param] of Object.entries(params)) {
    if (param.type !== "simplex") out[name] = param;
    else for (const component of param.components) out[`${name}.${component}`] = { type: "float", low: 0, high: 1 };
  }
  return out;
}

/** A configuration with each simplex's weights under `name.component`, as componentParams names them. */
function componentConfig(config: Config, params: Record<string, Param>): Config {
  const out: Config = {};
  for (const [name, value] of Object.entries(config)) {
    if (!isWeights(value)) out[name] = value;
    else for (const [component, weight] of Object.entries(value)) if (`${name}.${component}` in params) out[`${name}.${component}`] = weight;
  }
  return out;
}

function importanceChart(result: ImportanceResult, objective: string): string {
  const rows = result.importances;
  const labelWidth = Math.min(200, 20 + 7 * Math.max(...rows.map((r) => r.name.length)));
  const width = 460;
  const barWidth = width - labelWidth - 60;
  const height = 36 + 22 * rows.length;
  const bars = rows
    .map((row, i) => {
      const y = 30 + 22 * i;
      const w = Math.max(1, row.importance * barWidth);
      return (
        `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(row.name)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="16" fill="${PALETTE[0]}" data-param="${escapeHtml(row.name)}"><title>${escapeHtml(row.name)}: ${row.importance.toFixed(3)}</title></rect>` +
        `<text x="${labelWidth + w + 4}" y="${y + 12}">${row.importance.toFixed(2)}</text>`
      );
    })
    .join("");
  const svg = `${svgOpen(width, height, { view: "importance", objective, method: result.method, bars: rows.length })}<text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="600">${escapeHtml(objective)}</text>${bars}</svg>`;
  const caption =
    `Method: <b>PED-ANOVA</b> (Watanabe et al. 2023): the Pearson divergence between each parameter's distribution among the top ` +
    `${Math.round(result.quantile * 100)}% of trials (${result.topCount} of ${result.total}) and among all of them, normalized to sum to 1.`;
  return figure(svg, caption);
}
