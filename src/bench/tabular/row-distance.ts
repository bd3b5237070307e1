/**
 * Exact squared Euclidean distances between a query point and rows of a row-major
 * Float64Array. Every exact distance of the nearest-row search comes from `squaredDistance`,
 * which sums in one fixed order (blocks of four coordinates, each block summed left to right
 * and added to the total, then the leftover coordinates one by one), so a distance is the same
 * float whichever path asked for it: answers, ties included, do not depend on the path.
 */

/** Squared distance of the row starting at `base` to `q`, summed in the order described above. */
export function squaredDistance(points: Float64Array, base: number, width: number, q: Float64Array): number {
  const blocks = width & ~3;
  let d = 0;
  let j = 0;
  for (; j < blocks; j += 4) {
    const t0 = points[base + j] - q[j];
    const t1 = points[base + j + 1] - q[j + 1];
    const t2 = points[base + j + 2] - q[j + 2];
    const t3 = points[base + j + 3] - q[j + 3];
    d += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
  }
  for (; j < width; j++) {
    const t = points[base + j] - q[j];
    d += t * t;
  }
  return d;
}

/**
 * The row nearest to `q` among the first `count` indices of `candidates` (ascending, repeats
 * allowed): the smallest distance, the smallest index on ties.
 */
export function nearestAmong(points: Float64Array, width: number, q: Float64Array, candidates: Int32Array, count: number): number {
  let bestIndex = candidates[0];
  let bestDistance = squaredDistance(points, bestIndex * width, width, q);
  for (let k = 1; k < count; k++) {
    const index = candidates[k];
    const d = squaredDistance(points, index * width, width, q);
    // Ascending candidates: a later one wins only when strictly nearer.
    if (d < bestDistance) {
      bestDistance = d;
      bestIndex = index;
    }
  }
  return bestIndex;
}

/** The row nearest to `q` among the first `rows` rows (the earliest on ties; 0 when there is none). */
export function nearestOfAll(points: Float64Array, width: number, rows: number, q: Float64Array): number {
  let bestIndex = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < rows; i++) {
    const d = squaredDistance(points, i * width, width, q);
    if (d < bestDistance) {
      bestDistance = d;
      bestIndex = i;
    }
  }
  return bestIndex;
}
