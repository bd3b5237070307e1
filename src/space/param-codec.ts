import type { Rng } from "../math/index.js";
import { evenWeights, sampleWeights } from "./simplex-param.js";
import type { Param, Value } from "./spec.js";

/**
 * Maps one parameter's values to and from [0, 1]. Uniform sampling in the unit
 * interval gives uniform sampling of the parameter (log-uniform on log scale, equal
 * mass per integer or choice), which is the form model-based samplers work in.
 */

/** Number of distinct values, or Infinity for a continuous float. */
export function cardinality(param: Param): number {
  switch (param.type) {
    case "categorical":
      return param.choices.length;
    case "ordinal":
      return param.values.length;
    case "int":
      return Math.floor((param.high - param.low) / (param.step ?? 1) + 1e-9) + 1;
    case "float":
      return param.step ? Math.floor((param.high - param.low) / param.step + 1e-9) + 1 : Infinity;
    case "text":
      return 1;
    case "simplex":
      return Infinity;
  }
}

export function encodeValue(param: Param, value: Value): number {
  switch (param.type) {
    case "text":
    case "simplex":
      // One constant coordinate: samplers model a simplex in its own coordinates (src/samplers/simplex-coordinates.ts).
      return 0.5;
    case "categorical": {
      const index = param.choices.findIndex((c) => c === value);
      return (index + 0.5) / param.choices.length;
    }
    case "ordinal": {
      const index = param.values.findIndex((c) => c === value);
      return (index + 0.5) / param.values.length;
    }
    case "int": {
      const x = value as number;
      if (param.log) {
        const lo = Math.log(param.low - 0.5);
        const hi = Math.log(param.high + 0.5);
        return clamp01((Math.log(x) - lo) / (hi - lo));
      }
      const step = param.step ?? 1;
      const n = cardinality(param);
      return (Math.round((x - param.low) / step) + 0.5) / n;
    }
    case "float": {
      const x = value as number;
      if (param.high === param.low) return 0.5;
      if (param.log) {
        return clamp01((Math.log(x) - Math.log(param.low)) / (Math.log(param.high) - Math.log(param.low)));
      }
      return clamp01((x - param.low) / (param.high - param.low));
    }
  }
}

export function decodeValue(param: Param, u: number): Value {
  const t = clamp01(u);
  switch (param.type) {
    case "text":
      return param.default;
    case "simplex":
      return evenWeights(param);
    case "categorical":
      return param.choices[Math.min(param.choices.length - 1, Math.floor(t * param.choices.length))];
    case "ordinal":
      return param.values[Math.min(param.values.length - 1, Math.floor(t * param.values.length))];
    case "int": {
      if (param.log) {
        const lo = Math.log(param.low - 0.5);
        const hi = Math.log(param.high + 0.5);
        const x = Math.round(Math.exp(lo + t * (hi - lo)));
        return Math.min(param.high, Math.max(param.low, x));
      }
      const step = param.step ?? 1;
      const n = cardinality(param);
      const k = Math.min(n - 1, Math.floor(t * n));
      return param.low + k * step;
    }
    case "float": {
      let x: number;
      if (param.log) {
        x = Math.exp(Math.log(param.low) + t * (Math.log(param.high) - Math.log(param.low)));
      } else {
        x = param.low + t * (param.high - param.low);
      }
      if (param.step) x = snapToStep(x, param.low, param.step);
      return Math.min(param.high, Math.max(param.low, x));
    }
  }
}

/** A draw of one parameter from its prior: uniform in the unit coordinate, Dirichlet for a simplex. */
export function sampleValue(param: Param, rng: Rng): Value {
  return param.type === "simplex" ? sampleWeights(param, rng) : decodeValue(param, rng.random());
}

/** Rounds to low + k * step, avoiding floating-point residue like 0.30000000000000004. */
export function snapToStep(x: number, low: number, step: number): number {
  const k = Math.round((x - low) / step);
  return Number((low + k * step).toPrecision(12));
}

function clamp01(u: number): number {
  if (!(u > 0)) return 0;
  if (u >= 1) return 1 - Number.EPSILON;
  return u;
}
