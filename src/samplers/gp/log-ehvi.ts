import type { BoxDecomposition } from "../../math/index.js";
import { logH } from "./log-ei.js";
import { logNormalCdf, logNormalPdf } from "./normal.js";

/**
 * Log expected hypervolume improvement of independent normal losses (every objective
 * minimized), exact, over the disjoint boxes of the region the current front does not
 * dominate (see nonDominatedBoxes). For a box [l, u) and a loss Y ~ N(m, σ²),
 * E[(u - max(Y, l))₊] = σ (h(z_u) - h(z_l)) with z = (bound - m) / σ and h(z) = φ(z) + z Φ(z),
 * the function behind expected improvement; independence makes a box's expectation the
 * product over objectives, and EHVI their sum. Everything is done in logs (log h as in
 * log EI, a log-sum-exp over boxes), so far-off points keep a usable gradient (as LogEI,
 * Ament et al. 2023). Pure numbers; knows nothing of GPs.
 */

/** Bounds of one objective shared by boxes: each box refers to one (lower, upper) pair. */
interface ObjectiveBounds {
  /** Distinct bound values, -Infinity first when present. */
  values: Float64Array;
  /** For each distinct pair, the index of its lower and its upper value. */
  pairLower: Int32Array;
  pairUpper: Int32Array;
}

/** log(1 - eˣ) for x <= 0, accurate near 0 and far below it. */
export function log1mexp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** Evaluates log EHVI (and its partial derivatives) for one set of boxes; not reentrant. */
export class LogEhvi {
  readonly m: number;
  private readonly bounds: ObjectiveBounds[];
  /** Pair index of each box in each objective, count × m. */
  private readonly boxPairs: Int32Array;
  private readonly count: number;
  // Scratch: per objective, per distinct bound / pair.
  private readonly logHs: Float64Array[];
  private readonly logCdfs: Float64Array[];
  private readonly logPdfs: Float64Array[];
  private readonly terms: Float64Array[];
  private readonly pairWeights: Float64Array[];
  private readonly boxLogs: Float64Array;

  constructor(boxes: BoxDecomposition) {
    const { m, count } = boxes;
    this.m = m;
    this.count = count;
    this.boxPairs = new Int32Array(count * m);
    this.bounds = Array.from({ length: m }, (_, j) => {
      const values = [...new Set(Array.from({ length: 2 * count }, (_, k) => (k < count ? boxes.lower : boxes.upper)[(k % count) * m + j]))].sort((a, b) => a - b);
      const indexOf = new Map(values.map((value, v) => [value, v]));
      const pairs = new Map<string, number>();
      const pairLower: number[] = [];
      const pairUpper: number[] = [];
      for (let b = 0; b < count; b++) {
        const lower = indexOf.get(boxes.lower[b * m + j]) as number;
        const upper = indexOf.get(boxes.upper[b * m + j]) as number;
        const key = `${lower}:${upper}`;
        let pair = pairs.get(key);
        if (pair === undefined) {
          pair = pairLower.push(lower) - 1;
          pairUpper.push(upper);
          pairs.set(key, pair);
        }
        this.boxPairs[b * m + j] = pair;
      }
      return { values: Float64Array.from(values), pairLower: Int32Array.from(pairLower), pairUpper: Int32Array.from(pairUpper) };
    });
    this.logHs = this.bounds.map((bound) => new Float64Array(bound.values.length));
    this.logCdfs = this.bounds.map((bound) => new Float64Array(bound.values.length));
    this.logPdfs = this.bounds.map((bound) => new Float64Array(bound.values.length));
    this.terms = this.bounds.map((bound) => new Float64Array(bound.pairLower.length));
    this.pairWeights = this.bounds.map((bound) => new Float64Array(bound.pairLower.length));
    this.boxLogs = new Float64Array(count);
  }

  /** log EHVI of losses with these means and standard deviations (one each per objective). */
  value(means: ArrayLike<number>, stddevs: ArrayLike<number>): number {
    for (let j = 0; j < this.m; j++) this.objectiveTerms(j, means[j], stddevs[j], false);
    return this.logSumOverBoxes();
  }

  /** Like value, and writes d logEHVI / d mean and d logEHVI / d stddev of each objective. */
  valueWithGradient(means: ArrayLike<number>, stddevs: ArrayLike<number>, dMeans: Float64Array, dStddevs: Float64Array): number {
    for (let j = 0; j < this.m; j++) this.objectiveTerms(j, means[j], stddevs[j], true);
    const total = this.logSumOverBoxes();
    for (const weights of this.pairWeights) weights.fill(0);
    if (total === -Infinity) {
      dMeans.fill(0);
      dStddevs.fill(0);
      return total;
    }
    for (let b = 0; b < this.count; b++) {
      const weight = Math.exp(this.boxLogs[b] - total);
      for (let j = 0; j < this.m; j++) this.pairWeights[j][this.boxPairs[b * this.m + j]] += weight;
    }
    for (let j = 0; j < this.m; j++) {
      const { values, pairLower, pairUpper } = this.bounds[j];
      const logHs = this.logHs[j];
      const sigma = stddevs[j];
      let dMean = 0;
      let dStddev = 0;
      for (let p = 0; p < pairLower.length; p++) {
        const weight = this.pairWeights[j][p];
        if (weight === 0) continue;
        const lower = pairLower[p];
        const upper = pairUpper[p];
        const logHu = logHs[upper];
        // With A = 1 - h(z_l)/h(z_u): d log term / dm = -(Φ_u - Φ_l) / (σ h_u A) and
        // d log term / dσ = (φ_u - φ_l) / (σ h_u A); each ratio to h_u stays finite.
        const a = values[lower] === -Infinity ? 1 : -Math.expm1(logHs[lower] - logHu);
        const cdfs = Math.exp(this.logCdfs[j][upper] - logHu) - (values[lower] === -Infinity ? 0 : Math.exp(this.logCdfs[j][lower] - logHu));
        const pdfs = Math.exp(this.logPdfs[j][upper] - logHu) - (values[lower] === -Infinity ? 0 : Math.exp(this.logPdfs[j][lower] - logHu));
        dMean -= (weight * cdfs) / (sigma * a);
        dStddev += (weight * pdfs) / (sigma * a);
      }
      dMeans[j] = dMean;
      dStddevs[j] = dStddev;
    }
    return total;
  }

  /** Fills logHs (and logCdfs, logPdfs) at objective j's bounds and the log term of each pair. */
  private objectiveTerms(j: number, mean: number, stddev: number, withGradient: boolean): void {
    const { values, pairLower, pairUpper } = this.bounds[j];
    const logHs = this.logHs[j];
    for (let v = 0; v < values.length; v++) {
      if (values[v] === -Infinity) {
        logHs[v] = -Infinity;
        continue;
      }
      const z = (values[v] - mean) / stddev;
      logHs[v] = logH(z);
      if (withGradient) {
        this.logCdfs[j][v] = logNormalCdf(z);
        this.logPdfs[j][v] = logNormalPdf(z);
      }
    }
    const logStddev = Math.log(stddev);
    const terms = this.terms[j];
    for (let p = 0; p < pairLower.length; p++) {
      const logHu = logHs[pairUpper[p]];
      const logHl = logHs[pairLower[p]];
      terms[p] = logStddev + logHu + (logHl === -Infinity ? 0 : log1mexp(logHl - logHu));
    }
  }

  /** log Σ over boxes of exp(Σ_j term), keeping each box's sum in boxLogs. */
  private logSumOverBoxes(): number {
    let top = -Infinity;
    for (let b = 0; b < this.count; b++) {
      let sum = 0;
      for (let j = 0; j < this.m; j++) sum += this.terms[j][this.boxPairs[b * this.m + j]];
      this.boxLogs[b] = sum;
      if (sum > top) top = sum;
    }
    if (top === -Infinity) return -Infinity;
    let total = 0;
    for (let b = 0; b < this.count; b++) total += Math.exp(this.boxLogs[b] - top);
    return top + Math.log(total);
  }
}
