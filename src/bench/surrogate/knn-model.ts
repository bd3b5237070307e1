import type { Config } from "../../space/index.js";
import type { FeatureEncoder, RecordedRow } from "../tabular/index.js";
import { inverseDistanceWeights, nearestK } from "./nearest-k.js";

/**
 * k-nearest-neighbour regression of every objective (and cost) on recorded rows, with
 * inverse-distance weights, over FeatureEncoder points (the normalized space).
 */
export class KnnModel {
  readonly k: number;
  readonly rows: readonly RecordedRow[];
  private readonly encoder: FeatureEncoder;
  private readonly points: Float64Array;

  /** `rows` must all have a value for every objective. */
  constructor(encoder: FeatureEncoder, rows: readonly RecordedRow[], k: number) {
    this.encoder = encoder;
    this.rows = rows;
    this.k = k;
    this.points = new Float64Array(rows.length * encoder.width);
    rows.forEach((row, i) => encoder.encode(row.config, this.points.subarray(i * encoder.width, (i + 1) * encoder.width)));
  }

  /** The neighbours of a config (or of row `exclude`'s point, leaving that row out) and their weights. */
  neighbours(query: Config | Float64Array, exclude = -1): { rows: RecordedRow[]; weights: number[] } {
    const point = query instanceof Float64Array ? query : this.encoder.encode(query);
    const found = nearestK(this.points, this.encoder.width, point, this.k, exclude);
    return { rows: found.indices.map((i) => this.rows[i]), weights: inverseDistanceWeights(found.distances) };
  }

  /** Weighted mean of the neighbours' objective values. */
  predict(query: Config | Float64Array, exclude = -1): number[] {
    const { rows, weights } = this.neighbours(query, exclude);
    const width = this.rows[0].values.length;
    const out = new Array<number>(width).fill(0);
    rows.forEach((row, i) => {
      for (let j = 0; j < width; j++) out[j] += weights[i] * (row.values[j] as number);
    });
    return out;
  }

  /** Point of row `i`, as stored. */
  pointOf(i: number): Float64Array {
    const width = this.encoder.width;
    return this.points.subarray(i * width, (i + 1) * width);
  }

  /** Leave-one-out residuals (actual - prediction without the row), one array per row. */
  leaveOneOutResiduals(): number[][] {
    return this.rows.map((row, i) => {
      const predicted = this.predict(this.pointOf(i), i);
      return predicted.map((p, j) => (row.values[j] as number) - p);
    });
  }
}

/** Weighted mean of each cost over the neighbours that recorded it; a cost none recorded is absent. */
export function weightedCost(rows: readonly RecordedRow[], weights: readonly number[]): Record<string, number> {
  const sums: Record<string, number> = {};
  const mass: Record<string, number> = {};
  rows.forEach((row, i) => {
    for (const [name, value] of Object.entries(row.cost)) {
      sums[name] = (sums[name] ?? 0) + weights[i] * value;
      mass[name] = (mass[name] ?? 0) + weights[i];
    }
  });
  const out: Record<string, number> = {};
  for (const name of Object.keys(sums)) out[name] = mass[name] > 0 ? sums[name] / mass[name] : 0;
  return out;
}
