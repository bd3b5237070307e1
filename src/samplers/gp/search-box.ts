import type { Config, Param, Space, Value } from "../../space/index.js";
import { cardinality, encodeValue, snapToStep } from "../../space/index.js";

/**
 * One coordinate of the unit-cube encoding, as the acquisition optimizer sees it:
 * continuous in [0, 1] (moved by gradient steps), a sorted list of legal encoded values
 * (moved along the list), or categorical (every other choice is tried).
 */
export type Dimension =
  | { kind: "continuous" }
  | { kind: "discrete"; values: Float64Array }
  | { kind: "categorical"; values: Float64Array };

/** The space in the form the Gaussian process and the acquisition optimizer work in. */
export interface SearchBox {
  readonly dimensions: readonly Dimension[];
  /** 1 where a coordinate is categorical (the kernel compares it by equality). */
  readonly categorical: Uint8Array;
  /**
   * Moves `x` in place to the legal point it stands for (`encode(decode(x))`), with
   * coordinates of inactive parameters set to the box's inactive coordinate; when given,
   * `active` gets 1 for the coordinates of active parameters and 0 for the others.
   */
  legalize(x: Float64Array, active?: Uint8Array): void;
}

/**
 * Where the coordinates of inactive parameters sit for the plain kernel: every inactive
 * coordinate at the same middle value lets it run on conditional spaces (points that differ
 * only in inactive parameters look alike) without modelling the hierarchy. The conditional
 * kernel takes NaN instead, and never reads them.
 */
export const INACTIVE_COORDINATE = 0.5;

/**
 * Numeric parameters with more legal values than this are optimized as continuous
 * coordinates and snapped to a legal value afterwards.
 */
const MAX_LISTED_VALUES = 512;

/**
 * The search box of a space: one dimension per name in `space.names`; inactive parameters'
 * coordinates at `inactive` (a NaN one reads as the middle when a move activates it).
 */
export function searchBoxOf(space: Space, inactive = INACTIVE_COORDINATE): SearchBox {
  const dimensions = space.names.map((name) => dimensionOf(space.params[name]));
  const categorical = Uint8Array.from(dimensions, (dimension) => (dimension.kind === "categorical" ? 1 : 0));
  return {
    dimensions,
    categorical,
    legalize(x, active) {
      const encoded = space.encode(space.decode(x));
      for (let c = 0; c < encoded.length; c++) {
        const isActive = !Number.isNaN(encoded[c]);
        x[c] = isActive ? encoded[c] : inactive;
        if (active) active[c] = isActive ? 1 : 0;
      }
    },
  };
}

/** The encoded point of a configuration, with `inactive` for inactive parameters. */
export function encodeFilled(space: Space, config: Config, out?: Float64Array, inactive = INACTIVE_COORDINATE): Float64Array {
  const encoded = space.encode(config);
  const target = out ?? encoded;
  for (let c = 0; c < encoded.length; c++) target[c] = Number.isNaN(encoded[c]) ? inactive : encoded[c];
  return target;
}

function dimensionOf(param: Param): Dimension {
  if (param.type === "categorical") {
    const n = param.choices.length;
    return { kind: "categorical", values: Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n) };
  }
  // A simplex is modelled in ilr coordinates by gpSampler (simplex-coordinates.ts); never listed here.
  if (param.type === "simplex") return { kind: "continuous" };
  const count = cardinality(param);
  if (count > MAX_LISTED_VALUES) return { kind: "continuous" };
  const encoded = new Set<number>();
  for (let k = 0; k < count; k++) encoded.add(encodeValue(param, legalValue(param, k)));
  return { kind: "discrete", values: Float64Array.from([...encoded].sort((a, b) => a - b)) };
}

/** The k-th legal value of a parameter with finitely many. */
function legalValue(param: Exclude<Param, { type: "categorical" | "simplex" }>, k: number): Value {
  switch (param.type) {
    case "ordinal":
      return param.values[k];
    case "text":
      return param.default;
    case "int":
      return param.low + k * (param.step ?? 1);
    case "float":
      return snapToStep(param.low + k * (param.step ?? 0), param.low, param.step ?? 1);
  }
}
