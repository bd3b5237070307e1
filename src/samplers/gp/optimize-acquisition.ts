import type { Rng } from "../../math/index.js";
import { SOBOL_MAX_DIMENSION, SobolSequence } from "../qmc/index.js";
import type { Acquisition } from "./acquisition.js";
import { LocalSearch } from "./local-search.js";
import type { SearchBox } from "./search-box.js";

export interface OptimizeAcquisitionOptions {
  acquisition: Acquisition;
  box: SearchBox;
  /** Seeds the Sobol candidates and draws the local-search starts. */
  rng: Rng;
  /** Candidates scored before the local search (default 1024). */
  candidates?: number;
  /** Local searches, counting the best candidate and `starts` (default 10). */
  localSearches?: number;
  /** Extra local-search starts, e.g. the best observed point. */
  starts?: readonly Float64Array[];
  /**
   * Lengthscale of each coordinate, to precondition the gradient steps: continuous
   * coordinates are optimized in units of their lengthscale (default 1 everywhere).
   */
  lengthscales?: Float64Array;
}

export interface AcquisitionOptimum {
  point: Float64Array;
  value: number;
}

/**
 * Maximizes an acquisition function over a mixed box, as Optuna's `_gp.optim_mixed` does:
 * scores scrambled-Sobol candidates (legalized, so every one is a configuration), then runs a
 * local search from the best candidate, from candidates picked by a roulette on
 * exp(value - best), and from the given starts. Every point evaluated is legal.
 */
export function optimizeAcquisition(options: OptimizeAcquisitionOptions): AcquisitionOptimum {
  const { acquisition, box, rng } = options;
  const d = box.dimensions.length;
  const count = Math.max(1, options.candidates ?? 1024);
  const candidates = sobolCandidates(count, d, rng);
  for (let k = 0; k < count; k++) box.legalize(candidates.subarray(k * d, (k + 1) * d));
  const scores = new Float64Array(count);
  acquisition.values(candidates, count, scores);
  for (let k = 0; k < count; k++) if (Number.isNaN(scores[k])) scores[k] = -Infinity;

  const starts = options.starts ?? [];
  const picks = pickStarts(scores, Math.max(1, (options.localSearches ?? 10) - starts.length), rng);
  let best: AcquisitionOptimum = { point: candidates.slice(picks[0] * d, (picks[0] + 1) * d), value: scores[picks[0]] };
  const search = new LocalSearch(acquisition, box, options.lengthscales ?? new Float64Array(d).fill(1));
  const runs = [
    ...picks.map((k) => ({ x: candidates.slice(k * d, (k + 1) * d), value: scores[k] })),
    ...starts.map((start) => {
      const x = Float64Array.from(start);
      box.legalize(x);
      return { x, value: acquisition.value(x) };
    }),
  ];
  for (const run of runs) {
    const result = search.run(run.x, Number.isNaN(run.value) ? -Infinity : run.value);
    if (result.value > best.value) best = { point: result.x, value: result.value };
  }
  return best;
}

/** `count` points of a scrambled Sobol sequence seeded from `rng` (uniform draws past its table). */
function sobolCandidates(count: number, d: number, rng: Rng): Float64Array {
  const sobolDimensions = Math.min(d, SOBOL_MAX_DIMENSION);
  const sequence = new SobolSequence({ dimensions: sobolDimensions, scramble: true, seed: rng.uint32() });
  const points = new Float64Array(count * d);
  for (let k = 0; k < count; k++) {
    points.set(sequence.point(k), k * d);
    for (let c = sobolDimensions; c < d; c++) points[k * d + c] = rng.random();
  }
  return points;
}

/**
 * The index of the best score, then up to `total - 1` others drawn without replacement
 * with probability ∝ exp(score - best): many when the acquisition is flat, few once it
 * has a clear peak.
 */
function pickStarts(scores: Float64Array, total: number, rng: Rng): number[] {
  let bestIndex = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k] > scores[bestIndex]) bestIndex = k;
  const picks = [bestIndex];
  const top = scores[bestIndex];
  if (top === -Infinity) return picks;
  const weights = Float64Array.from(scores, (score) => Math.exp(score - top));
  weights[bestIndex] = 0;
  while (picks.length < total) {
    let sum = 0;
    for (let k = 0; k < weights.length; k++) sum += weights[k];
    if (!(sum > 0)) break;
    let target = rng.random() * sum;
    let chosen = -1;
    for (let k = 0; k < weights.length; k++) {
      if (weights[k] === 0) continue;
      chosen = k;
      target -= weights[k];
      if (target < 0) break;
    }
    picks.push(chosen);
    weights[chosen] = 0;
  }
  return picks;
}
