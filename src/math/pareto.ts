/**
 * Pareto maths on loss vectors: every objective is minimized (callers negate maximized
 * objectives first). Knows nothing of studies or trials.
 */

/** True when `a` is no worse than `b` everywhere and better somewhere. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

/** Indices of the non-dominated points (duplicates of a front point are all kept). */
export function paretoFrontIndices(points: readonly (readonly number[])[]): number[] {
  const front: number[] = [];
  for (let i = 0; i < points.length; i++) {
    let dominated = false;
    for (let j = 0; j < points.length && !dominated; j++) {
      if (j !== i && dominates(points[j], points[i])) dominated = true;
    }
    if (!dominated) front.push(i);
  }
  return front;
}

/** Fast non-dominated sort (Deb et al. 2002): returns fronts of indices, best first. */
export function nondominatedSort(points: readonly (readonly number[])[]): number[][] {
  const n = points.length;
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  const dominationCount = new Array<number>(n).fill(0);
  const fronts: number[][] = [[]];
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if (dominates(points[p], points[q])) {
        dominatedBy[p].push(q);
        dominationCount[q]++;
      } else if (dominates(points[q], points[p])) {
        dominatedBy[q].push(p);
        dominationCount[p]++;
      }
    }
  }
  for (let p = 0; p < n; p++) if (dominationCount[p] === 0) fronts[0].push(p);
  let i = 0;
  while (fronts[i].length > 0) {
    const next: number[] = [];
    for (const p of fronts[i]) {
      for (const q of dominatedBy[p]) {
        if (--dominationCount[q] === 0) next.push(q);
      }
    }
    i++;
    fronts.push(next);
  }
  fronts.pop();
  return fronts;
}
