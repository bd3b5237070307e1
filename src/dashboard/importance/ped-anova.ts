import { cardinality, encodeValue, type Config, type Param } from "../../space/index.js";
import { binDensity, type BinLayout } from "./parzen-histogram.js";

/** One evaluated configuration and its loss (lower is better). */
export interface ImportanceSample {
  config: Config;
  loss: number;
}

export interface PedAnovaOptions {
  /** The top fraction of trials whose parameter distribution is compared with all trials' (default 0.1). */
  quantile?: number;
  /** Grid points for a numeric parameter's density (default 50; fewer for ints with fewer values). */
  gridSize?: number;
  /** The top set holds at least this many trials (default 2). */
  minTop?: number;
}

export interface ParamImportance {
  name: string;
  /** Share of the total divergence, in [0, 1]; the importances sum to 1. */
  importance: number;
}

export interface ImportanceResult {
  method: "PED-ANOVA";
  /** Most important first; parameters with one possible value get 0. */
  importances: ParamImportance[];
  /** Trials in the top set, and all trials used. */
  topCount: number;
  total: number;
  quantile: number;
}

/**
 * Parameter importance by PED-ANOVA (Watanabe, Bansal & Hutter, IJCAI 2023, "PED-ANOVA:
 * Efficiently quantifying hyperparameter importance in arbitrary subspaces"): for each
 * parameter, the Pearson divergence between its distribution among the top `quantile` of trials
 * and among all trials, each a Parzen estimate on the parameter's bins. A parameter the good
 * trials share a narrow range of scores high; one they spread over like everyone else scores 0.
 * The divergences are normalized to sum to 1. Inactive values of a conditional parameter
 * count as one more bin, so "being active" can matter too.
 *
 * @example
 * const result = pedAnovaImportance({ x: float(0, 1), y: float(0, 1) }, samples);
 * result.importances[0]; // { name: "x", importance: 0.93 }
 */
export function pedAnovaImportance(params: Record<string, Param>, samples: readonly ImportanceSample[], options: PedAnovaOptions = {}): ImportanceResult {
  const quantile = options.quantile ?? 0.1;
  const gridSize = options.gridSize ?? 50;
  const minTop = options.minTop ?? 2;
  const usable = samples.filter((s) => Number.isFinite(s.loss));
  const names = Object.keys(params);
  const varying = names.filter((name) => cardinality(params[name]) > 1);
  const result: ImportanceResult = { method: "PED-ANOVA", importances: [], topCount: 0, total: usable.length, quantile };
  if (varying.length === 0) return { ...result, importances: names.map((name) => ({ name, importance: 0 })) };

  const inTop = topMask(usable, quantile, minTop);
  const topCount = inTop.reduce((n, top) => n + (top ? 1 : 0), 0);
  result.topCount = topCount;
  const divergence = new Map<string, number>();
  if (usable.length > minTop && topCount < usable.length) {
    for (const name of varying) divergence.set(name, pearsonDivergence(params[name], name, usable, inTop, gridSize));
  }
  const sum = [...divergence.values()].reduce((a, b) => a + b, 0);
  result.importances = names
    .map((name) => ({
      name,
      importance: !varying.includes(name) ? 0 : sum > 0 ? divergence.get(name)! / sum : 1 / varying.length,
    }))
    .sort((a, b) => b.importance - a.importance);
  return result;
}

/** Which samples have a loss within the best `quantile` (at least `minTop`, ties kept). */
function topMask(samples: readonly ImportanceSample[], quantile: number, minTop: number): boolean[] {
  if (samples.length === 0) return [];
  const sorted = Float64Array.from(samples, (s) => s.loss).sort();
  const count = Math.min(sorted.length, Math.max(minTop, Math.ceil(quantile * sorted.length)));
  const cutoff = sorted[count - 1];
  return samples.map((s) => s.loss <= cutoff);
}

/** Sum over bins of p_all (p_top / p_all - 1)^2, the top set given by `inTop`. */
function pearsonDivergence(param: Param, name: string, all: readonly ImportanceSample[], inTop: readonly boolean[], gridSize: number): number {
  const layout: BinLayout = {
    bins: param.type === "categorical" ? param.choices.length : param.type === "ordinal" ? param.values.length : Math.min(gridSize, cardinality(param)),
    ordered: param.type !== "categorical",
    inactiveBin: all.some((s) => !(name in s.config)),
  };
  const binOf = (config: Config): number => {
    if (!(name in config)) return layout.bins;
    const u = encodeValue(param, config[name]);
    return Math.min(layout.bins - 1, Math.max(0, Math.floor(u * layout.bins)));
  };
  const bins = all.map((s) => binOf(s.config));
  const pTop = binDensity(bins.filter((_, i) => inTop[i]), layout);
  const pAll = binDensity(bins, layout);
  let divergence = 0;
  for (let i = 0; i < pAll.length; i++) divergence += pAll[i] * (pTop[i] / pAll[i] - 1) ** 2;
  return divergence;
}
