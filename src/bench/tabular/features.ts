import { encodeValue, type CategoricalParam, type Config, type Param, type Space, type Value } from "../../space/index.js";
import { valuesInNameOrder } from "./config-values.js";

/**
 * Maps configurations to points for nearest-neighbour search. Numeric and ordinal parameters
 * take their unit-cube coordinate (`Space.encode`: log scale, int bins and ordinal ranks
 * included). A categorical parameter with k choices takes k one-hot coordinates scaled by
 * 1/sqrt(2), so two different choices are at distance exactly 1 whatever their order in the
 * list (the unit-cube position of an unordered choice means nothing). An inactive parameter
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

/** How many coordinates `param` takes in a point: one per choice of a categorical, else one. */
function coordinates(param: Param): number {
  return param.type === "categorical" ? param.choices.length : 1;
}

/** Writes the coordinates of a present value of `param` from `out[at]` on. */
function writeCoordinates(param: Param, value: Value, out: Float64Array, at: number): void {
  if (param.type === "categorical") writeOneHot(param, value, out, at);
  else out[at] = encodeValue(param, value);
}

function writeOneHot(param: CategoricalParam, value: Value, out: Float64Array, at: number): void {
  const index = param.choices.indexOf(value);
  for (let c = 0; c < param.choices.length; c++) out[at + c] = c === index ? Math.SQRT1_2 : 0;
}
