/**
 * How many trials count as good, and how much each observation weighs in its density:
 * Optuna's defaults (`default_gamma`, `default_weights`).
 */

/** Size of the good group for `n` ranked trials: min(ceil(0.1 n), 25). */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * Weights of `n` observations sorted oldest first: all 1 up to 25, beyond that the 25
 * newest weigh 1 and older ones ramp linearly from 1/n, so the density follows the
 * recent history.
 */
export function defaultWeights(n: number): Float64Array {
  const weights = new Float64Array(n).fill(1);
  if (n <= 25) return weights;
  const ramp = n - 25;
  const start = 1 / n;
  const increment = ramp > 1 ? (1 - start) / (ramp - 1) : 0;
  for (let i = 0; i < ramp; i++) weights[i] = start + i * increment;
  return weights;
}
