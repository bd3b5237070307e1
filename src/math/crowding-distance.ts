/**
 * Crowding distance of NSGA-II (Deb et al. 2002, section III-B): how much room a point has
 * on its front. Pure maths on loss vectors; knows nothing of trials.
 */

/**
 * The crowding distance of each point of one front: for every objective, the points are
 * sorted and each interior point adds the gap between its two neighbours divided by the
 * objective's range; the extreme points of any objective get Infinity. An objective on which
 * all points are equal is skipped (it marks no extremes). Fronts of one or two points are all
 * Infinity. Ties are sorted by index, so the result is deterministic.
 *
 * @example
 * crowdingDistance([[0, 4], [1, 2], [4, 0]]); // [Infinity, (4/4) + (4/4) = 2, Infinity]
 */
export function crowdingDistance(points: readonly (readonly number[])[]): number[] {
  const n = points.length;
  const distance = new Array<number>(n).fill(0);
  if (n <= 2) return distance.fill(Infinity);
  const objectives = points[0].length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let m = 0; m < objectives; m++) {
    order.sort((i, j) => points[i][m] - points[j][m] || i - j);
    const low = points[order[0]][m];
    const high = points[order[n - 1]][m];
    const range = high - low;
    // A constant objective says nothing about spacing: it neither crowds nor marks extremes.
    if (!(range > 0)) continue;
    distance[order[0]] = Infinity;
    distance[order[n - 1]] = Infinity;
    if (!Number.isFinite(range)) continue;
    for (let k = 1; k < n - 1; k++) {
      distance[order[k]] += (points[order[k + 1]][m] - points[order[k - 1]][m]) / range;
    }
  }
  return distance;
}
