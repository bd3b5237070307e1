import { clr, withPseudoCount } from "../../math/index.js";
import { compositionOf, encodeValue, type CategoricalParam, type Config, type Param, type SimplexParam, type Space, type Value } from "../../space/index.js";
import { valuesInNameOrder } from "./config-values.js";

/**
 * Maps configurations to points for nearest-neighbour search. Numeric and ordinal parameters
 * take their unit-cube coordinate (`Space.encode`: log scale, int bins and ordinal ranks
 * included). A categorical parameter with k choices takes k one-hot coordinates scaled by
 * 1/sqrt(2), so two different choices are at distance exactly 1 whatever their order in the
 * list (the unit-cube position of an unordered choice means nothing). A simplex with k
 * components takes k coordinates: the centred log-ratios of its composition after adding
 * SIMPLEX_PSEUDO_COUNT to each part, divided by ln((1 + d) / d) for pseudo-count d (the
 * largest a centred log-ratio can be), so the Euclidean distance of two mixtures is their
 * Aitchison distance times a constant: ratios count, not differences, and a weight of 0
 * differs from 0.01 far more than 0.5 from 0.51. An inactive parameter
 * (conditional spaces) sets its coordinates to -1, away from every active value. For a
 * config in the space, every coordinate lies in [-1, 1].
 */
export class FeatureEncoder {
  /** Number of coordinates of a point. */
  readonly width: number;
  private readonly names: readonly string[];
  private readonly params: readonly Param[];
  private readonly offsets: number[];
  /** Scratch for the values of the config being encoded, in name order. */
  private readonly values: Value[];

  constructor(space: Space) {
    this.names = space.names;
    this.params = space.names.map((name) => space.params[name]);
    this.offsets = [];
    let width = 0;
    for (const param of this.params) {
      this.offsets.push(width);
      width += coordinates(param);
    }
    this.width = width;
    this.values = this.names.map((): Value => null);
  }

  /** Writes the point of `config` into `out` (allocated when omitted) and returns it. */
  encode(config: Config, out: Float64Array = new Float64Array(this.width)): Float64Array {
    const { names, params, offsets } = this;
    if (valuesInNameOrder(config, names, this.values)) {
      // Every parameter present (the usual case): no presence test per name.
      for (let i = 0; i < params.length; i++) writeCoordinates(params[i], this.values[i], out, offsets[i]);
      return out;
    }
    for (let i = 0; i < names.length; i++) {
      if (Object.prototype.hasOwnProperty.call(config, names[i])) writeCoordinates(params[i], config[names[i]], out, offsets[i]);
      else out.fill(-1, offsets[i], offsets[i] + coordinates(params[i]));
    }
    return out;
  }
}

/** Added to each part of a recorded or proposed mixture before its log-ratios are taken (zeros have none). */
export const SIMPLEX_PSEUDO_COUNT = 1e-3;
const SIMPLEX_SCALE = 1 / Math.log((1 + SIMPLEX_PSEUDO_COUNT) / SIMPLEX_PSEUDO_COUNT);

/** How many coordinates `param` takes in a point: one per choice of a categorical or component of a simplex, else one. */
function coordinates(param: Param): number {
  if (param.type === "categorical") return param.choices.length;
  return param.type === "simplex" ? param.components.length : 1;
}

/** Writes the coordinates of a present value of `param` from `out[at]` on. */
function writeCoordinates(param: Param, value: Value, out: Float64Array, at: number): void {
  if (param.type === "categorical") writeOneHot(param, value, out, at);
  else if (param.type === "simplex") writeLogRatios(param, value, out, at);
  else out[at] = encodeValue(param, value);
}

function writeLogRatios(param: SimplexParam, value: Value, out: Float64Array, at: number): void {
  const ratios = clr(withPseudoCount(compositionOf(param, value), SIMPLEX_PSEUDO_COUNT));
  for (let c = 0; c < ratios.length; c++) out[at + c] = ratios[c] * SIMPLEX_SCALE;
}

function writeOneHot(param: CategoricalParam, value: Value, out: Float64Array, at: number): void {
  const index = param.choices.indexOf(value);
  for (let c = 0; c < param.choices.length; c++) out[at + c] = c === index ? Math.SQRT1_2 : 0;
}
