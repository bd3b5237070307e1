import type { Config, Space, Value } from "../../space/index.js";
import { FeatureEncoder } from "./features.js";

/**
 * Finds recorded rows for a configuration: an exact match through a hash map of canonical
 * keys first, then the nearest row (squared Euclidean distance over `FeatureEncoder` points,
 * kept in one Float64Array so a scan touches contiguous memory). Ties go to the earliest row,
 * so lookups are deterministic.
 *
 * The nearest-row search visits rows in order of their distance along the coordinate that
 * varies most (sorted once), outward from the query, and stops on a side once that one
 * coordinate's gap alone exceeds the best distance: most rows are never touched.
 */
export class RowIndex {
  readonly encoder: FeatureEncoder;
  /** Row ids (into the caller's row list) in index order. */
  readonly rowIds: readonly number[];
  /** Points of the rows, row-major: `points[i * width + j]`. */
  readonly points: Float64Array;
  private readonly space: Space;
  private readonly byKey = new Map<string, number[]>();
  private readonly query: Float64Array;
  /** The coordinate the search is sorted on, and the row indices sorted by it with their keys. */
  private readonly axis: number;
  private readonly order: Int32Array;
  private readonly keys: Float64Array;

  constructor(space: Space, configs: readonly Config[], rowIds: readonly number[]) {
    this.space = space;
    this.encoder = new FeatureEncoder(space);
    this.rowIds = rowIds;
    const width = this.encoder.width;
    this.points = new Float64Array(rowIds.length * width);
    this.query = new Float64Array(width);
    rowIds.forEach((rowId, i) => {
      const config = configs[rowId];
      this.encoder.encode(config, this.points.subarray(i * width, (i + 1) * width));
      const key = this.key(config);
      const group = this.byKey.get(key);
      if (group) group.push(rowId);
      else this.byKey.set(key, [rowId]);
    });
    this.axis = widestCoordinate(this.points, width, rowIds.length);
    const key = (i: number) => this.points[i * width + this.axis];
    this.order = Int32Array.from(rowIds.keys()).sort((a, b) => key(a) - key(b) || a - b);
    this.keys = Float64Array.from(this.order, key);
  }

  get size(): number {
    return this.rowIds.length;
  }

  /** Rows recorded with exactly this configuration (several when the table repeats a run), or undefined. */
  exact(config: Config): readonly number[] | undefined {
    return this.byKey.get(this.key(config));
  }

  /** The row nearest to `config`. */
  nearest(config: Config): number {
    const q = this.encoder.encode(config, this.query);
    return this.rowIds[this.nearestIndex(q)];
  }

  /** Index (into `rowIds`) of the row nearest to the point `q` (the earliest row on ties). */
  nearestIndex(q: Float64Array): number {
    const n = this.rowIds.length;
    const keys = this.keys;
    const target = q[this.axis];
    // First sorted position with key >= target; scan down from `lo` and up from `hi`.
    let hi = lowerBound(keys, target);
    let lo = hi - 1;
    let best = Infinity;
    let bestIndex = 0;
    while (lo >= 0 || hi < n) {
      const gapLo = lo >= 0 ? target - keys[lo] : Infinity;
      const gapHi = hi < n ? keys[hi] - target : Infinity;
      const takeLo = gapLo <= gapHi;
      const gap = takeLo ? gapLo : gapHi;
      // Every row further along the axis is at least gap^2 away (strictly more: equal ones may win a tie).
      if (gap * gap > best) break;
      const i = this.order[takeLo ? lo-- : hi++];
      const d = this.distanceUpTo(i, q, best);
      if (d < best || (d === best && i < bestIndex)) {
        best = d;
        bestIndex = i;
      }
    }
    return bestIndex;
  }

  /** Squared distance of row `i` to `q`, or some value > `bound` as soon as it must exceed it. */
  private distanceUpTo(i: number, q: Float64Array, bound: number): number {
    const width = this.encoder.width;
    const points = this.points;
    const base = i * width;
    const blocks = width & ~3;
    let d = 0;
    let j = 0;
    // Four coordinates at a time, stopping once this row cannot beat (or tie) the bound.
    for (; j < blocks; j += 4) {
      const t0 = points[base + j] - q[j];
      const t1 = points[base + j + 1] - q[j + 1];
      const t2 = points[base + j + 2] - q[j + 2];
      const t3 = points[base + j + 3] - q[j + 3];
      d += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
      if (d > bound) return d;
    }
    for (; j < width; j++) {
      const t = points[base + j] - q[j];
      d += t * t;
    }
    return d;
  }

  /** A string equal for equal configurations (values of the space's parameters in order). */
  private key(config: Config): string {
    let key = "";
    for (const name of this.space.names) key += keyPart(config[name]) + "\u0001";
    return key;
  }
}

function keyPart(value: Value | undefined): string {
  if (value === undefined) return "u";
  if (typeof value === "string") return "s" + value;
  return String(value);
}

/** The coordinate with the largest variance over the rows (0 for an empty table). */
function widestCoordinate(points: Float64Array, width: number, n: number): number {
  let widest = 0;
  let widestVariance = -1;
  for (let j = 0; j < width; j++) {
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const x = points[i * width + j];
      sum += x;
      sumSquares += x * x;
    }
    const variance = n > 0 ? sumSquares / n - (sum / n) ** 2 : 0;
    if (variance > widestVariance) {
      widestVariance = variance;
      widest = j;
    }
  }
  return widest;
}

/** First index of sorted `keys` whose key is >= `x` (keys.length when none). */
function lowerBound(keys: Float64Array, x: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
