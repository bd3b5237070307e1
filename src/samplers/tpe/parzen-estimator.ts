import type { Rng } from "../../math/index.js";
import { categoricalModel, numericModel, sampleDimension, type ContinuousModel, type DimensionModel, type ParzenOptions } from "./dimension-models.js";
import {
  addTerms,
  categoricalTerms,
  discreteTerms,
  logSumExp,
  rowMax,
  subtractSquares,
  subtractSquares2,
  type LookupTerms,
} from "./log-density.js";
import type { ParamDomain } from "./param-domain.js";

export type { ParzenOptions };

// Scratch arrays, reused across calls (all synchronous): the running log-terms of a
// point, the base rows of a call, and one observation column.
let rowBuffer = new Float64Array(1024);
let baseBuffer = new Float64Array(4096);
let columnBuffer = new Float64Array(1024);
/** The base rows kept between calls stay under 8 MB. */
const SCRATCH_LIMIT = 1 << 20;

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
    // Kernel weights: the observations', then the prior's (alone, it weighs 1).
    const weightOf = (k: number) => (count === 0 ? 1 : k < count ? weights[k] : options.priorWeight);
    let total = 0;
    for (let k = 0; k < kernels; k++) total += weightOf(k);
    this.cumulative = new Float64Array(kernels);
    this.offsets = new Float64Array(kernels);
    let running = 0;
    for (let k = 0; k < kernels; k++) {
      const share = weightOf(k) / total;
      this.offsets[k] = Math.log(share);
      running += share;
      this.cumulative[k] = running;
    }
    // The models copy what they keep, so one scratch column serves every dimension.
    if (columnBuffer.length < count) columnBuffer = new Float64Array(count * 2);
    const column = columnBuffer.subarray(0, count);
    this.models = domains.map((domain, j) => {
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
    const lookups: LookupTerms[] = [];
    const classOf: Int32Array[] = [];
    // Categorical and discrete dimensions become tables: per point, one log-term per kernel
    // class, computed once per distinct choice or cell.
    this.models.forEach((model, j) => {
      if (model.kind === "continuous") {
        continuous.push(model);
        continuousAt.push(j);
      } else if (model.kind === "categorical") {
        lookups.push(categoricalTerms(model, points, count, d, j));
        classOf.push(model.observed);
      } else {
        lookups.push(discreteTerms(model, points, count, d, j));
        classOf.push(model.classOf);
      }
    });
    // Candidates drawn from one density often share their choices and cells: the offsets
    // plus those terms form a base row computed once per combination.
    const { baseOf, bases } = this.baseRows(lookups, classOf, count);
    const out = new Float64Array(count);
    if (continuous.length === 0) {
      // The density is a function of the base alone: one log-sum-exp per distinct base.
      const done = new Int32Array(count).fill(-1);
      for (let i = 0; i < count; i++) {
        const b = baseOf[i];
        if (done[b] >= 0) out[i] = out[done[b]];
        else {
          out[i] = logSumExp(bases, b * K, K, rowMax(bases, b * K, K));
          done[b] = i;
        }
      }
      return out;
    }
    if (rowBuffer.length < K) rowBuffer = new Float64Array(K * 2);
    const row = rowBuffer;
    for (let i = 0; i < count; i++) {
      let from = bases;
      let fromAt = baseOf[i] * K;
      // Continuous dimensions two at a time, each pass returning the row's maximum.
      let max = -Infinity;
      for (let c = 0; c < continuous.length; c += 2) {
        const x = points[i * d + continuousAt[c]];
        if (c + 1 < continuous.length) {
          const y = points[i * d + continuousAt[c + 1]];
          max = subtractSquares2(from, fromAt, row, continuous[c], x, continuous[c + 1], y, K);
        } else {
          max = subtractSquares(from, fromAt, row, continuous[c], x, K);
        }
        from = row;
        fromAt = 0;
      }
      out[i] = logSumExp(from, fromAt, K, max);
    }
    return out;
  }

  /**
   * The distinct base rows (offsets plus lookup terms) the points need, back to back in
   * one array, and the base of each point. Without lookups, the offsets alone.
   */
  private baseRows(lookups: readonly LookupTerms[], classOf: readonly Int32Array[], count: number): { baseOf: Int32Array; bases: Float64Array } {
    const K = this.kernels;
    const baseOf = new Int32Array(count);
    if (lookups.length === 0) return { baseOf, bases: this.offsets };
    // A point's combination of rows, as one number (mixed radix) or, past 2^53, a string.
    let radix = 1;
    for (const lookup of lookups) radix *= lookup.rows.length;
    const numeric = radix <= Number.MAX_SAFE_INTEGER;
    const baseOfKey = new Map<number | string, number>();
    const firstPoint: number[] = [];
    for (let i = 0; i < count; i++) {
      let key: number | string = 0;
      if (numeric) for (const lookup of lookups) key = (key as number) * lookup.rows.length + lookup.rowOf[i];
      else key = lookups.map((lookup) => lookup.rowOf[i]).join(",");
      let b = baseOfKey.get(key);
      if (b === undefined) baseOfKey.set(key, (b = firstPoint.push(i) - 1));
      baseOf[i] = b;
    }
    const needed = firstPoint.length * K;
    if (baseBuffer.length < needed && needed <= SCRATCH_LIMIT) baseBuffer = new Float64Array(Math.min(needed * 2, SCRATCH_LIMIT));
    // A call that needs more (a density over a large grid, say) gets its own array rather than keeping it.
    const bases = needed <= baseBuffer.length ? baseBuffer : new Float64Array(needed);
    const terms = new Array<Float64Array>(lookups.length);
    firstPoint.forEach((i, b) => {
      for (let t = 0; t < lookups.length; t++) terms[t] = lookups[t].rows[lookups[t].rowOf[i]];
      addTerms(this.offsets, terms, classOf, bases, b * K, K);
    });
    return { baseOf, bases };
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
