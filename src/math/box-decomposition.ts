/**
 * The region a set of loss vectors (every objective minimized) does not dominate, below a
 * reference point, cut into disjoint axis-aligned boxes. The hypervolume a new point y adds
 * is then Σ over boxes of Π_j max(0, uⱼ - max(yⱼ, lⱼ)), which is what expected hypervolume
 * improvement integrates box by box. Knows nothing of studies or trials.
 */

/** Disjoint boxes [lower, upper) of `m` objectives, row-major; a lower bound may be -Infinity. */
export interface BoxDecomposition {
  m: number;
  count: number;
  lower: Float64Array;
  upper: Float64Array;
}

type Point = readonly number[];

interface Box {
  lower: number[];
  upper: number[];
}

/**
 * The part of {z < reference} that no point of `points` weakly dominates, as disjoint boxes.
 * Slices along the last objective where the front of the others changes and recurses on
 * them, so two objectives give one box per front point plus one, three objectives at most
 * (n + 1)(n + 2) / 2 and usually far fewer. Points not strictly inside the reference are
 * left out; duplicates and dominated points change nothing.
 *
 * @example
 * nonDominatedBoxes([[1, 2], [2, 1]], [3, 3]);
 * // 3 boxes: (-∞, 3) × (-∞, 1), (-∞, 2) × [1, 2), (-∞, 1) × [2, 3)
 */
export function nonDominatedBoxes(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): BoxDecomposition {
  const ref = Array.from(reference);
  const m = ref.length;
  const inside: Point[] = [];
  for (const p of points) {
    let ok = true;
    for (let k = 0; k < m && ok; k++) ok = p[k] < ref[k];
    if (ok) inside.push(Array.from(p));
  }
  const boxes = decompose(inside, ref);
  const lower = new Float64Array(boxes.length * m);
  const upper = new Float64Array(boxes.length * m);
  boxes.forEach((box, b) => {
    lower.set(box.lower, b * m);
    upper.set(box.upper, b * m);
  });
  return { m, count: boxes.length, lower, upper };
}

/** Boxes of the region below `ref` not weakly dominated by `points` (all strictly inside). */
function decompose(points: readonly Point[], ref: readonly number[]): Box[] {
  const m = ref.length;
  if (points.length === 0) return [{ lower: new Array<number>(m).fill(-Infinity), upper: ref.slice() }];
  if (m === 1) return [{ lower: [-Infinity], upper: [Math.min(...points.map((p) => p[0]))] }];
  const k = m - 1;
  const sorted = [...points].sort((p, q) => p[k] - q[k]);
  const boxes: Box[] = [];
  const sliceRef = ref.slice(0, k);
  let front: Point[] = [];
  let sliceLower = -Infinity;
  // Between two values of the last objective where the others' front changes, the region is
  // that front's region times the interval; a point whose projection is dominated extends it.
  const emit = (sliceUpper: number) => {
    if (!(sliceUpper > sliceLower)) return;
    for (const box of decompose(front, sliceRef)) boxes.push({ lower: [...box.lower, sliceLower], upper: [...box.upper, sliceUpper] });
  };
  for (const p of sorted) {
    const projection = p.slice(0, k);
    if (front.some((q) => weaklyDominates(q, projection))) continue;
    emit(p[k]);
    front = front.filter((q) => !weaklyDominates(projection, q));
    front.push(projection);
    sliceLower = Math.max(sliceLower, p[k]);
  }
  emit(ref[k]);
  return boxes;
}

/** a <= b in every objective. */
function weaklyDominates(a: Point, b: Point): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] > b[k]) return false;
  return true;
}
