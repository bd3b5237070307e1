import { hypervolumeContributions } from "../../math/hypervolume.js";
import { greedyHypervolumeSubset } from "../../math/hypervolume-subset.js";
import { dominates } from "../../math/pareto.js";

/**
 * MOTPE's pieces (Ozaki et al. 2020/2022, as in Optuna): which trials are good when there
 * are several objectives, and how much each good trial weighs. Works on loss vectors.
 */

const EPS = 1e-12;

/**
 * Picks `count` of the loss vectors: whole non-dominated fronts, best first, while they
 * fit, then from the first front that does not fit the subset of largest hypervolume
 * (greedy). Returns indices into `losses`.
 */
export function selectGoodByPareto(losses: readonly number[][], count: number): number[] {
  const selected: number[] = [];
  // Lexicographic order: whatever dominates a point comes before it.
  let remaining = losses.map((_, i) => i).sort((a, b) => compareLexicographic(losses[a], losses[b]) || a - b);
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
    const picked = greedyHypervolumeSubset(points, room, referencePoint(points));
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
  const contributions = hypervolumeContributions(losses, referencePoint(losses));
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

function compareLexicographic(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}
