import type { Rng } from "../../math/index.js";
import type { GpData } from "./gaussian-process.js";
import type { KernelParams } from "./kernel.js";
import { minimizeLbfgs } from "./lbfgs.js";
import { branchOffset, logMarginalPosterior, paramsFromRaw, rawFromParams, rawParamCount, type ParamLayout } from "./marginal-likelihood.js";

export interface FitKernelParamsOptions {
  /** Draws the subset of points when there are more than `maxPoints`. */
  rng: Rng;
  /** Fix the noise at `minNoise` instead of fitting it (default false). */
  deterministic?: boolean;
  /** Noise floor, in units of the (standardized) values' variance (default 1e-6, as Optuna). */
  minNoise?: number;
  /** Iterations per run (default 100). */
  maxIterations?: number;
  /**
   * Fit on at most this many points, drawn at random, so the cost stays bounded as the
   * history grows (default 100). The fitted parameters then serve every point.
   */
  maxPoints?: number;
  /** Start of the first run (default: every ρ = 1, scale 1, noise 1, Optuna's start). */
  initial?: KernelParams;
}

/**
 * Box of the raw parameters: ρ in [e⁻¹², e¹²], scale in [e⁻¹⁰, e¹⁰], noise excess in [e⁻²⁵, e⁵],
 * branch weights' logits in [-8, 8] (w from 3e-4 to 1 - 3e-4).
 */
const RAW_BOUNDS = { rho: [-12, 12], scale: [-10, 10], noise: [-25, 5], branch: [-8, 8] } as const;

/**
 * Where the second run starts: short lengthscales (0.1) and little noise. From Optuna's
 * start (every ρ = 1, noise 1) the fit can settle on "smooth function plus much noise" for
 * a wiggly noiseless objective; from here it finds the wiggles when they are there.
 */
const SHORT_START = { rho: 100, scale: 1, noise: 1e-2 };
/** A first fit with more noise than this (a tenth of the standardized variance) gets the second run. */
const NOISY = 0.1;

/**
 * Maximum a posteriori kernel parameters: maximizes the log marginal likelihood plus the
 * weak priors of Optuna's GPSampler over log-parameters by bounded L-BFGS (as Optuna's
 * `_gp.gp.fit_kernel_params` does). The run starts from a fixed point; when it ends with
 * much noise, a second run starts from short lengthscales and little noise, and the better
 * of the two is kept. A pure function of its inputs and the draws of `rng` (only used to
 * subsample), so the same history always gives the same parameters.
 */
export function fitKernelParams(data: GpData, options: FitKernelParamsOptions): KernelParams {
  const minNoise = options.minNoise ?? 1e-6;
  const branches = data.groups?.count ?? 0;
  const layout: ParamLayout = { d: data.d, minNoise, fixedNoise: options.deterministic ?? false, ...(branches > 0 ? { branches } : {}) };
  const subset = subsample(data, options.maxPoints ?? 100, options.rng);
  // Branch weights start at 1/2: a group present in one point halves the correlation.
  const withBranches = (params: KernelParams): KernelParams => (branches > 0 ? { ...params, branchWeights: new Float64Array(branches).fill(0.5) } : params);
  const initial = options.initial ?? withBranches({
    inverseSquaredLengthscales: new Float64Array(data.d).fill(1),
    scale: 1,
    noise: layout.fixedNoise ? minNoise : 1,
  });
  const count = rawParamCount(layout);
  const lower = new Float64Array(count);
  const upper = new Float64Array(count);
  const firstBranch = branchOffset(layout);
  for (let i = 0; i < count; i++) {
    const [low, high] =
      i < data.d ? RAW_BOUNDS.rho : i === data.d ? RAW_BOUNDS.scale : i >= firstBranch ? RAW_BOUNDS.branch : RAW_BOUNDS.noise;
    lower[i] = low;
    upper[i] = high;
  }
  // Per-point loss keeps the gradient tolerance meaningful whatever the number of points.
  const objective = (raw: Float64Array, gradient: Float64Array): number => {
    const value = logMarginalPosterior(subset, raw, layout, gradient);
    for (let i = 0; i < count; i++) gradient[i] = -gradient[i] / subset.n;
    return -value / subset.n;
  };
  const run = (from: KernelParams) =>
    minimizeLbfgs(objective, rawFromParams(from, layout), {
      lower,
      upper,
      maxIterations: options.maxIterations ?? 100,
      gradientTolerance: 1e-4,
      relativeTolerance: 1e-9,
    });
  let best = run(initial);
  if (!layout.fixedNoise && paramsFromRaw(best.x, layout).noise > NOISY) {
    const second = run(withBranches({
      inverseSquaredLengthscales: new Float64Array(data.d).fill(SHORT_START.rho),
      scale: SHORT_START.scale,
      noise: SHORT_START.noise,
    }));
    if (second.value < best.value) best = second;
  }
  return paramsFromRaw(best.x, layout);
}

/** `data` itself when small enough, else `maxPoints` rows drawn without replacement (kept in order). */
function subsample(data: GpData, maxPoints: number, rng: Rng): GpData {
  if (data.n <= maxPoints) return data;
  const indices = Array.from({ length: data.n }, (_, i) => i);
  for (let i = 0; i < maxPoints; i++) {
    const j = i + rng.int(data.n - i);
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  const chosen = indices.slice(0, maxPoints).sort((a, b) => a - b);
  const x = new Float64Array(maxPoints * data.d);
  const y = new Float64Array(maxPoints);
  chosen.forEach((row, k) => {
    x.set(data.x.subarray(row * data.d, (row + 1) * data.d), k * data.d);
    y[k] = data.y[row];
  });
  return { x, y, n: maxPoints, d: data.d, categorical: data.categorical, ...(data.groups ? { groups: data.groups } : {}) };
}
