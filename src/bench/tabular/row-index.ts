import type { Config, Space } from "../../space/index.js";
import { ExactRows } from "./exact-rows.js";
import { FeatureEncoder } from "./features.js";
import { scanRows, type NearestSoFar } from "./row-distance.js";

/**
 * Finds recorded rows for a configuration: an exact match through a hash of its values
 * first, then the nearest row (squared Euclidean distance over `FeatureEncoder` points).
 * Ties go to the earliest row, so lookups are deterministic.
 *
 * The nearest-row search keeps the points sorted along the coordinate that varies most, so
 * rows near the query along it form one contiguous block. It compares the 32 rows around
 * the query's place first, then works outward in doubling steps; a row further along the
 * coordinate than the square root of the best distance so far cannot win, so the search
 * ends once no such row is left on either side. A query near some row finds it among the
 * first ones and stops after a few dozen rows. A query far from every row (in 12
 * dimensions, the nearest of 1000 rows is far) compares most of the table: no tree prunes
 * much better there, and comparing whole blocks of rows (see `scanRows`) makes each row
 * cheap, about three times cheaper than a walk that exits early row by row.
 */
export class RowIndex {
  readonly encoder: FeatureEncoder;
  /** Row ids (into the caller's row list) in index order. */
  readonly rowIds: readonly number[];
  /** Points of the rows, row-major: `points[i * width + j]`. */
  readonly points: Float64Array;
  private readonly exactRows: ExactRows;
  private readonly query: Float64Array;
  /** The coordinate the search is sorted on. */
  private readonly axis: number;
  /** Row indices sorted by their `axis` coordinate (ties by index), with those coordinates. */
  private readonly order: Int32Array;
  private readonly keys: Float64Array;
  /** The points in `order`, row-major, so a window of the sort is one contiguous block. */
  private readonly sortedPoints: Float64Array;
  private readonly nearestSoFar: NearestSoFar = { distance: Infinity, index: 0 };

  constructor(space: Space, configs: readonly Config[], rowIds: readonly number[]) {
    this.encoder = new FeatureEncoder(space);
    this.rowIds = rowIds;
    const width = this.encoder.width;
    this.points = new Float64Array(rowIds.length * width);
    this.query = new Float64Array(width);
    rowIds.forEach((rowId, i) => this.encoder.encode(configs[rowId], this.points.subarray(i * width, (i + 1) * width)));
    this.exactRows = new ExactRows(space.names, configs, rowIds);
    this.axis = widestCoordinate(this.points, width, rowIds.length);
    const key = (i: number) => this.points[i * width + this.axis];
    this.order = Int32Array.from(rowIds.keys()).sort((a, b) => key(a) - key(b) || a - b);
    this.keys = Float64Array.from(this.order, key);
    this.sortedPoints = new Float64Array(this.points.length);
    this.order.forEach((i, k) => this.sortedPoints.set(this.points.subarray(i * width, (i + 1) * width), k * width));
  }

  get size(): number {
    return this.rowIds.length;
  }

  /** Rows recorded with exactly this configuration (several when the table repeats a run), or undefined. */
  exact(config: Config): readonly number[] | undefined {
    return this.exactRows.get(config);
  }

  /** The row nearest to `config`. */
  nearest(config: Config): number {
    const q = this.encoder.encode(config, this.query);
    return this.rowIds[this.nearestIndex(q)];
  }

  /** Index (into `rowIds`) of the row nearest to the point `q` (the earliest row on ties). */
  nearestIndex(q: Float64Array): number {
    const n = this.rowIds.length;
    const width = this.encoder.width;
    const keys = this.keys;
    const target = q[this.axis];
    const soFar = this.nearestSoFar;
    soFar.distance = Infinity;
    soFar.index = 0;
    // First the rows nearest along the axis: for a query near some row, that row is among them.
    const middle = lowerBound(keys, target);
    let lo = Math.max(0, middle - SEED_ROWS / 2);
    let hi = Math.min(n, lo + SEED_ROWS);
    scanRows(this.sortedPoints, width, this.order, q, lo, hi, soFar);
    // Then outward, in ever larger steps, over the rows that the axis alone does not rule out
    // (positions [from, lo) and [hi, to)); the window shrinks as the best distance does.
    for (let step = SEED_ROWS; ; step *= 2) {
      const from = firstWithin(keys, target, soFar.distance, lo);
      const to = endWithin(keys, target, soFar.distance, hi);
      if (from >= lo && to <= hi) break;
      const below = Math.max(from, lo - step);
      scanRows(this.sortedPoints, width, this.order, q, below, lo, soFar);
      const above = Math.min(to, hi + step);
      scanRows(this.sortedPoints, width, this.order, q, hi, above, soFar);
      lo = below;
      hi = above;
    }
    return soFar.index;
  }
}

/** Rows compared first, around the query's place along the axis, to bound the distance before the window is set. */
const SEED_ROWS = 32;

/**
 * First position in [0, end) (all keys below `target`) whose row the axis does not rule
 * out, that is not (target - key)^2 > best. The test is monotone in sorted keys, and a row it
 * rules out is truly out: that square is one term of the row's distance.
 */
function firstWithin(keys: Float64Array, target: number, best: number, end: number): number {
  let a = 0;
  let b = end;
  while (a < b) {
    const mid = (a + b) >>> 1;
    const gap = target - keys[mid];
    if (gap * gap > best) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** End (exclusive) of the positions from `start` on (all keys at or above `target`) whose rows the axis does not rule out. */
function endWithin(keys: Float64Array, target: number, best: number, start: number): number {
  let a = start;
  let b = keys.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    const gap = keys[mid] - target;
    if (gap * gap > best) b = mid;
    else a = mid + 1;
  }
  return a;
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
