import type { Rng } from "../../math/rng.js";
import { defaultWeights } from "./gamma-and-weights.js";
import type { ParamDomain } from "./param-domain.js";
import { ParzenEstimator, type ParzenOptions } from "./parzen-estimator.js";
import type { TrialSplit } from "./split-trials.js";

/** Model coordinates of past trials: coordinate j of trial `number`, NaN when inactive. */
export interface TrialCoordinates {
  readonly domains: readonly ParamDomain[];
  value(number: number, j: number): number;
}

export interface ProposeOptions extends ParzenOptions {
  candidates: number;
}

/**
 * One TPE step: for each group of coordinates, fits l(x) on the good trials and g(x) on
 * the others (each on the trials where the whole group is active), draws candidates from
 * l and keeps the one with the largest log l(x) - log g(x). Returns a coordinate for
 * every parameter, in domain order.
 */
export function proposeCoordinates(
  history: TrialCoordinates,
  split: TrialSplit,
  groups: readonly (readonly number[])[],
  options: ProposeOptions,
  rng: Rng,
): Float64Array {
  const result = new Float64Array(history.domains.length).fill(NaN);
  for (const group of groups) {
    const domains = group.map((j) => history.domains[j]);
    const below = gather(history, split.below, group);
    const above = gather(history, split.above, group);
    const belowWeights = split.belowWeights
      ? Float64Array.from(below.rows, (i) => (split.belowWeights as Float64Array)[i])
      : defaultWeights(below.count);
    const good = new ParzenEstimator(domains, below.values, below.count, belowWeights, options);
    const bad = new ParzenEstimator(domains, above.values, above.count, defaultWeights(above.count), options);
    const samples = good.sample(rng, options.candidates);
    const logGood = good.logPdf(samples, options.candidates);
    const logBad = bad.logPdf(samples, options.candidates);
    let best = 0;
    let bestScore = -Infinity;
    for (let i = 0; i < options.candidates; i++) {
      const score = logGood[i] - logBad[i];
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    group.forEach((j, g) => {
      result[j] = samples[best * group.length + g];
    });
  }
  return result;
}

/** The rows (row-major) of the trials, in the given order, where every coordinate of the group is active. */
function gather(history: TrialCoordinates, numbers: ArrayLike<number>, group: readonly number[]): { values: Float64Array; count: number; rows: number[] } {
  const width = group.length;
  const values = new Float64Array(numbers.length * width);
  const rows: number[] = [];
  let count = 0;
  outer: for (let i = 0; i < numbers.length; i++) {
    const base = count * width;
    for (let g = 0; g < width; g++) {
      const x = history.value(numbers[i], group[g]);
      if (Number.isNaN(x)) continue outer;
      values[base + g] = x;
    }
    rows.push(i);
    count++;
  }
  return { values, count, rows };
}
