import { rankWithTies } from "../math/index.js";
import type { TrialRecord } from "../storage/spec.js";
import { configKey } from "./config-key.js";
import { fidelityLevels, type FidelityInput } from "./levels.js";
import { trialsByLevel } from "./trials-by-level.js";

/** How well one level's results predicted another's, over configurations seen at both. */
export interface LevelCorrelation {
  /** The lower level. */
  level: number;
  /** The level predicted (default the top). */
  target: number;
  /** Configurations complete at both levels. */
  pairs: number;
  /** Spearman rank correlation of the first objective across those pairs; null under 3 pairs or when one side is constant. */
  spearman: number | null;
  /** Least-squares map target ≈ intercept + slope * level value; null under 2 pairs or a constant lower level. */
  slope: number | null;
  intercept: number | null;
  /** Standard deviation of the map's residuals (0 with 2 pairs). */
  residualSd: number | null;
}

/**
 * Cross-fidelity agreement (rank transfer): for each level below `target` (default the top),
 * the Spearman rank correlation between the first objective there and at `target`, over
 * configurations complete at both (a configuration run twice at a level counts with its
 * mean), plus a linear map fitted on those pairs. Lets a report say how well low fidelity
 * predicted high fidelity; the `mf` scheduler trusts a level whose correlation is >= 0.3.
 * A fidelity Space is turned into levels with `eta` (default 3): pass the scheduler's own
 * `FidelityLevels` (or the same eta) so the levels match the trials'.
 *
 * @example
 * fidelityCorrelation(study.trials, { examples: int(10, 810) }); // [{ level: 0, target: 4, pairs: 6, spearman: 0.83, ... }, ...]
 */
export function fidelityCorrelation(
  trials: readonly TrialRecord[],
  levels: FidelityInput,
  options: { target?: number; eta?: number } = {},
): LevelCorrelation[] {
  const ladder = fidelityLevels(levels, { eta: options.eta });
  const byLevel = trialsByLevel(trials, ladder);
  const target = options.target ?? ladder.count - 1;
  const means = byLevel.map(meanValueByConfig);
  const out: LevelCorrelation[] = [];
  for (let level = 0; level < target; level++) {
    const [xs, ys] = pairedValues(means[level], means[target]);
    out.push({ level, target, pairs: xs.length, spearman: spearman(xs, ys), ...linearFit(xs, ys) });
  }
  return out;
}

/** The values of the keys both maps hold, as two parallel lists (a's value, b's value), in a's key order. */
export function pairedValues<K>(a: ReadonlyMap<K, number>, b: ReadonlyMap<K, number>): [number[], number[]] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [key, x] of a) {
    const y = b.get(key);
    if (y !== undefined) {
      xs.push(x);
      ys.push(y);
    }
  }
  return [xs, ys];
}

/** Mean first-objective value of each configuration's complete trials at one level. */
function meanValueByConfig(trials: readonly TrialRecord[]): Map<string, number> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const trial of trials) {
    const value = trial.state === "complete" ? trial.values?.[0] : undefined;
    if (value === undefined || !Number.isFinite(value)) continue;
    const key = configKey(trial.config);
    const entry = sums.get(key) ?? { sum: 0, count: 0 };
    entry.sum += value;
    entry.count++;
    sums.set(key, entry);
  }
  return new Map([...sums].map(([key, { sum, count }]) => [key, sum / count]));
}

/** Spearman's rho: Pearson correlation of the ranks (ties averaged); null under 3 pairs or for a constant side. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length < 3) return null;
  return pearson(rankWithTies(xs), rankWithTies(ys));
}

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (!(sxx > 0) || !(syy > 0)) return null;
  return sxy / Math.sqrt(sxx * syy);
}

function linearFit(xs: readonly number[], ys: readonly number[]): { slope: number | null; intercept: number | null; residualSd: number | null } {
  const n = xs.length;
  if (n < 2) return { slope: null, intercept: null, residualSd: null };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  if (!(sxx > 0)) return { slope: null, intercept: null, residualSd: null };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (ys[i] - intercept - slope * xs[i]) ** 2;
  return { slope, intercept, residualSd: n > 2 ? Math.sqrt(squares / (n - 2)) : 0 };
}
