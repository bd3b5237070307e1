import { logCentralMass, sampleTruncatedNormal } from "../../math/normal.js";
import type { Rng } from "../../math/index.js";
import { clipSigma, multivariateSigma, univariateSigmas, type BandwidthOptions } from "./bandwidth.js";
import type { Grid } from "./param-domain.js";

/**
 * The kernels of a Parzen estimator along one dimension: one per observation plus the
 * prior (last), with their widths and normalisers. Built by the estimator, sampled one
 * kernel at a time.
 */

export interface ParzenOptions extends BandwidthOptions {
  /** Weight of the prior kernel relative to one observation weighing 1. */
  priorWeight: number;
  /** One shared width per dimension (multivariate rule) instead of neighbour gaps. */
  multivariate: boolean;
}

export interface ContinuousModel {
  kind: "continuous";
  low: number;
  high: number;
  mus: Float64Array;
  sigmas: Float64Array;
  inverseSigmas: Float64Array;
  /** 1/σ of every observation kernel when they share one width (multivariate rule), else NaN. */
  sharedInverseSigma: number;
}

export interface DiscreteModel {
  kind: "discrete";
  low: number;
  high: number;
  grid: Grid;
  mus: Float64Array;
  sigmas: Float64Array;
  /** Kernels of one class share cell and σ, so a cell's mass is computed once per class; the prior kernel is the last class. */
  classOf: Int32Array;
  /** One kernel of each class. */
  representative: Int32Array;
  /** Unit grid with a shared width: a cell's mass depends only on its offset from the kernel's cell. */
  translationInvariant: boolean;
}

export interface CategoricalModel {
  kind: "categorical";
  count: number;
  /** Observed choice per kernel, and `count` for the prior kernel: the kernel's class in density tables. */
  observed: Int32Array;
  /** Probability weights of an observation kernel: `hit` on its choice, `miss` on each other. */
  hitWeight: number;
  missWeight: number;
  logHit: number;
  logMiss: number;
  logUniform: number;
}

export type DimensionModel = ContinuousModel | DiscreteModel | CategoricalModel;

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Grids up to this many cells index kernel classes by an array rather than a map. */
const DENSE_CELL_LIMIT = 4096;

/**
 * The kernels of a numeric dimension: truncated normals at the observations and a prior
 * as wide as the range at its centre. Subtracts each kernel's normaliser from `offsets`.
 * `column` (the observations' coordinates) is read, not kept.
 */
export function numericModel(
  low: number,
  high: number,
  grid: Grid | null,
  column: Float64Array,
  dimensions: number,
  options: ParzenOptions,
  offsets: Float64Array,
): DimensionModel {
  const count = column.length;
  const kernels = count + 1;
  const mus = new Float64Array(kernels);
  mus.set(column);
  mus[count] = 0.5 * (low + high);
  const sigmas = new Float64Array(kernels);
  if (options.multivariate) {
    sigmas.fill(clipSigma(multivariateSigma(count, dimensions, low, high), low, high, kernels, options.considerMagicClip));
  } else {
    const raw = univariateSigmas(column, low, high, options.considerEndpoints);
    for (let i = 0; i < count; i++) sigmas[i] = clipSigma(raw[i], low, high, kernels, options.considerMagicClip);
  }
  sigmas[count] = high - low;
  if (!grid) {
    const inverseSigmas = new Float64Array(kernels);
    let logSigma = Math.log(sigmas[0]);
    let inverseSigma = 1 / sigmas[0];
    for (let k = 0; k < kernels; k++) {
      const s = sigmas[k];
      if (!options.multivariate || k === count) {
        logSigma = Math.log(s);
        inverseSigma = 1 / s;
      }
      inverseSigmas[k] = inverseSigma;
      offsets[k] -= logSigma + LOG_SQRT_2PI;
    }
    subtractLogMasses(mus, sigmas, low, high, offsets);
    const sharedInverseSigma = options.multivariate && count > 0 ? inverseSigmas[0] : NaN;
    return { kind: "continuous", low, high, mus, sigmas, inverseSigmas, sharedInverseSigma };
  }
  // Kernels with the same cell and width are interchangeable: one class each. Under the
  // multivariate rule that is one class per cell; the univariate rule gives a few per cell.
  const classOf = new Int32Array(kernels);
  const representatives: number[] = [];
  const byCell = options.multivariate && grid.count <= DENSE_CELL_LIMIT ? new Int32Array(grid.count).fill(-1) : null;
  const byCellAndSigma = new Map<number, Map<number, number>>();
  for (let k = 0; k < count; k++) {
    const cell = grid.cellOf(mus[k]);
    let c: number | undefined;
    if (byCell) {
      if (byCell[cell] < 0) byCell[cell] = representatives.push(k) - 1;
      c = byCell[cell];
    } else {
      let bySigma = byCellAndSigma.get(cell);
      if (!bySigma) byCellAndSigma.set(cell, (bySigma = new Map()));
      c = bySigma.get(sigmas[k]);
      if (c === undefined) bySigma.set(sigmas[k], (c = representatives.push(k) - 1));
    }
    classOf[k] = c;
  }
  classOf[count] = representatives.length;
  representatives.push(count);
  const classes = representatives.length;
  const representative = new Int32Array(classes);
  const classMus = new Float64Array(classes);
  const classSigmas = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    const k = (representative[c] = representatives[c]);
    classMus[c] = mus[k];
    classSigmas[c] = sigmas[k];
  }
  const logTotal = new Float64Array(classes);
  subtractLogMasses(classMus, classSigmas, low, high, logTotal);
  for (let k = 0; k < kernels; k++) offsets[k] += logTotal[classOf[k]];
  const translationInvariant = options.multivariate && grid.unit;
  return { kind: "discrete", low, high, grid, mus, sigmas, classOf, representative, translationInvariant };
}

/** Subtracts from out[k] the log of kernel k's normal mass over [low, high] (its truncation). */
function subtractLogMasses(mus: Float64Array, sigmas: Float64Array, low: number, high: number, out: Float64Array): void {
  for (let k = 0; k < mus.length; k++) {
    const s = sigmas[k];
    out[k] -= logCentralMass((low - mus[k]) / s, (high - mus[k]) / s);
  }
}

/** The kernels of a categorical dimension (Optuna's): each observation adds weight to its choice. `column` is read, not kept. */
export function categoricalModel(choices: number, column: Float64Array, priorWeight: number): CategoricalModel {
  const count = column.length;
  const kernels = count + 1;
  const observed = new Int32Array(kernels);
  for (let i = 0; i < count; i++) observed[i] = column[i];
  observed[count] = choices;
  // Optuna: every kernel spreads priorWeight / kernels over the choices, an observation adds 1 to its own.
  const missWeight = priorWeight / kernels;
  const hitWeight = missWeight + 1;
  const rowTotal = missWeight * choices + 1;
  return {
    kind: "categorical",
    count: choices,
    observed,
    hitWeight,
    missWeight,
    logHit: Math.log(hitWeight / rowTotal),
    logMiss: Math.log(missWeight / rowTotal),
    logUniform: -Math.log(choices),
  };
}

/** A draw along one dimension from kernel k. */
export function sampleDimension(model: DimensionModel, k: number, prior: number, rng: Rng): number {
  if (model.kind === "categorical") {
    const u = rng.random();
    if (k === prior) return Math.min(model.count - 1, Math.floor(u * model.count));
    const scaled = u * (model.hitWeight + model.missWeight * (model.count - 1));
    if (scaled < model.hitWeight) return model.observed[k];
    const other = Math.min(model.count - 2, Math.floor((scaled - model.hitWeight) / model.missWeight));
    return other >= model.observed[k] ? other + 1 : other;
  }
  const mu = model.mus[k];
  const sigma = model.sigmas[k];
  const z = sampleTruncatedNormal((model.low - mu) / sigma, (model.high - mu) / sigma, rng);
  const x = Math.min(model.high, Math.max(model.low, mu + sigma * z));
  return model.kind === "discrete" ? model.grid.center(model.grid.cellOf(x)) : x;
}

