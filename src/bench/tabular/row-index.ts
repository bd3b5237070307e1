import type { Config, Space, Value } from "../../space/index.js";
import { FeatureEncoder } from "./features.js";

/**
 * Finds recorded rows for a configuration: an exact match through a hash map of canonical
 * keys first, then the nearest row (squared Euclidean distance over `FeatureEncoder` points,
 * kept in one Float64Array so a scan touches contiguous memory). Ties go to the earliest row,
 * so lookups are deterministic.
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

  /** Index (into `rowIds`) of the row nearest to the point `q`. */
  nearestIndex(q: Float64Array): number {
    const width = this.encoder.width;
    const blocks = width & ~3;
    const points = this.points;
    const n = this.rowIds.length;
    let best = Infinity;
    let bestIndex = 0;
    for (let i = 0, base = 0; i < n; i++, base += width) {
      // Partial-distance search, four coordinates at a time: stop once this row cannot beat the best.
      let d = 0;
      let j = 0;
      for (; j < blocks; j += 4) {
        const t0 = points[base + j] - q[j];
        const t1 = points[base + j + 1] - q[j + 1];
        const t2 = points[base + j + 2] - q[j + 2];
        const t3 = points[base + j + 3] - q[j + 3];
        d += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        if (d >= best) break;
      }
      if (d >= best) continue;
      for (; j < width; j++) {
        const t = points[base + j] - q[j];
        d += t * t;
      }
      if (d < best) {
        best = d;
        bestIndex = i;
      }
    }
    return bestIndex;
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
