import { cholesky, choleskySolve, dotRange, lowerSolveSquaredNorms, solveLower, solveUpper, transpose } from "../../math/linalg.js";
import { ConditionalKernel, conditionalKernelMatrix, type KernelGroups } from "./conditional-kernel.js";
import { kernelMatrix, type KernelParams } from "./kernel.js";

/** Observations for a Gaussian process: n points of d features (row-major) and their values. */
export interface GpData {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
  /** 1 where a dimension is categorical (compared by equality), 0 where numeric. */
  categorical: Uint8Array;
  /**
   * The features' groups in a conditional space: the kernel is then the conditional one,
   * and a NaN feature marks its group absent. Absent: the plain kernel on every feature.
   */
  groups?: KernelGroups;
}

/** Posterior of the latent function at one point. */
export interface Prediction {
  mean: number;
  variance: number;
}

/** Smallest posterior variance reported, so standard deviations stay positive. */
const MIN_VARIANCE = 1e-12;
/** Points predicted together by predictBatch (their cross-covariances stay in cache). */
const CHUNK = 64;

/**
 * A zero-mean Gaussian-process posterior with fixed kernel parameters: factors the
 * kernel matrix once, then predicts the mean and variance of the latent function (and
 * their gradients with respect to numeric features) anywhere.
 */
export class GaussianProcess {
  readonly data: GpData;
  readonly params: KernelParams;
  /** Diagonal jitter the factorization needed beyond `params.noise`. */
  readonly jitter: number;
  private readonly factor: Float64Array;
  /** Lᵀ, for the second triangular solve of the gradient. */
  private readonly factorTransposed: Float64Array;
  private readonly alpha: Float64Array;
  private readonly kStar: Float64Array;
  private readonly v: Float64Array;
  private readonly dk: Float64Array;
  /** Numeric features of the training points times √ρ, n rows of `numeric.length`. */
  private readonly scaledNumeric: Float64Array;
  private readonly numeric: Int32Array;
  private readonly categoricalDimensions: Int32Array;
  private readonly scaledPoint: Float64Array;
  private chunk: { k: Float64Array; explained: Float64Array } | null = null;
  /** The conditional kernel when data.groups is set, and dk per training point and group. */
  private readonly conditional: { kernel: ConditionalKernel; dk: Float64Array } | null;

  constructor(data: GpData, params: KernelParams) {
    this.data = data;
    this.params = params;
    const groups = data.groups;
    this.conditional = groups ? { kernel: new ConditionalKernel(params, data.categorical, groups), dk: new Float64Array(data.n * (groups.count + 1)) } : null;
    const matrix = groups
      ? conditionalKernelMatrix(data.x, data.n, data.d, params, data.categorical, groups)
      : kernelMatrix(data.x, data.n, data.d, params, data.categorical);
    const { factor, jitter } = cholesky(matrix, data.n);
    this.factor = factor;
    this.factorTransposed = transpose(factor, data.n);
    this.jitter = jitter;
    this.alpha = choleskySolve(factor, data.n, data.y);
    this.kStar = new Float64Array(data.n);
    this.v = new Float64Array(data.n);
    this.dk = new Float64Array(data.n);
    const dimensions = Array.from({ length: data.d }, (_, c) => c);
    this.numeric = Int32Array.from(dimensions.filter((c) => !data.categorical[c]));
    this.categoricalDimensions = Int32Array.from(dimensions.filter((c) => data.categorical[c]));
    const p = this.numeric.length;
    this.scaledNumeric = new Float64Array(data.n * p);
    for (let i = 0; i < data.n; i++) {
      for (let q = 0; q < p; q++) {
        const c = this.numeric[q];
        this.scaledNumeric[i * p + q] = data.x[i * data.d + c] * Math.sqrt(params.inverseSquaredLengthscales[c]);
      }
    }
    this.scaledPoint = new Float64Array(p);
  }

  /**
   * Posterior mean of f at each training point: y - (noise + jitter) K⁻¹y, since
   * (K + σ²I) α = y. With little noise this is close to y; with much, it is the smoothed
   * value a noise-aware incumbent should use.
   */
  trainingMeans(): Float64Array {
    const { n, y } = this.data;
    const noise = this.params.noise + this.jitter;
    return Float64Array.from({ length: n }, (_, i) => y[i] - noise * this.alpha[i]);
  }

  /** Posterior mean and variance of f at `point` (d features). */
  predict(point: Float64Array): Prediction {
    this.crossCovariance(point, 0, null);
    return this.fromCrossCovariance();
  }

  /**
   * Like predict, and writes d mean / d xᶜ and d variance / d xᶜ for every numeric
   * dimension c (0 for categorical ones).
   */
  predictWithGradient(point: Float64Array, meanGradient: Float64Array, varianceGradient: Float64Array): Prediction {
    const { n, d, x, categorical } = this.data;
    const { inverseSquaredLengthscales } = this.params;
    this.crossCovariance(point, 0, this.dk);
    const prediction = this.fromCrossCovariance();
    // beta = K⁻¹ k*, so d variance = -2 betaᵀ d k*.
    const beta = solveUpper(this.factorTransposed, n, this.v, this.v);
    for (let c = 0; c < d; c++) {
      if (categorical[c]) {
        meanGradient[c] = 0;
        varianceGradient[c] = 0;
        continue;
      }
      let dMean = 0;
      let dVariance = 0;
      const xc = point[c];
      if (this.conditional) {
        // Only the slope of c's group counts, and only at points having the group (else 0).
        const { dk, kernel } = this.conditional;
        const stride = kernel.groups.count + 1;
        const g = kernel.groups.of[c];
        if (Number.isNaN(xc)) {
          meanGradient[c] = 0;
          varianceGradient[c] = 0;
          continue;
        }
        for (let i = 0; i < n; i++) {
          const slope = dk[i * stride + g];
          if (slope === 0) continue;
          const step = slope * (xc - x[i * d + c]);
          dMean += this.alpha[i] * step;
          dVariance += beta[i] * step;
        }
      } else {
        for (let i = 0; i < n; i++) {
          // d k(x, Xᵢ) / d xᶜ = scale · m'(r²) · 2 ρᶜ (xᶜ - Xᵢᶜ).
          const slope = this.dk[i] * (xc - x[i * d + c]);
          dMean += this.alpha[i] * slope;
          dVariance += beta[i] * slope;
        }
      }
      const factor = 2 * inverseSquaredLengthscales[c];
      meanGradient[c] = factor * dMean;
      varianceGradient[c] = -2 * factor * dVariance;
    }
    if (prediction.variance <= MIN_VARIANCE) varianceGradient.fill(0);
    return prediction;
  }

  /** Predicts `count` points (rows of `points`) into `means` and `variances`. */
  predictBatch(points: Float64Array, count: number, means: Float64Array, variances: Float64Array): void {
    const { n } = this.data;
    this.chunk ??= { k: new Float64Array(CHUNK * n), explained: new Float64Array(CHUNK) };
    const { k, explained } = this.chunk;
    for (let start = 0; start < count; start += CHUNK) {
      const size = Math.min(CHUNK, count - start);
      for (let r = 0; r < size; r++) {
        this.crossCovariance(points, start + r, null, k, r * n);
        means[start + r] = dotRange(this.alpha, 0, k, r * n, n);
      }
      lowerSolveSquaredNorms(this.factor, n, k, size, explained);
      for (let r = 0; r < size; r++) variances[start + r] = Math.max(MIN_VARIANCE, this.params.scale - explained[r]);
    }
  }

  /** Mean and variance from kStar; leaves v = L⁻¹ k*. */
  private fromCrossCovariance(): Prediction {
    const { n } = this.data;
    const mean = dotRange(this.alpha, 0, this.kStar, 0, n);
    solveLower(this.factor, n, this.kStar, this.v);
    const explained = dotRange(this.v, 0, this.v, 0, n);
    return { mean, variance: Math.max(MIN_VARIANCE, this.params.scale - explained) };
  }

  /**
   * Writes k(row `row` of `points`, Xᵢ) for every training point i into `out` from
   * `offset` (default: kStar) and, when asked, scale · m'(r²ᵢ) into dk.
   */
  private crossCovariance(points: Float64Array, row: number, dk: Float64Array | null, out = this.kStar, offset = 0): void {
    if (this.conditional) {
      this.conditionalCrossCovariance(points, row, dk !== null, out, offset);
      return;
    }
    const { n, d, x } = this.data;
    const { inverseSquaredLengthscales: rho, scale } = this.params;
    const numeric = this.numeric;
    const categorical = this.categoricalDimensions;
    const p = numeric.length;
    const scaledPoint = this.scaledPoint;
    const base = row * d;
    for (let q = 0; q < p; q++) scaledPoint[q] = points[base + numeric[q]] * Math.sqrt(rho[numeric[q]]);
    const scaled = this.scaledNumeric;
    for (let i = 0; i < n; i++) {
      let r2 = 0;
      const rowI = i * p;
      for (let q = 0; q < p; q++) {
        const diff = scaled[rowI + q] - scaledPoint[q];
        r2 += diff * diff;
      }
      for (let q = 0; q < categorical.length; q++) {
        const c = categorical[q];
        if (x[i * d + c] !== points[base + c]) r2 += rho[c];
      }
      // matern52(r2) and matern52Derivative(r2), sharing exp(-s).
      const root = Math.sqrt(5 * r2);
      const decay = scale * Math.exp(-root);
      out[offset + i] = (1 + root + (root * root) / 3) * decay;
      if (dk) dk[i] = -(5 / 6) * (1 + root) * decay;
    }
  }

  /** crossCovariance with the conditional kernel; `withSlopes` fills conditional.dk. */
  private conditionalCrossCovariance(points: Float64Array, row: number, withSlopes: boolean, out: Float64Array, offset: number): void {
    const { n, d, x } = this.data;
    const { kernel, dk } = this.conditional as { kernel: ConditionalKernel; dk: Float64Array };
    const stride = kernel.groups.count + 1;
    for (let i = 0; i < n; i++) {
      out[offset + i] = kernel.evaluate(points, row, x, i, d, withSlopes);
      if (withSlopes) dk.set(kernel.slopes, i * stride);
    }
  }
}
