import type { Param, Value } from "../../space/index.js";
import { snapToStep } from "../../space/index.js";

/**
 * The coordinate a Parzen estimator models for one parameter, as in Optuna: the value
 * itself for floats, its logarithm on log scale, the index for ordinals and the choice
 * index for categoricals. Discrete parameters (ints, stepped floats, ordinals) carry a grid
 * of cells: kernels put on each value the normal mass of its cell, as Optuna's discrete
 * truncated normal does.
 */
export type ParamDomain = NumericDomain | CategoricalDomain;

export interface NumericDomain {
  kind: "numeric";
  /** Bounds of the coordinate (outer cell edges for discrete parameters). */
  low: number;
  high: number;
  /** Cells of a discrete parameter; null for a continuous float. */
  grid: Grid | null;
  /** The coordinate of a value, or NaN when the value does not belong to the parameter. */
  encode(value: Value): number;
  /** The value at a coordinate (snapped to the grid, clamped to the range). */
  decode(x: number): Value;
}

export interface CategoricalDomain {
  kind: "categorical";
  count: number;
  encode(value: Value): number;
  decode(x: number): Value;
}

/** The cells of a discrete parameter in coordinate space: cell k holds value k. */
export interface Grid {
  count: number;
  /** Cell k is [k - 1/2, k + 1/2] (coordinate = index), so masses depend only on offsets. */
  unit: boolean;
  cellOf(x: number): number;
  center(k: number): number;
  lower(k: number): number;
  upper(k: number): number;
}

/** The modelling domain of a parameter. */
export function domainOf(param: Param): ParamDomain {
  switch (param.type) {
    case "categorical":
      return categoricalDomain(param.choices);
    case "text":
      return categoricalDomain([param.default]);
    case "simplex":
      // Unreachable through tpeSampler, which models a simplex in stick-breaking coordinates (simplex-coordinates.ts).
      return categoricalDomain([JSON.stringify(param.components)]);
    case "ordinal":
      return linearGridDomain(param.values.length, (k) => param.values[k], (v) => param.values.findIndex((c) => c === v));
    case "int":
    case "float": {
      const { low, high } = param;
      const step = param.step ?? (param.type === "int" ? 1 : undefined);
      if (step === undefined && low === high) return linearGridDomain(1, () => low, (v) => (v === low ? 0 : -1));
      if (step === undefined) return continuousDomain(low, high, param.log === true);
      const count = Math.floor((high - low) / step + 1e-9) + 1;
      const valueAt = (k: number) => Math.min(high, param.type === "int" ? low + k * step : snapToStep(low + k * step, low, step));
      const indexOf = (v: Value) => (isNumber(v) ? Math.round((v - low) / step) : -1);
      if (param.log === true) return logGridDomain(low, step, count, valueAt, indexOf);
      return linearGridDomain(count, valueAt, indexOf);
    }
  }
}

function isNumber(value: Value): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function clampIndex(k: number, count: number): number {
  return k < 0 ? 0 : k >= count ? count - 1 : k;
}

function categoricalDomain(choices: readonly Value[]): CategoricalDomain {
  return {
    kind: "categorical",
    count: choices.length,
    encode: (value) => {
      const index = choices.findIndex((c) => c === value);
      return index < 0 ? NaN : index;
    },
    decode: (x) => choices[clampIndex(Math.round(x), choices.length)],
  };
}

function continuousDomain(low: number, high: number, log: boolean): NumericDomain {
  const lo = log ? Math.log(low) : low;
  const hi = log ? Math.log(high) : high;
  return {
    kind: "numeric",
    low: lo,
    high: hi,
    grid: null,
    encode: (value) => {
      if (!isNumber(value)) return NaN;
      const x = log ? Math.log(value) : value;
      return x < lo ? lo : x > hi ? hi : x;
    },
    decode: (x) => {
      const value = log ? Math.exp(x) : x;
      return value < low ? low : value > high ? high : value;
    },
  };
}

/** Values at indices 0..count-1; the coordinate is the index, cells are index ± 1/2. */
function linearGridDomain(count: number, valueAt: (k: number) => Value, indexOf: (value: Value) => number): NumericDomain {
  const grid: Grid = {
    count,
    unit: true,
    cellOf: (x) => clampIndex(Math.round(x), count),
    center: (k) => k,
    lower: (k) => k - 0.5,
    upper: (k) => k + 0.5,
  };
  return {
    kind: "numeric",
    low: -0.5,
    high: count - 0.5,
    grid,
    encode: (value) => {
      const k = indexOf(value);
      return k < 0 || k >= count ? NaN : k;
    },
    decode: (x) => valueAt(grid.cellOf(x)),
  };
}

/** Integers on log scale: the coordinate is log(value), cell k spans log(value ± step/2). */
function logGridDomain(low: number, step: number, count: number, valueAt: (k: number) => Value, indexOf: (value: Value) => number): NumericDomain {
  const at = (k: number) => low + k * step;
  const grid: Grid = {
    count,
    unit: false,
    cellOf: (x) => clampIndex(Math.round((Math.exp(x) - low) / step), count),
    center: (k) => Math.log(at(k)),
    lower: (k) => Math.log(at(k - 0.5)),
    upper: (k) => Math.log(at(k + 0.5)),
  };
  return {
    kind: "numeric",
    low: grid.lower(0),
    high: grid.upper(count - 1),
    grid,
    encode: (value) => {
      const k = indexOf(value);
      return k < 0 || k >= count ? NaN : grid.center(k);
    },
    decode: (x) => valueAt(grid.cellOf(x)),
  };
}
