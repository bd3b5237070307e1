import { greedyHypervolumeSubset } from "../../math/hypervolume-subset.js";
import { stableOrder } from "./stable-order.js";

/**
 * MOTPE's hypervolume work for two objectives, the common case, without sorting or
 * allocating per evaluation: greedy subset selection and exclusive contributions. Each
 * returns exactly what `greedyHypervolumeSubset` and `hypervolumeContributions` (in
 * src/math) return, to the last bit: a gain adds the same strips in the same order as
 * their sweep, and the greedy loop is theirs.
 */

type Point = readonly number[];

/**
 * The hypervolume `p` adds to the points `order[0 .. length)` (indices into `points`,
 * sorted by first then second loss), leaving out index `skip`: its box minus the boxes of
 * max(p, q) for each q, swept by increasing first loss as the 2-D sweep does.
 */
function gain(p: Point, points: readonly Point[], order: ArrayLike<number>, length: number, skip: number, reference: Point): number {
  const [p0, p1] = p;
  const [r0, r1] = reference;
  // The box volume, as the generic code multiplies it (1 · side0 · side1).
  const side0 = r0 - p0;
  const side1 = r1 - p1;
  if (!(side0 > 0) || !(side1 > 0)) return 0;
  const own = side0 * side1;
  if (own === 0) return 0;
  let area = 0;
  let bestY = r1;
  let i = 0;
  // Every q with q0 <= p0 is clipped to first loss p0: they sort first, and only the
  // lowest clipped second loss among them can open a strip.
  let lowest = Infinity;
  for (; i < length; i++) {
    const q = points[order[i]];
    if (q[0] > p0) break;
    if (order[i] === skip) continue;
    const y = p1 > q[1] ? p1 : q[1];
    if (y < lowest) lowest = y;
  }
  if (lowest < bestY) {
    area += side0 * (bestY - lowest);
    bestY = lowest;
  }
  // The rest keep their first loss; sorted by it, and by second loss among equals (which
  // clipping at p1 keeps in order). Points at or past the reference are left out.
  for (; i < length; i++) {
    const q = points[order[i]];
    if (!(q[0] < r0)) break;
    if (order[i] === skip) continue;
    const y = p1 > q[1] ? p1 : q[1];
    if (y < bestY) {
      area += (r0 - q[0]) * (bestY - y);
      bestY = y;
    }
  }
  return Math.max(0, own - area);
}

function lessByLosses(points: readonly Point[]): (a: number, b: number) => boolean {
  return (a, b) => points[a][0] < points[b][0] || (points[a][0] === points[b][0] && points[a][1] < points[b][1]);
}

/** `hypervolumeContributions` for two objectives: each point's gain over all the others. */
export function contributions2d(points: readonly Point[], reference: Point): number[] {
  const order = stableOrder(points.length, lessByLosses(points));
  return points.map((p, i) => gain(p, points, order, order.length, i, reference));
}

/**
 * `greedyHypervolumeSubset` for two objectives: picks `size` points, each time the one
 * adding the most hypervolume (ties to the lower index), with the same lazy re-evaluation
 * of stale gains; the largest bound is found in a heap rather than by a scan. Returns
 * indices in the order picked.
 */
export function greedySubset2d(points: readonly Point[], size: number, reference: Point): number[] {
  const n = points.length;
  const count = Math.min(Math.max(0, Math.floor(size)), n);
  // The picked points' indices, kept sorted by losses for the sweep.
  const sorted: number[] = [];
  const bound = new Float64Array(n);
  for (let i = 0; i < n; i++) bound[i] = gain(points[i], points, sorted, 0, -1, reference);
  // Huge losses can overflow a box to Infinity and a gain to NaN, where a heap and a
  // scan would disagree: leave those to the generic code.
  if (!bound.every(Number.isFinite)) return greedyHypervolumeSubset(points, size, reference);
  const less = lessByLosses(points);
  // Max-heap of the points not picked, by bound and then lower index: its top is the
  // point the generic scan finds.
  const heap = new Int32Array(n);
  for (let i = 0; i < n; i++) heap[i] = i;
  let heapSize = n;
  const above = (a: number, b: number) => bound[a] > bound[b] || (bound[a] === bound[b] && a < b);
  const siftDown = (from: number) => {
    const item = heap[from];
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heapSize) break;
      if (child + 1 < heapSize && above(heap[child + 1], heap[child])) child++;
      if (!above(heap[child], item)) break;
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = item;
  };
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(i);
  const picked: number[] = [];
  const fresh = new Uint8Array(n).fill(1);
  while (picked.length < count) {
    for (;;) {
      const best = heap[0];
      if (fresh[best]) {
        picked.push(best);
        heap[0] = heap[--heapSize];
        siftDown(0);
        let at = sorted.length;
        while (at > 0 && less(best, sorted[at - 1])) at--;
        sorted.splice(at, 0, best);
        fresh.fill(0);
        break;
      }
      // Only the top changes, so sifting it down restores the heap.
      bound[best] = gain(points[best], points, sorted, sorted.length, -1, reference);
      fresh[best] = 1;
      siftDown(0);
    }
  }
  return picked;
}
