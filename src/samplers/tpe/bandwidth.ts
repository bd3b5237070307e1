import { ascendingOrder } from "./stable-order.js";

/**
 * Kernel widths of a Parzen estimator along one numeric coordinate, as in Optuna.
 */

const MIN_SIGMA = 1e-12;

export interface BandwidthOptions {
  considerMagicClip: boolean;
  considerEndpoints: boolean;
}

/**
 * Multivariate rule (Scott-like): one width for every kernel, 0.2 · n^(-1/(d+4)) · range,
 * shrinking as observations accumulate, faster in fewer dimensions.
 */
export function multivariateSigma(observations: number, dimensions: number, low: number, high: number): number {
  return 0.2 * Math.max(observations, 1) ** (-1 / (dimensions + 4)) * (high - low);
}

/**
 * Univariate rule (hyperopt): each kernel is as wide as the larger gap to its neighbours
 * among the observations, the prior centre and (for inner kernels, or all when
 * `considerEndpoints`) the range ends. Returns one width per observation, in input order.
 */
export function univariateSigmas(mus: ArrayLike<number>, low: number, high: number, considerEndpoints: boolean): Float64Array {
  const m = mus.length;
  // Observations plus the prior centre (index m), sorted (ties by index), framed by the range ends.
  const values = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) values[i] = mus[i];
  values[m] = 0.5 * (low + high);
  const order = ascendingOrder(values);
  const framed = new Float64Array(m + 3);
  framed[0] = low;
  for (let i = 0; i <= m; i++) framed[i + 1] = values[order[i]];
  framed[m + 2] = high;
  const sorted = new Float64Array(m + 1);
  for (let i = 1; i <= m + 1; i++) sorted[i - 1] = Math.max(framed[i] - framed[i - 1], framed[i + 1] - framed[i]);
  if (!considerEndpoints && framed.length >= 4) {
    sorted[0] = framed[2] - framed[1];
    sorted[m] = framed[m + 1] - framed[m];
  }
  const sigmas = new Float64Array(m);
  for (let i = 0; i <= m; i++) if (order[i] < m) sigmas[order[i]] = sorted[i];
  return sigmas;
}

/**
 * Clamps a width to [range / min(100, 1 + kernels), range] with the magic clip, else to
 * [1e-12, range]: a floor that keeps densities from collapsing onto single points.
 */
export function clipSigma(sigma: number, low: number, high: number, kernels: number, magicClip: boolean): number {
  const range = high - low;
  const floor = magicClip ? range / Math.min(100, 1 + kernels) : MIN_SIGMA;
  return Math.min(range, Math.max(floor, sigma, MIN_SIGMA));
}
