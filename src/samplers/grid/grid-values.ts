import { simplexLattice } from "../../math/index.js";
import { cardinality, evenWeights, snapToStep, weightsFromComposition, type Param, type Value } from "../../space/index.js";

/**
 * The values one parameter takes on the grid: every choice of a categorical or ordinal,
 * every integer by step, every step of a float that has one, and otherwise
 * `pointsPerFloat` evenly spaced floats from low to high (log-spaced on log scale; the
 * midpoint when `pointsPerFloat` is 1). A simplex takes the simplex lattice of
 * `pointsPerFloat - 1` divisions (every mixture whose weights, floor aside, are multiples of
 * 1 / (pointsPerFloat - 1): the corners, edge midpoints, ...), the even mixture when 1.
 */
export function gridValues(param: Param, pointsPerFloat: number): Value[] {
  switch (param.type) {
    case "categorical":
      return [...param.choices];
    case "ordinal":
      return [...param.values];
    case "text":
      return [param.default];
    case "simplex":
      if (pointsPerFloat === 1) return [evenWeights(param)];
      return simplexLattice(param.components.length, pointsPerFloat - 1).map((x) => weightsFromComposition(param, x));
    case "int": {
      const step = param.step ?? 1;
      return Array.from({ length: cardinality(param) }, (_, k) => param.low + k * step);
    }
    case "float": {
      if (param.low === param.high) return [param.low];
      if (param.step) {
        const step = param.step;
        return Array.from({ length: cardinality(param) }, (_, k) => Math.min(param.high, snapToStep(param.low + k * step, param.low, step)));
      }
      return evenlySpaced(param.low, param.high, pointsPerFloat, param.log ?? false);
    }
  }
}

function evenlySpaced(low: number, high: number, count: number, log: boolean): number[] {
  const at = (t: number) => (log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low));
  if (count === 1) return [tidy(at(0.5), low, high)];
  return Array.from({ length: count }, (_, k) => {
    if (k === 0) return low;
    if (k === count - 1) return high;
    return tidy(at(k / (count - 1)), low, high);
  });
}

/** Rounds away floating-point residue (1.0000000000000002e-4 becomes 1e-4), staying in bounds. */
function tidy(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Number(x.toPrecision(12))));
}
