import { nonDominatedBoxes, type BoxDecomposition } from "../../math/index.js";
import { greedyHypervolumeSubset } from "../../math/hypervolume-subset.js";
import { hypervolumeContributions } from "../../math/index.js";
import { paretoFrontIndices } from "../../math/index.js";

/** Where log EHVI measures improvement from: the current front cut into boxes. */
export interface HypervolumeFront {
  boxes: BoxDecomposition;
  /** Rows on the front (the subset kept, beyond three objectives), largest hypervolume contribution first. */
  rows: number[];
}

/**
 * Up to three objectives the front is used whole (log EHVI is exact); beyond, the boxes grow
 * too fast with its size, and this many points picked by greedy hypervolume subset selection
 * stand for it (an approximation: the improvement over a subset is an upper bound).
 */
export const MAX_FRONT_BEYOND_THREE = 12;

/**
 * The front of the feasible rows of `losses` (n rows of m, every objective minimized) and the
 * boxes of what it does not dominate below the reference point: the worst loss seen in any
 * row, pushed out by a tenth of its size (as Optuna's GPSampler), so that the points at the
 * edge of the front still count. Null when no row is feasible.
 */
export function hypervolumeFront(losses: readonly Float64Array[], feasible: ArrayLike<number>): HypervolumeFront | null {
  const m = losses[0]?.length ?? 0;
  const reference = new Float64Array(m).fill(-Infinity);
  for (const row of losses) for (let j = 0; j < m; j++) reference[j] = Math.max(reference[j], row[j]);
  for (let j = 0; j < m; j++) reference[j] = Math.max(1.1 * reference[j], 0.9 * reference[j]) + 1e-9;
  const candidates = losses.flatMap((_, i) => (feasible[i] ? [i] : []));
  if (candidates.length === 0) return null;
  let rows = paretoFrontIndices(candidates.map((i) => Array.from(losses[i]))).map((k) => candidates[k]);
  if (m > 3 && rows.length > MAX_FRONT_BEYOND_THREE) {
    rows = greedyHypervolumeSubset(rows.map((i) => losses[i]), MAX_FRONT_BEYOND_THREE, reference).map((k) => rows[k]);
  }
  const points = rows.map((i) => losses[i]);
  const contributions = hypervolumeContributions(points, reference);
  const order = rows.map((_, k) => k).sort((a, b) => contributions[b] - contributions[a] || rows[a] - rows[b]);
  return { boxes: nonDominatedBoxes(points, reference), rows: order.map((k) => rows[k]) };
}
