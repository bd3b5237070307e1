import type { Config } from "../../space/index.js";
import type { RecordedRow } from "../tabular/index.js";
import { TaskDataError } from "../task/index.js";

/** One recorded point of a learning curve: a checkpoint of the run and what it gave. */
export interface CurvePoint {
  /** Where the checkpoint lies on the run (training steps, checkpoint number). */
  at: number;
  /** The primary objective there. */
  value: number;
  /** The run's cost from its start to this checkpoint, by cost name. */
  cost: Record<string, number>;
  /** The run's wall time from its start to this checkpoint, when known. */
  elapsedSeconds?: number;
  /** Where the point was read, for messages. */
  origin: { file: string; row: number };
}

/** One configuration's run: its checkpoints in increasing `at`. */
export interface RecordedCurve {
  config: Config;
  points: CurvePoint[];
}

/**
 * Rows of a tabular task whose fidelity levels are checkpoints of one run per configuration
 * (`fidelity_cost: continue`): for each curve and each level of `ladder` (increasing `at`
 * values, one per level), the last recorded point at or before the level. A run that ended
 * before a level answers there with its last checkpoint and that checkpoint's cost: the run
 * is over, its final model is what there is. Throws TaskDataError for a curve with no point
 * at or before the lowest level.
 */
export function curveRows(curves: readonly RecordedCurve[], ladder: readonly number[]): RecordedRow[] {
  const rows: RecordedRow[] = [];
  for (const curve of curves) {
    let next = 0;
    ladder.forEach((at, level) => {
      while (next < curve.points.length && curve.points[next].at <= at) next++;
      const point = curve.points[next - 1];
      if (!point) {
        const first = curve.points[0];
        throw new TaskDataError(first?.origin ?? { file: "learning curves" }, `the curve of ${JSON.stringify(curve.config)} has no checkpoint at or before ${at}, the lowest level`);
      }
      const row: RecordedRow = { config: curve.config, level, values: [point.value], cost: { ...point.cost }, origin: point.origin };
      if (point.elapsedSeconds !== undefined) row.elapsedSeconds = point.elapsedSeconds;
      rows.push(row);
    });
  }
  return rows;
}
