/**
 * Indices of the points no other point dominates, both coordinates minimized: a sort and
 * one sweep, O(n log n), for the pairwise Pareto plots of large studies.
 */
export function paretoFront2d(points: readonly (readonly [number, number])[]): number[] {
  const order = points.map((_, i) => i).sort((i, j) => points[i][0] - points[j][0] || points[i][1] - points[j][1]);
  const front: number[] = [];
  let bestY = Infinity;
  let lastX = NaN;
  let lastY = NaN;
  for (const i of order) {
    const [x, y] = points[i];
    if (y < bestY || (x === lastX && y === lastY)) {
      front.push(i);
      bestY = Math.min(bestY, y);
      lastX = x;
      lastY = y;
    }
  }
  return front;
}
