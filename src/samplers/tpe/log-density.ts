import { logNormalMass } from "../../math/normal.js";
import type { CategoricalModel, ContinuousModel, DiscreteModel } from "./dimension-models.js";

/**
 * The inner loops of a Parzen estimator's log-density, run for every candidate and every
 * kernel: per-kernel terms of categorical and discrete dimensions as small tables, the
 * squared distances of continuous dimensions, and the log-sum-exp over kernels. Typed
 * arrays only, nothing allocated per kernel.
 */

/** Per point, which row of `rows` holds its term for each kernel class of one dimension. */
export interface LookupTerms {
  /** One row per distinct choice or cell among the points: a log-term per kernel class. */
  rows: Float64Array[];
  /** Row of each point. */
  rowOf: Int32Array;
}

/**
 * Terms of a categorical dimension: under kernel class c (the observed choice; the prior
 * kernel is class `count`) a point's choice has log-probability logHit if it is c, else
 * logMiss; under the prior, logUniform. One row per distinct choice among the points.
 */
export function categoricalTerms(model: CategoricalModel, points: Float64Array, count: number, d: number, j: number): LookupTerms {
  const choices = model.count;
  const rowOf = new Int32Array(count);
  const rows: Float64Array[] = [];
  // Row per choice, and one for a coordinate that is no choice (a miss under every observation).
  const rowOfChoice = new Int32Array(choices + 1).fill(-1);
  for (let i = 0; i < count; i++) {
    const x = points[i * d + j];
    const choice = Number.isInteger(x) && x >= 0 && x < choices ? x : choices;
    let r = rowOfChoice[choice];
    if (r < 0) {
      const terms = new Float64Array(choices + 1).fill(model.logMiss);
      if (choice < choices) terms[choice] = model.logHit;
      terms[choices] = model.logUniform;
      r = rowOfChoice[choice] = rows.push(terms) - 1;
    }
    rowOf[i] = r;
  }
  return { rows, rowOf };
}

/**
 * Terms of a discrete dimension: the log normal mass of the point's cell under each kernel
 * class, computed once per distinct cell. On a unit grid with one shared width the mass
 * depends only on the offset between the cell and the kernel's, so it is computed once
 * per offset.
 */
export function discreteTerms(model: DiscreteModel, points: Float64Array, count: number, d: number, j: number): LookupTerms {
  const { grid, mus, sigmas, representative } = model;
  const classes = representative.length;
  const prior = classes - 1;
  const rowOf = new Int32Array(count);
  const rows: Float64Array[] = [];
  const rowOfCell = new Map<number, number>();
  // Masses by offset between cells (observation kernels sit on cell centres, whole numbers
  // on a unit grid); any other offset goes to the map.
  const cells = grid.count;
  const byOffset = model.translationInvariant ? new Float64Array(2 * cells + 1).fill(NaN) : null;
  const byOtherOffset = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const cell = grid.cellOf(points[i * d + j]);
    let r = rowOfCell.get(cell);
    if (r === undefined) {
      const lower = grid.lower(cell);
      const upper = grid.upper(cell);
      const terms = new Float64Array(classes);
      for (let c = 0; c < classes; c++) {
        const k = representative[c];
        if (byOffset === null || c === prior) {
          terms[c] = logNormalMass((lower - mus[k]) / sigmas[k], (upper - mus[k]) / sigmas[k]);
          continue;
        }
        const offset = cell - mus[k];
        const slot = Number.isInteger(offset) && offset >= -cells && offset <= cells ? offset + cells : -1;
        let value = slot >= 0 ? byOffset[slot] : byOtherOffset.get(offset);
        if (value === undefined || Number.isNaN(value)) {
          value = logNormalMass((lower - mus[k]) / sigmas[k], (upper - mus[k]) / sigmas[k]);
          if (slot >= 0) byOffset[slot] = value;
          else byOtherOffset.set(offset, value);
        }
        terms[c] = value;
      }
      r = rows.push(terms) - 1;
      rowOfCell.set(cell, r);
    }
    rowOf[i] = r;
  }
  return { rows, rowOf };
}

/** out[outAt + k] = base[k] + Σ_t rows_t[classOf_t[k]], the terms added in dimension order. */
export function addTerms(base: Float64Array, terms: readonly Float64Array[], classOf: readonly Int32Array[], out: Float64Array, outAt: number, K: number): void {
  const first = terms[0];
  const firstClass = classOf[0];
  if (terms.length === 1) {
    for (let k = 0; k < K; k++) out[outAt + k] = base[k] + first[firstClass[k]];
    return;
  }
  // The first two dimensions in one pass (a categorical and a discrete one, typically).
  const second = terms[1];
  const secondClass = classOf[1];
  for (let k = 0; k < K; k++) out[outAt + k] = base[k] + first[firstClass[k]] + second[secondClass[k]];
  for (let t = 2; t < terms.length; t++) {
    const row = terms[t];
    const index = classOf[t];
    for (let k = 0; k < K; k++) out[outAt + k] += row[index[k]];
  }
}

/**
 * out[k] = from[fromAt + k] - z²/2 with z the standardised distance of x to kernel k (out
 * may be from); returns the largest out[k].
 */
export function subtractSquares(from: Float64Array, fromAt: number, out: Float64Array, model: ContinuousModel, x: number, K: number): number {
  const { mus, inverseSigmas } = model;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    const z = (x - mus[k]) * inverseSigmas[k];
    const v = from[fromAt + k] - 0.5 * z * z;
    out[k] = v;
    if (v > max) max = v;
  }
  return max;
}

/** The same for two dimensions in one pass. */
export function subtractSquares2(
  from: Float64Array,
  fromAt: number,
  out: Float64Array,
  first: ContinuousModel,
  x: number,
  second: ContinuousModel,
  y: number,
  K: number,
): number {
  const mx = first.mus;
  const sx = first.inverseSigmas;
  const my = second.mus;
  const sy = second.inverseSigmas;
  let max = -Infinity;
  let k = 0;
  if (first.sharedInverseSigma === first.sharedInverseSigma && second.sharedInverseSigma === second.sharedInverseSigma) {
    // One width for all observation kernels (the multivariate rule): two loads fewer per kernel.
    const ix = first.sharedInverseSigma;
    const iy = second.sharedInverseSigma;
    for (; k < K - 1; k++) {
      const zx = (x - mx[k]) * ix;
      const zy = (y - my[k]) * iy;
      const v = from[fromAt + k] - 0.5 * (zx * zx + zy * zy);
      out[k] = v;
      if (v > max) max = v;
    }
  }
  for (; k < K; k++) {
    const zx = (x - mx[k]) * sx[k];
    const zy = (y - my[k]) * sy[k];
    const v = from[fromAt + k] - 0.5 * (zx * zx + zy * zy);
    out[k] = v;
    if (v > max) max = v;
  }
  return max;
}

/** The largest of row[at .. at + K). */
export function rowMax(row: Float64Array, at: number, K: number): number {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (row[at + k] > max) max = row[at + k];
  return max;
}

/** Kernels this far (in log-density) below the best one add less than 1e-16 relative: skipped. */
const NEGLIGIBLE = -37;

/** 2^-64 .. 2^0, for the exponents logSumExp meets (v > -37 gives n >= -54). */
const POWERS_OF_TWO = Float64Array.from({ length: 65 }, (_, i) => 2 ** (i - 64));

/**
 * log Σ exp(row[at + k]), given the largest term. Terms more than 37 below the largest are
 * skipped (each adds under 1e-16 relative), and exp is inlined as 2^n · e^y with
 * |y| <= ln2/2 and a degree-6 polynomial (relative error < 2e-7).
 */
export function logSumExp(row: Float64Array, at: number, K: number, max: number): number {
  if (max === -Infinity) return -Infinity;
  const powers = POWERS_OF_TWO;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const v = row[at + k] - max;
    if (v > NEGLIGIBLE) {
      const t = v * Math.LOG2E;
      // Math.round(t) for t <= 0, where t + 0.5 is exact; Math.round is several times slower in V8.
      const n = Math.floor(t + 0.5);
      const y = (t - n) * Math.LN2;
      sum += powers[(n | 0) + 64] * (1 + y * (1 + y * (0.5 + y * (1 / 6 + y * (1 / 24 + y * (1 / 120 + y / 720))))));
    }
  }
  return max + Math.log(sum);
}
