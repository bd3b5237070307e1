import { Rng } from "../../math/index.js";
import { sortAscending, sortedQuantile } from "./descriptive.js";

export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Coverage of the interval (default 0.95). */
  confidence?: number;
  /** Source of the resampling; default `new Rng(0)`, so the interval is reproducible. */
  rng?: Rng;
}

/** A point estimate with its confidence interval. */
export interface ConfidenceInterval {
  /** The statistic on the original values. */
  estimate: number;
  low: number;
  high: number;
}

/**
 * Percentile bootstrap confidence interval (Efron 1979): resample `values` with
 * replacement, compute `statistic` on each resample, and take the (1 - confidence) / 2
 * and (1 + confidence) / 2 quantiles of those statistics.
 *
 * @example
 * bootstrapCI(bestValues, iqm, { rng: new Rng(7) }); // { estimate, low, high }
 */
export function bootstrapCI(
  values: readonly number[],
  statistic: (sample: readonly number[]) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const rng = options.rng ?? new Rng(0);
  const estimate = statistic(values);
  const n = values.length;
  const replicates: number[] = new Array(resamples);
  const sample: number[] = new Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = values[rng.int(n)];
    replicates[r] = statistic(sample);
  }
  const sorted = sortAscending(replicates);
  const tail = (1 - confidence) / 2;
  return { estimate, low: sortedQuantile(sorted, tail), high: sortedQuantile(sorted, 1 - tail) };
}
