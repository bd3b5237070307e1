import { hypervolumeGain } from "./hypervolume.js";

/**
 * Greedy hypervolume subset selection: picks `size` of the points (losses, minimized),
 * each time the one that adds the most hypervolume to those already picked. A
 * (1 - 1/e)-approximation of the best subset (Guerreiro, Fonseca & Paquete 2016, "Greedy
 * hypervolume subset selection in low dimensions"); ties go to the lower index.
 * Returns indices into `points`, in the order picked.
 *
 * @example
 * greedyHypervolumeSubset([[1, 3], [2, 2], [3, 1]], 2, [4, 4]); // [1, 0]
 */
export function greedyHypervolumeSubset(
  points: readonly ArrayLike<number>[],
  size: number,
  reference: ArrayLike<number>,
): number[] {
  const count = Math.min(Math.max(0, Math.floor(size)), points.length);
  const picked: number[] = [];
  const pickedPoints: ArrayLike<number>[] = [];
  const taken = new Uint8Array(points.length);
  // Gains only shrink as the set grows (submodularity): a stale gain is an upper bound,
  // so a point whose fresh gain still beats every other bound is the greedy choice.
  const bound = points.map((p) => hypervolumeGain(p, [], reference));
  const fresh = new Uint8Array(points.length).fill(1);
  while (picked.length < count) {
    for (;;) {
      let best = -1;
      for (let i = 0; i < points.length; i++) {
        if (!taken[i] && (best < 0 || bound[i] > bound[best])) best = i;
      }
      if (fresh[best]) {
        taken[best] = 1;
        picked.push(best);
        pickedPoints.push(points[best]);
        fresh.fill(0);
        break;
      }
      bound[best] = hypervolumeGain(points[best], pickedPoints, reference);
      fresh[best] = 1;
    }
  }
  return picked;
}
