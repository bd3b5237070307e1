/**
 * Densities over a parameter's bins for PED-ANOVA: a Gaussian kernel per observation on an
 * ordered grid (numeric parameters, bandwidth by Scott's rule), or smoothed counts (choices);
 * plus, for conditional parameters, one bin for "inactive". Knows nothing of trials.
 */

/** How a parameter's values were binned. */
export interface BinLayout {
  /** Bins of active values. */
  bins: number;
  /** True for an ordered grid (numeric), false for unordered choices. */
  ordered: boolean;
  /** True when an extra last bin holds the observations where the parameter was inactive. */
  inactiveBin: boolean;
}

/** Weight of the uniform prior, in observations: keeps a density positive where no point fell. */
const PRIOR_WEIGHT = 1;
/** The narrowest kernel, in bins: 90% of its mass within half a bin of its centre. */
const MIN_BANDWIDTH = 0.5 / 1.64;

/**
 * The probability of each bin (active bins, then the inactive bin if the layout has one)
 * given observations as bin indices; `layout.bins` stands for "inactive". Sums to 1.
 */
export function binDensity(observations: readonly number[], layout: BinLayout): Float64Array {
  const total = layout.bins + (layout.inactiveBin ? 1 : 0);
  const counts = new Float64Array(total);
  for (const bin of observations) counts[bin]++;
  const n = observations.length;
  const active = counts.subarray(0, layout.bins);
  const mass = new Float64Array(total);
  if (layout.ordered) mass.set(smoothOrdered(active), 0);
  else mass.set(active, 0);
  if (layout.inactiveBin) mass[layout.bins] = counts[layout.bins];
  const density = new Float64Array(total);
  for (let i = 0; i < total; i++) density[i] = (mass[i] + PRIOR_WEIGHT / total) / (n + PRIOR_WEIGHT);
  return density;
}

/**
 * Spreads counts on an ordered grid with a Gaussian kernel of Scott's bandwidth, each kernel
 * truncated to the grid and renormalized, so the total mass stays the number of observations.
 */
function smoothOrdered(counts: Float64Array): Float64Array {
  const n = counts.reduce((a, b) => a + b, 0);
  const out = new Float64Array(counts.length);
  if (n === 0) return out;
  const sigma = scottBandwidth(counts, n);
  for (let centre = 0; centre < counts.length; centre++) {
    if (counts[centre] === 0) continue;
    const kernel = new Float64Array(counts.length);
    let sum = 0;
    for (let g = 0; g < counts.length; g++) {
      const z = (g - centre) / sigma;
      kernel[g] = Math.exp(-0.5 * z * z);
      sum += kernel[g];
    }
    for (let g = 0; g < counts.length; g++) out[g] += (counts[centre] * kernel[g]) / sum;
  }
  return out;
}

/** Scott's rule on binned data: 1.059 min(sd, IQR / 1.34) n^(-1/5), at least MIN_BANDWIDTH bins. */
function scottBandwidth(counts: Float64Array, n: number): number {
  let mean = 0;
  for (let i = 0; i < counts.length; i++) mean += i * counts[i];
  mean /= n;
  let squares = 0;
  for (let i = 0; i < counts.length; i++) squares += counts[i] * (i - mean) ** 2;
  const sd = Math.sqrt(squares / Math.max(1, n - 1));
  const iqr = binQuantile(counts, n, 0.75) - binQuantile(counts, n, 0.25);
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  return Math.max(MIN_BANDWIDTH, 1.059 * spread * n ** -0.2);
}

function binQuantile(counts: Float64Array, n: number, q: number): number {
  const target = q * n;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= target) return i;
  }
  return counts.length - 1;
}
