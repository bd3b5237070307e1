import { cardinality, decodeValue, type Param } from "../../space/index.js";
import type { CmaState } from "./cma-state.js";
import { normalCdf, normalQuantile } from "../../math/normal.js";

/**
 * The margin of CMA-ES with Margin (Hamano et al., GECCO 2022, arXiv:2205.13482) for
 * coordinates that decode to discrete values (integers, ordinals, stepped floats).
 *
 * Without it, once σ shrinks below the width of a value's interval every sample rounds to
 * the same value and CMA-ES no longer sees that a neighbour is better. After each update,
 * per discrete coordinate, we compute the marginal probabilities that a sample lands in the
 * lower or upper neighbour's interval and keep them from falling below a margin α:
 * - a value with neighbours on both sides: each side keeps at least α/2; the mean and a
 *   per-coordinate scale A (which stretches that coordinate's deviation from the mean before
 *   rounding, not the CMA-ES model) are solved so that both probabilities are met exactly;
 * - an end value (one neighbour): the mean is moved toward that neighbour until it has
 *   probability α.
 * Simplifications against the paper: probabilities come from a normal CDF accurate to about
 * 1e-7, and the coordinate's interval is always the one containing the mean.
 */

/** The unit-cube interval that decodes to the same value as `u`, and whether values lie on either side. */
export interface DiscreteInterval {
  lower: number;
  upper: number;
  hasLower: boolean;
  hasUpper: boolean;
}

/** The interval of `u` (clamped to [0, 1]) for a discrete parameter, or null for a continuous float, a categorical or a single value. */
export function discreteInterval(param: Param, u: number): DiscreteInterval | null {
  const t = Math.min(1, Math.max(0, u));
  const count = cardinality(param);
  if (!Number.isFinite(count) || count < 2 || param.type === "categorical") return null;
  if (param.type === "float") {
    // Values low + k·step; decode rounds low + t·(high - low) to the nearest step.
    const step = param.step as number;
    const range = param.high - param.low;
    const k = Math.min(count - 1, Math.max(0, Math.round((t * range) / step)));
    return interval(Math.max(0, ((k - 0.5) * step) / range), Math.min(1, ((k + 0.5) * step) / range), k, count);
  }
  if (param.type === "int" && param.log) {
    // Decode rounds exp(lo + t (hi - lo)) with lo = ln(low - 0.5), hi = ln(high + 0.5).
    const lo = Math.log(param.low - 0.5);
    const span = Math.log(param.high + 0.5) - lo;
    const value = decodeValue(param, t) as number;
    const k = value - param.low;
    return interval(Math.max(0, (Math.log(value - 0.5) - lo) / span), Math.min(1, (Math.log(value + 0.5) - lo) / span), k, count);
  }
  // Ordinals and linear integers: `count` equal intervals.
  const k = Math.min(count - 1, Math.floor(t * count));
  return interval(k / count, (k + 1) / count, k, count);
}

function interval(lower: number, upper: number, k: number, count: number): DiscreteInterval {
  return { lower, upper, hasLower: k > 0, hasUpper: k < count - 1 };
}

/** A discrete coordinate of the CMA-ES vector and its parameter. */
export interface DiscreteCoordinate {
  index: number;
  param: Param;
}

/** The default margin of the paper, 1 / (n λ). */
export function defaultMargin(dimension: number, lambda: number): number {
  return 1 / (dimension * lambda);
}

/**
 * Applies the margin to every discrete coordinate (see the module comment): mutates
 * `state.mean` and `scale` (A, one entry per coordinate, 1 for continuous ones).
 */
export function applyIntegerMargin(state: CmaState, scale: Float64Array, coordinates: readonly DiscreteCoordinate[], margin: number): void {
  const n = state.parameters.dimension;
  const half = margin / 2;
  for (const { index, param } of coordinates) {
    const m = state.mean[index];
    const bounds = discreteInterval(param, m);
    const spread = state.sigma * Math.sqrt(state.covariance[index * n + index]);
    const sd = scale[index] * spread;
    if (!bounds || !(sd > 0)) continue;
    const { lower, upper } = bounds;
    if (!bounds.hasLower || !bounds.hasUpper) {
      const tail = bounds.hasLower ? normalCdf((lower - m) / sd) : normalCdf((m - upper) / sd);
      if (tail >= margin) continue;
      const reach = -normalQuantile(margin) * sd;
      state.mean[index] = bounds.hasLower ? lower + reach : upper - reach;
      continue;
    }
    const toLower = normalCdf((lower - m) / sd);
    const toUpper = normalCdf((m - upper) / sd);
    const stay = 1 - toLower - toUpper;
    // Raise each side to α/2, taking the mass back proportionally from what lies above the floors.
    const lowFloored = Math.max(toLower, half);
    const upFloored = Math.max(toUpper, half);
    const excess = 1 - lowFloored - upFloored - stay;
    const above = lowFloored + stay + upFloored - 3 * half;
    const clip = (p: number) => Math.min(0.5 - 1e-10, Math.max(1e-10, p));
    const pLower = clip(lowFloored + (excess * (lowFloored - half)) / above);
    const pUpper = clip(upFloored + (excess * (upFloored - half)) / above);
    // Solve m' - lower = χ_l s' and upper - m' = χ_u s' for the mean m' and spread s'.
    const chiLower = -normalQuantile(pLower);
    const chiUpper = -normalQuantile(pUpper);
    const newSd = (upper - lower) / (chiLower + chiUpper);
    scale[index] = newSd / spread;
    state.mean[index] = lower + chiLower * newSd;
  }
}
