import { InvalidArgumentError } from "../../errors/index.js";

/** The arithmetic mean; throws on an empty list. */
export function mean(values: readonly number[]): number {
  requireValues(values, "mean");
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * The q-quantile with linear interpolation between order statistics (Hyndman & Fan type 7,
 * the default of numpy and R): position (n - 1) q in the sorted values.
 */
export function quantile(values: readonly number[], q: number): number {
  requireValues(values, "quantile");
  if (!(q >= 0 && q <= 1)) throw new InvalidArgumentError(`quantile q must be in [0, 1], got ${q}`);
  return sortedQuantile(sortAscending(values), q);
}

/** `quantile` of values already sorted ascending (no copy, no check). */
export function sortedQuantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * Interquartile mean: the mean of the middle half, dropping floor(n / 4) values at each end.
 * Robust to outlier runs yet more efficient than the median (Agarwal et al. 2021, "Deep
 * Reinforcement Learning at the Edge of the Statistical Precipice"); the same trimming as
 * rliable's `aggregate_iqm` (scipy `trim_mean(x, 0.25)`).
 */
export function iqm(values: readonly number[]): number {
  requireValues(values, "iqm");
  const sorted = sortAscending(values);
  const cut = Math.floor(sorted.length / 4);
  return mean(sorted.slice(cut, sorted.length - cut));
}

/** A sorted copy (numeric order, not the default string order). */
export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function requireValues(values: readonly number[], what: string): void {
  if (values.length === 0) throw new InvalidArgumentError(`${what} of an empty list is undefined`);
}
