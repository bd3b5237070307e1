import { cholesky, choleskyInverse, choleskyLogDet, choleskySolve } from "../../math/linalg.js";
import type { GpData } from "./gaussian-process.js";
import { kernelMatrix, type KernelParams } from "./kernel.js";

/**
 * The log marginal likelihood of kernel parameters plus weak priors (those of Optuna's
 * `_gp.prior`), as a function of raw parameters
 * `[log ρ₁ … log ρ_d, log scale, log(noise - minNoise)]` (ρ = 1 / ℓ²; no noise entry
 * when the noise is fixed at `minNoise`), with its gradient.
 */

/** How kernel parameters are laid out in the raw vector the fit optimizes. */
export interface ParamLayout {
  /** Number of features (one inverse squared lengthscale each). */
  d: number;
  /** Noise floor; the noise parameter is this plus a positive amount. */
  minNoise: number;
  /** When true the noise is fixed at `minNoise` (deterministic objective). */
  fixedNoise: boolean;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Length of the raw parameter vector. */
export function rawParamCount(layout: ParamLayout): number {
  return layout.d + 1 + (layout.fixedNoise ? 0 : 1);
}

/** Kernel parameters from raw (log) parameters. */
export function paramsFromRaw(raw: ArrayLike<number>, layout: ParamLayout): KernelParams {
  const { d } = layout;
  const inverseSquaredLengthscales = new Float64Array(d);
  for (let c = 0; c < d; c++) inverseSquaredLengthscales[c] = Math.exp(raw[c]);
  const scale = Math.exp(raw[d]);
  const noise = layout.fixedNoise ? layout.minNoise : layout.minNoise + Math.exp(raw[d + 1]);
  return { inverseSquaredLengthscales, scale, noise };
}

/** Raw (log) parameters of kernel parameters; a noise at the floor maps to log 1e-12 above it. */
export function rawFromParams(params: KernelParams, layout: ParamLayout): Float64Array {
  const raw = new Float64Array(rawParamCount(layout));
  for (let c = 0; c < layout.d; c++) raw[c] = Math.log(params.inverseSquaredLengthscales[c]);
  raw[layout.d] = Math.log(params.scale);
  if (!layout.fixedNoise) raw[layout.d + 1] = Math.log(Math.max(params.noise - layout.minNoise, 1e-12));
  return raw;
}

/**
 * log p(y | X, θ) + log p(θ) at raw parameters θ; when `gradient` is given, writes
 * d/dθ into it. Returns -Infinity when the kernel matrix cannot be factored.
 */
export function logMarginalPosterior(data: GpData, raw: ArrayLike<number>, layout: ParamLayout, gradient: Float64Array | null): number {
  const { n, d, y } = data;
  const params = paramsFromRaw(raw, layout);
  const { inverseSquaredLengthscales: rho, scale, noise } = params;
  // slopes[i n + j] = scale · m'(r²ᵢⱼ) for j < i, kept for the gradient.
  const slopes = gradient ? new Float64Array(n * n) : null;
  const kernel = kernelMatrix(data.x, n, d, params, data.categorical, slopes);
  let factor: Float64Array;
  try {
    factor = cholesky(kernel, n).factor;
  } catch {
    return -Infinity;
  }
  const alpha = choleskySolve(factor, n, y);
  let fit = 0;
  for (let i = 0; i < n; i++) fit += y[i] * alpha[i];
  const likelihood = -0.5 * fit - 0.5 * choleskyLogDet(factor, n) - 0.5 * n * LOG_2PI;

  // Optuna's priors: ρ gets -(0.1/ρ + 0.1ρ) (keeps lengthscales off 0 and ∞), scale
  // Gamma(2, 1), noise Gamma(1.1, 30), each up to a constant.
  let prior = Math.log(scale) - scale;
  for (let c = 0; c < d; c++) prior -= 0.1 / rho[c] + 0.1 * rho[c];
  if (!layout.fixedNoise) prior += 0.1 * Math.log(noise) - 30 * noise;
  if (!gradient || !slopes) return likelihood + prior;

  // d likelihood / dθ = ½ tr(W dK/dθ) with W = α αᵀ - K⁻¹; each off-diagonal pair counts twice.
  const { x, categorical } = data;
  const inverse = choleskyInverse(factor, n);
  gradient.fill(0);
  let dScale = 0;
  let traceW = 0;
  for (let i = 0; i < n; i++) {
    const rowI = i * d;
    traceW += alpha[i] * alpha[i] - inverse[i * n + i];
    for (let j = 0; j < i; j++) {
      const w = alpha[i] * alpha[j] - inverse[i * n + j];
      dScale += w * kernel[i * n + j];
      const slope = w * slopes[i * n + j];
      const rowJ = j * d;
      for (let c = 0; c < d; c++) {
        const diff = x[rowI + c] - x[rowJ + c];
        gradient[c] += slope * (categorical[c] ? (diff !== 0 ? 1 : 0) : diff * diff);
      }
    }
  }
  // d/d log ρ = ρ d/dρ; d/d log scale = scale d/d scale (K is linear in scale, diagonal included).
  for (let c = 0; c < d; c++) gradient[c] = gradient[c] * rho[c] + 0.1 / rho[c] - 0.1 * rho[c];
  gradient[d] = dScale + 0.5 * traceW * scale + 1 - scale;
  if (!layout.fixedNoise) {
    const excess = noise - layout.minNoise;
    gradient[d + 1] = 0.5 * traceW * excess + (0.1 / noise - 30) * excess;
  }
  return likelihood + prior;
}
