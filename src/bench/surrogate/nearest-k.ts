/** The k nearest points to a query, nearest first. */
export interface Neighbours {
  /** Indices into the point matrix. */
  indices: number[];
  /** Euclidean distances, ascending. */
  distances: number[];
}

/**
 * Brute-force k-nearest-neighbour search over a row-major point matrix (`points[i * width + j]`),
 * with partial-distance pruning against the current k-th distance. `exclude` leaves one point out
 * (leave-one-out residuals). Ties keep the earlier point, so results are deterministic.
 */
export function nearestK(points: Float64Array, width: number, query: ArrayLike<number>, k: number, exclude = -1): Neighbours {
  const n = width === 0 ? 0 : points.length / width;
  const bestD: number[] = [];
  const bestI: number[] = [];
  let bound = Infinity;
  for (let i = 0, base = 0; i < n; i++, base += width) {
    if (i === exclude) continue;
    let d = 0;
    for (let j = 0; j < width; j++) {
      const t = points[base + j] - query[j];
      d += t * t;
      if (d >= bound) break;
    }
    if (d >= bound) continue;
    let at = bestD.length;
    while (at > 0 && bestD[at - 1] > d) at--;
    bestD.splice(at, 0, d);
    bestI.splice(at, 0, i);
    if (bestD.length > k) {
      bestD.pop();
      bestI.pop();
    }
    if (bestD.length === k) bound = bestD[k - 1];
  }
  return { indices: bestI, distances: bestD.map(Math.sqrt) };
}

/**
 * Inverse-distance weights of neighbours (1 / distance), normalized to sum to 1. When some
 * neighbours are at distance 0 (the query is a recorded point), they share the weight equally.
 */
export function inverseDistanceWeights(distances: readonly number[]): number[] {
  const exact = distances.filter((d) => d === 0).length;
  if (exact > 0) return distances.map((d) => (d === 0 ? 1 / exact : 0));
  const raw = distances.map((d) => 1 / d);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}
