import { logNormalMass } from "../../math/normal.js";
import type { Rng } from "../../math/rng.js";
import {
  categoricalModel,
  numericModel,
  sampleDimension,
  type CategoricalModel,
  type ContinuousModel,
  type DimensionModel,
  type DiscreteModel,
  type ParzenOptions,
} from "./dimension-models.js";
import type { ParamDomain } from "./param-domain.js";

export type { ParzenOptions };

/** Kernels this far (in log-density) below the best one add less than 1e-16 relative: skipped. */
const NEGLIGIBLE = -37;

let rowBuffer = new Float64Array(1024);

/**
 * A Parzen estimator (Bergstra et al. 2011; Optuna's `_ParzenEstimator`): a weighted
 * mixture with one kernel per observation plus a prior kernel, each kernel a product over
 * the parameters of a truncated normal (numeric), a discretised truncated normal (ints,
 * steps, ordinals: the normal mass of the value's cell) or a categorical distribution
 * leaning towards the observed choice. Works on `ParamDomain` coordinates; knows nothing
 * of trials.
 */
export class ParzenEstimator {
  /** Observation kernels plus the prior kernel (the last one). */
  readonly kernels: number;
  readonly dimensions: number;
  private readonly cumulative: Float64Array;
  /** log weight minus every kernel-constant normaliser: the start of each log-density. */
  private readonly offsets: Float64Array;
  private readonly models: DimensionModel[];

  /**
   * @param observations `count` rows of `domains.length` coordinates, row-major, none NaN.
   * @param weights one non-negative weight per observation (need not sum to 1).
   */
  constructor(domains: readonly ParamDomain[], observations: Float64Array, count: number, weights: ArrayLike<number>, options: ParzenOptions) {
    const d = domains.length;
    const kernels = count + 1;
    this.kernels = kernels;
    this.dimensions = d;
    const raw = new Float64Array(kernels);
    if (count === 0) raw[0] = 1;
    else {
      for (let i = 0; i < count; i++) raw[i] = weights[i];
      raw[count] = options.priorWeight;
    }
    let total = 0;
    for (let k = 0; k < kernels; k++) total += raw[k];
    this.cumulative = new Float64Array(kernels);
    this.offsets = new Float64Array(kernels);
    let running = 0;
    for (let k = 0; k < kernels; k++) {
      this.offsets[k] = Math.log(raw[k] / total);
      running += raw[k] / total;
      this.cumulative[k] = running;
    }
    this.models = domains.map((domain, j) => {
      const column = new Float64Array(count);
      for (let i = 0; i < count; i++) column[i] = observations[i * d + j];
      if (domain.kind === "categorical") return categoricalModel(domain.count, column, options.priorWeight);
      return numericModel(domain.low, domain.high, domain.grid, column, d, options, this.offsets);
    });
  }

  /** Draws `count` points (row-major, one coordinate per domain) from the mixture. */
  sample(rng: Rng, count: number): Float64Array {
    const d = this.dimensions;
    const out = new Float64Array(count * d);
    for (let i = 0; i < count; i++) {
      const k = this.pickKernel(rng.random());
      for (let j = 0; j < d; j++) out[i * d + j] = sampleDimension(this.models[j], k, this.kernels - 1, rng);
    }
    return out;
  }

  /** The log-density of each of `count` points (row-major), in a new array. */
  logPdf(points: Float64Array, count: number): Float64Array {
    const K = this.kernels;
    const d = this.dimensions;
    const continuous: ContinuousModel[] = [];
    const continuousAt: number[] = [];
    const lookups: Float64Array[][] = [];
    const lookupIndex: Int32Array[] = [];
    const lookupAt: number[] = [];
    // Categorical and discrete dimensions become tables: per point, one log-term per kernel
    // class (indexed through `lookupIndex`), computed once per distinct choice or cell.
    this.models.forEach((model, j) => {
      if (model.kind === "continuous") {
        continuous.push(model);
        continuousAt.push(j);
        return;
      }
      lookupAt.push(j);
      if (model.kind === "categorical") {
        lookups.push(categoricalTerms(model, points, count, d, j, K));
        lookupIndex.push(identityIndex(K));
      } else {
        lookups.push(discreteCellTerms(model, points, count, d, j));
        lookupIndex.push(model.classOf);
      }
    });
    // Candidates drawn from one density often share their choices and cells: the offsets
    // plus those terms form a base row computed once per combination.
    const bases = new Map<string, Float64Array>();
    if (rowBuffer.length < K) rowBuffer = new Float64Array(K * 2);
    const row = rowBuffer;
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      let base = this.offsets;
      if (lookups.length > 0) {
        const key = lookupAt.map((j) => points[i * d + j]).join(",");
        base = bases.get(key) ?? addLookups(this.offsets, lookups, lookupIndex, i, K);
        bases.set(key, base);
      }
      // Continuous dimensions two at a time, each pass returning the row's maximum.
      let from = base;
      let max = continuous.length === 0 ? rowMax(base, K) : -Infinity;
      for (let c = 0; c < continuous.length; c += 2) {
        const x = points[i * d + continuousAt[c]];
        if (c + 1 < continuous.length) {
          const y = points[i * d + continuousAt[c + 1]];
          max = subtractSquares2(from, row, continuous[c], x, continuous[c + 1], y, K);
        } else {
          max = subtractSquares(from, row, continuous[c], x, K);
        }
        from = row;
      }
      out[i] = logSumExp(from, K, max);
    }
    return out;
  }

  private pickKernel(u: number): number {
    let lo = 0;
    let hi = this.kernels - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** The offsets plus point i's lookup terms, in a new row. */
function addLookups(offsets: Float64Array, lookups: Float64Array[][], lookupIndex: Int32Array[], i: number, K: number): Float64Array {
  const base = Float64Array.from(offsets);
  for (let t = 0; t < lookups.length; t++) {
    const terms = lookups[t][i];
    const index = lookupIndex[t];
    for (let k = 0; k < K; k++) base[k] += terms[index[k]];
  }
  return base;
}

/**
 * out[k] = from[k] - z²/2 with z the standardised distance of x to kernel k (out may be
 * from); returns the largest out[k].
 */
function subtractSquares(from: Float64Array, out: Float64Array, model: ContinuousModel, x: number, K: number): number {
  const { mus, inverseSigmas } = model;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    const z = (x - mus[k]) * inverseSigmas[k];
    const v = from[k] - 0.5 * z * z;
    out[k] = v;
    if (v > max) max = v;
  }
  return max;
}

/** The same for two dimensions in one pass. */
function subtractSquares2(from: Float64Array, out: Float64Array, first: ContinuousModel, x: number, second: ContinuousModel, y: number, K: number): number {
  const mx = first.mus;
  const sx = first.inverseSigmas;
  const my = second.mus;
  const sy = second.inverseSigmas;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    const zx = (x - mx[k]) * sx[k];
    const zy = (y - my[k]) * sy[k];
    const v = from[k] - 0.5 * (zx * zx + zy * zy);
    out[k] = v;
    if (v > max) max = v;
  }
  return max;
}

/** Per point, the log-probability of its choice under each kernel; one row per distinct choice. */
function categoricalTerms(model: CategoricalModel, points: Float64Array, count: number, d: number, j: number, K: number): Float64Array[] {
  const { observed, logHit, logMiss } = model;
  const byChoice = new Map<number, Float64Array>();
  const rows: Float64Array[] = [];
  for (let i = 0; i < count; i++) {
    const x = points[i * d + j];
    let terms = byChoice.get(x);
    if (!terms) {
      terms = new Float64Array(K);
      for (let k = 0; k < K - 1; k++) terms[k] = observed[k] === x ? logHit : logMiss;
      terms[K - 1] = model.logUniform;
      byChoice.set(x, terms);
    }
    rows.push(terms);
  }
  return rows;
}

let identity = new Int32Array(0);

/** 0, 1, ..., K-1: the class index of categorical kernels (each kernel its own class). */
function identityIndex(K: number): Int32Array {
  if (identity.length < K) identity = Int32Array.from({ length: K * 2 }, (_, k) => k);
  return identity;
}

/** The cell masses the points need, computed once per distinct cell and kernel class. */
function discreteCellTerms(model: DiscreteModel, points: Float64Array, count: number, d: number, j: number): Float64Array[] {
  const { grid, mus, sigmas, representative } = model;
  const classes = representative.length;
  const rows: Float64Array[] = [];
  const perPoint: Float64Array[] = [];
  const cells: number[] = [];
  // Unit grid, shared width: a mass depends only on the offset between cells; cache it.
  const byOffset = model.translationInvariant ? new Map<number, number>() : null;
  const prior = classes - 1;
  for (let i = 0; i < count; i++) {
    const cell = grid.cellOf(points[i * d + j]);
    let r = cells.indexOf(cell);
    if (r < 0) {
      r = cells.length;
      cells.push(cell);
      const lower = grid.lower(cell);
      const upper = grid.upper(cell);
      const terms = new Float64Array(classes);
      for (let c = 0; c < classes; c++) {
        const k = representative[c];
        const cached = byOffset !== null && c !== prior;
        let value = cached ? byOffset.get(cell - mus[k]) : undefined;
        if (value === undefined) {
          value = logNormalMass((lower - mus[k]) / sigmas[k], (upper - mus[k]) / sigmas[k]);
          if (cached) byOffset.set(cell - mus[k], value);
        }
        terms[c] = value;
      }
      rows.push(terms);
    }
    perPoint.push(rows[r]);
  }
  return perPoint;
}

function rowMax(row: Float64Array, K: number): number {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (row[k] > max) max = row[k];
  return max;
}

/**
 * log Σ exp(row[k]), given the largest row[k]. Terms more than 37 below the largest are
 * skipped (each adds under 1e-16 relative), and exp is inlined as 2^n · e^y with
 * |y| <= ln2/2 and a degree-6 polynomial (relative error < 2e-7): this loop runs for
 * every candidate and kernel.
 */
function logSumExp(row: Float64Array, K: number, max: number): number {
  if (max === -Infinity) return -Infinity;
  const powers = POWERS_OF_TWO;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const v = row[k] - max;
    if (v > NEGLIGIBLE) {
      const t = v * Math.LOG2E;
      const n = Math.round(t);
      const y = (t - n) * Math.LN2;
      sum += powers[n + 64] * (1 + y * (1 + y * (0.5 + y * (1 / 6 + y * (1 / 24 + y * (1 / 120 + y / 720))))));
    }
  }
  return max + Math.log(sum);
}

/** 2^-64 .. 2^0, for the exponents logSumExp meets (v > -37 gives n >= -54). */
const POWERS_OF_TWO = Float64Array.from({ length: 65 }, (_, i) => 2 ** (i - 64));
