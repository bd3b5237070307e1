import type { Rng } from "../../math/index.js";
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
  /** Size of the good group for n ranked trials (used for branch splits). */
  gamma: (n: number) => number;
}

/**
 * One TPE step: for each group of coordinates, fits l(x) on the good trials and g(x) on
 * the others (each on the trials where the whole group is active), draws candidates from
 * l and keeps the one with the largest log l(x) - log g(x). Returns a coordinate for
 * every parameter, in domain order.
 *
 * A group flagged in `branchGroups` (the parameters of one branch of a conditional space)
 * is split by its own trials' ranks when the split carries a ranking (see branchSplit).
 */
export function proposeCoordinates(
  history: TrialCoordinates,
  globalSplit: TrialSplit,
  groups: readonly (readonly number[])[],
  options: ProposeOptions,
  rng: Rng,
  branchGroups?: readonly boolean[],
): Float64Array {
  const result = new Float64Array(history.domains.length).fill(NaN);
  for (let k = 0; k < groups.length; k++) {
    const group = groups[k];
    const split = branchGroups?.[k] && globalSplit.ranking ? branchSplit(history, globalSplit, group, options.gamma) : globalSplit;
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

/**
 * The split of one branch's trials by their own ranks. Ranked globally, a branch whose
 * trials all score worse than another branch's gets no good trials, and its parameters
 * are then drawn from the prior however often it is tried; split by its own ranks, its
 * parameters are modelled around the branch's best trials, so a branch with a lower
 * floor that is harder to descend is descended when it is tried.
 */
function branchSplit(history: TrialCoordinates, split: TrialSplit, group: readonly number[], gamma: (n: number) => number): TrialSplit {
  const active = (n: number) => group.every((j) => !Number.isNaN(history.value(n, j)));
  const ranking = split.ranking as Int32Array;
  const ranked = Array.from(ranking).filter(active);
  const good = Math.min(ranked.length, Math.max(0, Math.floor(gamma(ranked.length))));
  const isRanked = new Set(ranking);
  // Under constant liar the global split's `above` also holds the trials in flight.
  const inFlight = Array.from(split.above).filter((n) => !isRanked.has(n) && active(n));
  return {
    ranked: ranked.length,
    below: Int32Array.from(ranked.slice(0, good)).sort(),
    above: Int32Array.from([...ranked.slice(good), ...inFlight]).sort(),
    belowWeights: null,
    ranking: null,
  };
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
