/**
 * Hypervolume of loss vectors (every objective minimized): the measure of the region
 * dominated by the points and bounded above by a reference point. Exact, by a sweep in
 * two dimensions and by WFG (While, Bradstreet & Barone 2012) in more; meant for fronts of
 * tens to a few hundred points. Knows nothing of studies or trials.
 */

type Point = readonly number[];

/**
 * The hypervolume of `points` with respect to `reference`. A point that is not strictly
 * better than the reference in every objective adds nothing.
 *
 * @example
 * hypervolume([[1, 2], [2, 1]], [3, 3]); // 3
 */
export function hypervolume(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): number {
  const ref = Array.from(reference);
  return volume(inside(points, ref), ref);
}

/**
 * Each point's exclusive contribution: how much the hypervolume shrinks when that point
 * alone is removed. Dominated points, duplicated points and points outside the reference
 * contribute 0.
 *
 * @example
 * hypervolumeContributions([[1, 2], [2, 1]], [3, 3]); // [1, 1]
 */
export function hypervolumeContributions(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): number[] {
  const ref = Array.from(reference);
  const all = points.map((p) => (Array.isArray(p) ? (p as Point) : Array.from(p)));
  return all.map((p, i) => {
    const own = boxVolume(p, ref);
    if (own === 0) return 0;
    const limited: number[][] = [];
    for (let j = 0; j < all.length; j++) if (j !== i) limited.push(worseOf(p, all[j]));
    return Math.max(0, own - volume(inside(limited, ref), ref));
  });
}

/**
 * The hypervolume a point adds to a set: its own box minus what the set already covers
 * of it. Used by greedy subset selection.
 */
export function hypervolumeGain(point: ArrayLike<number>, set: readonly ArrayLike<number>[], reference: ArrayLike<number>): number {
  const ref = Array.from(reference);
  const p = Array.isArray(point) ? (point as Point) : Array.from(point);
  const own = boxVolume(p, ref);
  if (own === 0) return 0;
  const limited = set.map((q) => worseOf(p, Array.isArray(q) ? (q as Point) : Array.from(q)));
  return Math.max(0, own - volume(inside(limited, ref), ref));
}

/** Hypervolume of points strictly inside the reference, dominated ones allowed. */
function volume(points: readonly Point[], ref: Point): number {
  // The 2-D sweep skips dominated points itself; WFG wants a non-dominated set.
  return ref.length === 2 ? sweep2d(points, ref) : wfg(nondominated(points), ref);
}

/** Volume of the box between a point and the reference (0 if the point is not inside). */
function boxVolume(p: Point, ref: Point): number {
  let volume = 1;
  for (let k = 0; k < ref.length; k++) {
    const side = ref[k] - p[k];
    if (!(side > 0)) return 0;
    volume *= side;
  }
  return volume;
}

function worseOf(p: Point, q: Point): number[] {
  const out = new Array<number>(p.length);
  for (let k = 0; k < p.length; k++) out[k] = p[k] > q[k] ? p[k] : q[k];
  return out;
}

/** The points strictly inside the reference (as arrays; never mutated). */
function inside(points: readonly ArrayLike<number>[], ref: Point): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    let ok = true;
    for (let k = 0; k < ref.length && ok; k++) ok = p[k] < ref[k];
    if (ok) out.push(Array.isArray(p) ? (p as Point) : Array.from(p));
  }
  return out;
}

/** Drops weakly dominated points, keeping one copy of duplicates. */
function nondominated(points: readonly Point[]): Point[] {
  const kept: Point[] = [];
  outer: for (let i = 0; i < points.length; i++) {
    const p = points[i];
    for (let j = 0; j < points.length; j++) {
      if (j === i) continue;
      const q = points[j];
      let noWorse = true;
      let better = false;
      for (let k = 0; k < p.length && noWorse; k++) {
        if (q[k] > p[k]) noWorse = false;
        else if (q[k] < p[k]) better = true;
      }
      // q dominates p, or q equals p and comes first.
      if (noWorse && (better || j < i)) continue outer;
    }
    kept.push(p);
  }
  return kept;
}

/** WFG on mutually non-dominated points strictly inside the reference. */
function wfg(points: readonly Point[], ref: Point): number {
  const n = points.length;
  if (n === 0) return 0;
  if (n === 1) return boxVolume(points[0], ref);
  const d = ref.length;
  if (d === 1) return ref[0] - Math.min(...points.map((p) => p[0]));
  if (d === 2) return sweep2d(points, ref);
  // Sorting by the last objective keeps the limit sets small.
  const sorted = [...points].sort((p, q) => p[d - 1] - q[d - 1]);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const p = sorted[k];
    const limited: number[][] = [];
    for (let j = k + 1; j < n; j++) limited.push(worseOf(p, sorted[j]));
    total += boxVolume(p, ref) - wfg(nondominated(limited), ref);
  }
  return total;
}

/** Two objectives: sort by the first, add one strip per new best second objective. */
function sweep2d(points: readonly Point[], ref: Point): number {
  const sorted = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  let bestY = ref[1];
  let area = 0;
  for (const p of sorted) {
    if (p[1] < bestY) {
      area += (ref[0] - p[0]) * (bestY - p[1]);
      bestY = p[1];
    }
  }
  return area;
}
