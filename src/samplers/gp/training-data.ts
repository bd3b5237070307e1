import type { Space } from "../../space/index.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { isFeasible, lossesOf } from "../history.js";
import type { GpData } from "./gaussian-process.js";
import { encodeFilled } from "./search-box.js";

/** A constraint's observations, standardized; the constraint holds where the value is <= threshold. */
export interface ConstraintData {
  data: GpData;
  threshold: number;
}

/** What the GP sampler learns from: encoded points and standardized values. */
export interface TrainingData {
  /** The objective as a gain (larger is better), standardized to mean 0 and deviation 1. */
  objective: GpData;
  /** 1 for rows whose trial satisfies every constraint (or has none). */
  feasible: Uint8Array;
  /** One entry per constraint any trial reported (a trial without it is left out of that one). */
  constraints: ConstraintData[];
}

/** Smallest deviation used to standardize, so constant values do not divide by zero. */
const MIN_DEVIATION = 1e-10;

/**
 * Encodes complete trials (with finite values) for the GP: unit-cube points with inactive
 * coordinates filled (see INACTIVE_COORDINATE), the loss negated and standardized, and each
 * constraint standardized with the image of 0 as its threshold.
 */
export function trainingDataOf(
  space: Space,
  categorical: Uint8Array,
  trials: readonly TrialRecord[],
  objective: Objective,
): TrainingData {
  const n = trials.length;
  const d = space.size;
  const x = new Float64Array(n * d);
  const gains = new Float64Array(n);
  const feasible = new Uint8Array(n);
  trials.forEach((trial, i) => {
    encodeFilled(space, trial.config, x.subarray(i * d, (i + 1) * d));
    gains[i] = -(lossesOf(trial, [objective]) ?? [NaN])[0];
    feasible[i] = isFeasible(trial) ? 1 : 0;
  });
  standardize(gains);

  const constraintCount = Math.max(0, ...trials.map((trial) => trial.constraints?.length ?? 0));
  const constraints: ConstraintData[] = [];
  for (let j = 0; j < constraintCount; j++) {
    const rows = trials.flatMap((trial, i) => {
      const value = trial.constraints?.[j];
      return value !== undefined && Number.isFinite(value) ? [{ i, value }] : [];
    });
    const cx = new Float64Array(rows.length * d);
    const values = Float64Array.from(rows, (row) => row.value);
    rows.forEach((row, k) => cx.set(x.subarray(row.i * d, (row.i + 1) * d), k * d));
    const { mean, deviation } = standardize(values);
    constraints.push({ data: { x: cx, y: values, n: rows.length, d, categorical }, threshold: -mean / deviation });
  }
  return { objective: { x, y: gains, n, d, categorical }, feasible, constraints };
}

/** Standardizes in place to mean 0 and deviation 1; returns what was removed. */
export function standardize(values: Float64Array): { mean: number; deviation: number } {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean = n > 0 ? mean / n : 0;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  const deviation = Math.max(MIN_DEVIATION, Math.sqrt(n > 0 ? variance / n : 0));
  for (let i = 0; i < n; i++) values[i] = (values[i] - mean) / deviation;
  return { mean, deviation };
}
