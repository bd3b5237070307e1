import { cholesky, choleskyInverse, choleskyLogDet, choleskySolve } from "../../math/linalg.js";
import type { GpData } from "./gaussian-process.js";
import { conditionalKernelMatrix, PairGeometry, type KernelGroups } from "./conditional-kernel.js";
import { kernelMatrix, type KernelParams } from "./kernel.js";

/**
 * The log marginal likelihood of kernel parameters plus weak priors (those of Optuna's
 * `_gp.prior`), as a function of raw parameters
 * `[log ρ₁ … log ρ_d, log scale, log(noise - minNoise), logit w₁ … logit w_G]` (ρ = 1 / ℓ²;
 * no noise entry when the noise is fixed at `minNoise`; branch weights w only for the
 * conditional kernel's G groups), with its gradient.
 */

/** How kernel parameters are laid out in the raw vector the fit optimizes. */
export interface ParamLayout {
  /** Number of features (one inverse squared lengthscale each). */
  d: number;
  /** Noise floor; the noise parameter is this plus a positive amount. */
  minNoise: number;
  /** When true the noise is fixed at `minNoise` (deterministic objective). */
  fixedNoise: boolean;
  /** Conditional groups of the conditional kernel, each with a branch weight (default 0). */
  branches?: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Length of the raw parameter vector. */
export function rawParamCount(layout: ParamLayout): number {
  return branchOffset(layout) + (layout.branches ?? 0);
}

/** Index of the first branch weight's logit in the raw vector. */
export function branchOffset(layout: ParamLayout): number {
  return layout.d + 1 + (layout.fixedNoise ? 0 : 1);
}

/** Kernel parameters from raw (log) parameters. */
export function paramsFromRaw(raw: ArrayLike<number>, layout: ParamLayout): KernelParams {
  const { d } = layout;
  const inverseSquaredLengthscales = new Float64Array(d);
  for (let c = 0; c < d; c++) inverseSquaredLengthscales[c] = Math.exp(raw[c]);
  const scale = Math.exp(raw[d]);
  const noise = layout.fixedNoise ? layout.minNoise : layout.minNoise + Math.exp(raw[d + 1]);
  const branches = layout.branches ?? 0;
  if (branches === 0) return { inverseSquaredLengthscales, scale, noise };
  const offset = branchOffset(layout);
  const branchWeights = Float64Array.from({ length: branches }, (_, g) => 1 / (1 + Math.exp(-raw[offset + g])));
  return { inverseSquaredLengthscales, scale, noise, branchWeights };
}

/** Raw (log) parameters of kernel parameters; a noise at the floor maps to log 1e-12 above it. */
export function rawFromParams(params: KernelParams, layout: ParamLayout): Float64Array {
  const raw = new Float64Array(rawParamCount(layout));
  for (let c = 0; c < layout.d; c++) raw[c] = Math.log(params.inverseSquaredLengthscales[c]);
  raw[layout.d] = Math.log(params.scale);
  if (!layout.fixedNoise) raw[layout.d + 1] = Math.log(Math.max(params.noise - layout.minNoise, 1e-12));
  const offset = branchOffset(layout);
  for (let g = 0; g < (layout.branches ?? 0); g++) {
    const w = params.branchWeights?.[g] ?? 0.5;
    raw[offset + g] = Math.log(w / (1 - w));
  }
  return raw;
}

/**
 * log p(y | X, θ) + log p(θ) at raw parameters θ; when `gradient` is given, writes
 * d/dθ into it. Returns -Infinity when the kernel matrix cannot be factored.
 */
export function logMarginalPosterior(data: GpData, raw: ArrayLike<number>, layout: ParamLayout, gradient: Float64Array | null): number {
  if (data.groups) return conditionalLogMarginalPosterior(data, data.groups, raw, layout, gradient);
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

/** Pair geometry and the gradient's scratch of the data a fit is running on. */
const fitting = new WeakMap<GpData, { geometry: PairGeometry; parts: Float64Array }>();

/** logMarginalPosterior for the conditional kernel (data.groups set), branch weights included. */
function conditionalLogMarginalPosterior(data: GpData, groups: KernelGroups, raw: ArrayLike<number>, layout: ParamLayout, gradient: Float64Array | null): number {
  const { n, d, y, x, categorical } = data;
  const params = paramsFromRaw(raw, layout);
  const { inverseSquaredLengthscales: rho, scale, noise } = params;
  const weights = params.branchWeights ?? new Float64Array(0);
  const count = groups.count;
  const stride = 2 * count + 1;
  let cached = fitting.get(data);
  if (!cached) {
    cached = { geometry: new PairGeometry(x, n, d, categorical, groups), parts: new Float64Array(((n * (n - 1)) / 2) * stride) };
    fitting.set(data, cached);
  }
  const { geometry } = cached;
  const parts = gradient ? cached.parts : null;
  const kernel = conditionalKernelMatrix(x, n, d, params, categorical, groups, parts, geometry);
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

  // The plain kernel's priors, and Beta(2, 2) on each branch weight (keeps it off 0 and 1).
  let prior = Math.log(scale) - scale;
  for (let c = 0; c < d; c++) prior -= 0.1 / rho[c] + 0.1 * rho[c];
  if (!layout.fixedNoise) prior += 0.1 * Math.log(noise) - 30 * noise;
  for (const w of weights) prior += Math.log(w) + Math.log(1 - w);
  if (!gradient || !parts) return likelihood + prior;

  const inverse = choleskyInverse(factor, n);
  gradient.fill(0);
  const offset = branchOffset(layout);
  let dScale = 0;
  let traceW = 0;
  for (let i = 0, p = 0; i < n; i++) {
    traceW += alpha[i] * alpha[i] - inverse[i * n + i];
    for (let j = 0; j < i; j++, p++) {
      const w = alpha[i] * alpha[j] - inverse[i * n + j];
      dScale += w * kernel[i * n + j];
      const at = p * stride;
      for (let c = 0; c < d; c++) gradient[c] += w * parts[at + groups.of[c]] * geometry.distances[p * d + c];
      for (let g = 0; g < count; g++) gradient[offset + g] += w * parts[at + count + 1 + g];
    }
  }
  for (let c = 0; c < d; c++) gradient[c] = gradient[c] * rho[c] + 0.1 / rho[c] - 0.1 * rho[c];
  gradient[d] = dScale + 0.5 * traceW * scale + 1 - scale;
  if (!layout.fixedNoise) {
    const excess = noise - layout.minNoise;
    gradient[d + 1] = 0.5 * traceW * excess + (0.1 / noise - 30) * excess;
  }
  // d/d logit w = w (1 - w) d/dw; the prior's part is 1 - 2w.
  for (let g = 0; g < count; g++) {
    const w = weights[g];
    gradient[offset + g] = gradient[offset + g] * w * (1 - w) + 1 - 2 * w;
  }
  return likelihood + prior;
}
