import type { Space } from "../../space/index.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { isFeasible, lossesOf } from "../history.js";
import type { KernelGroups } from "./conditional-kernel.js";
import type { GpData } from "./gaussian-process.js";
import { encodeFilled } from "./search-box.js";

/** A constraint's observations, standardized; the constraint holds where the value is <= threshold. */
export interface ConstraintData {
  data: GpData;
  threshold: number;
}

/** What the GP sampler learns from: encoded points and standardized values. */
export interface TrainingData {
  /** One per objective, as a gain (larger is better) standardized to mean 0 and deviation 1; all share `x`. */
  objectives: GpData[];
  /** 1 for rows whose trial satisfies every constraint (or has none). */
  feasible: Uint8Array;
  /** One entry per constraint any trial reported (a trial without it is left out of that one). */
  constraints: ConstraintData[];
  /** Encoded points of the trials still running (n rows of d), which the proposal conditions on. */
  pending: { x: Float64Array; n: number };
}

/** How configurations become GP features. */
export interface Encoding {
  /** 1 where a coordinate is categorical. */
  categorical: Uint8Array;
  /** The conditional kernel's groups, or null for the plain kernel. */
  groups: KernelGroups | null;
  /** The coordinate of an inactive parameter: NaN for the conditional kernel, else a fixed value. */
  inactive: number;
}

/** Smallest deviation used to standardize, so constant values do not divide by zero. */
const MIN_DEVIATION = 1e-10;

/**
 * Encodes complete trials (with finite values) for the GP: unit-cube points with inactive
 * coordinates at `encoding.inactive`, each objective's loss negated and standardized, and
 * each constraint standardized with the image of 0 as its threshold; and the configurations
 * of `pending` trials, encoded the same way.
 */
export function trainingDataOf(
  space: Space,
  encoding: Encoding,
  trials: readonly TrialRecord[],
  objectives: readonly Objective[],
  pending: readonly TrialRecord[] = [],
): TrainingData {
  const { categorical, inactive } = encoding;
  const groups = encoding.groups ? { groups: encoding.groups } : {};
  const n = trials.length;
  const d = space.size;
  const x = new Float64Array(n * d);
  const gains = objectives.map(() => new Float64Array(n));
  const feasible = new Uint8Array(n);
  trials.forEach((trial, i) => {
    encodeFilled(space, trial.config, x.subarray(i * d, (i + 1) * d), inactive);
    const losses = lossesOf(trial, objectives);
    gains.forEach((values, j) => (values[i] = -(losses?.[j] ?? NaN)));
    feasible[i] = isFeasible(trial) ? 1 : 0;
  });
  for (const values of gains) standardize(values);

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
    constraints.push({ data: { x: cx, y: values, n: rows.length, d, categorical, ...groups }, threshold: -mean / deviation });
  }
  const pendingX = new Float64Array(pending.length * d);
  pending.forEach((trial, k) => encodeFilled(space, trial.config, pendingX.subarray(k * d, (k + 1) * d), inactive));
  return {
    objectives: gains.map((y) => ({ x, y, n, d, categorical, ...groups })),
    feasible,
    constraints,
    pending: { x: pendingX, n: pending.length },
  };
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
