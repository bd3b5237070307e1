import { hypervolumeContributions } from "../../math/index.js";
import { greedyHypervolumeSubset } from "../../math/hypervolume-subset.js";
import { dominates } from "../../math/index.js";
import { contributions2d, greedySubset2d } from "./hypervolume-2d.js";
import { ascendingOrder, stableOrder } from "./stable-order.js";

/**
 * MOTPE's pieces (Ozaki et al. 2020/2022, as in Optuna): which trials are good when there
 * are several objectives, and how much each good trial weighs. Works on loss vectors.
 */

const EPS = 1e-12;

/**
 * Picks `count` of the loss vectors: whole non-dominated fronts, best first, while they
 * fit, then from the first front that does not fit the subset of largest hypervolume
 * (greedy). Returns indices into `losses` (finite values).
 */
export function selectGoodByPareto(losses: readonly number[][], count: number): number[] {
  const selected: number[] = [];
  // Lexicographic order: whatever dominates a point comes before it.
  let remaining = lexicographicOrder(losses);
  while (selected.length < count && remaining.length > 0) {
    const { front, rest } = peelFront(losses, remaining);
    const room = count - selected.length;
    if (front.length <= room) {
      selected.push(...front);
      remaining = rest;
      continue;
    }
    front.sort((a, b) => a - b);
    const points = front.map((i) => losses[i]);
    const reference = referencePoint(points);
    const picked = reference.length === 2 ? greedySubset2d(points, room, reference) : greedyHypervolumeSubset(points, room, reference);
    for (const p of picked) selected.push(front[p]);
  }
  return selected;
}

/**
 * Weights of the good trials' kernels: each trial's exclusive hypervolume contribution
 * relative to the largest, so the good density favours points that widen the front.
 */
export function hypervolumeWeights(losses: readonly number[][]): Float64Array {
  const n = losses.length;
  if (n <= 1) return new Float64Array(n).fill(1);
  const reference = referencePoint(losses);
  const contributions = reference.length === 2 ? contributions2d(losses, reference) : hypervolumeContributions(losses, reference);
  let max = 0;
  for (const c of contributions) max = Math.max(max, c + EPS);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = Math.min(1, Math.max(0, (contributions[i] + EPS) / max));
  return weights;
}

/** Optuna's reference point: the worst value of each objective pushed out by 10%. */
function referencePoint(points: readonly number[][]): number[] {
  const d = points[0].length;
  const reference = new Array<number>(d);
  for (let k = 0; k < d; k++) {
    let worst = -Infinity;
    for (const p of points) worst = Math.max(worst, p[k]);
    const r = Math.max(1.1 * worst, 0.9 * worst);
    reference[k] = r === 0 ? EPS : r;
  }
  return reference;
}

/** Splits lexicographically sorted indices into the non-dominated ones and the rest. */
function peelFront(losses: readonly number[][], sorted: readonly number[]): { front: number[]; rest: number[] } {
  const front: number[] = [];
  const rest: number[] = [];
  if (losses[sorted[0]].length === 2) {
    // Two objectives: dominated iff an earlier point has a smaller second loss, or the
    // same one with a smaller first loss (an equal point does not dominate).
    let bestSecond = Infinity;
    let firstAtBest = Infinity;
    for (const i of sorted) {
      const [a, b] = losses[i];
      if (b < bestSecond) {
        bestSecond = b;
        firstAtBest = a;
        front.push(i);
      } else if (b === bestSecond && a === firstAtBest) {
        front.push(i);
      } else {
        rest.push(i);
      }
    }
    return { front, rest };
  }
  for (const i of sorted) {
    // Whatever dominates a point comes before it, and is itself dominated by (or is) a front member.
    if (front.some((j) => dominates(losses[j], losses[i]))) rest.push(i);
    else front.push(i);
  }
  return { front, rest };
}

/** Indices of the loss vectors in lexicographic order, equal vectors in index order. */
function lexicographicOrder(losses: readonly number[][]): number[] {
  const n = losses.length;
  const first = new Float64Array(n);
  for (let i = 0; i < n; i++) first[i] = losses[i][0];
  const order = Array.from(ascendingOrder(first));
  // Runs of equal first losses (already in index order) are ordered by the other losses.
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && losses[order[end]][0] === losses[order[start]][0]) end++;
    if (end - start > 1) {
      const run = order.slice(start, end);
      const within = stableOrder(run.length, (a, b) => lexicographicLess(losses[run[a]], losses[run[b]]));
      for (let i = 0; i < run.length; i++) order[start + i] = run[within[i]];
    }
    start = end;
  }
  return order;
}

/** True when `a` comes before `b` in lexicographic order (first differing loss smaller). */
function lexicographicLess(a: readonly number[], b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k];
  return false;
}
