import { encodeValue, type Config, type Space } from "../../space/index.js";

/**
 * Maps configurations to points for nearest-neighbour search. Numeric and ordinal parameters
 * take their unit-cube coordinate (`Space.encode`: log scale, int bins and ordinal ranks
 * included). A categorical parameter with k choices takes k one-hot coordinates scaled by
 * 1/sqrt(2), so two different choices are at distance exactly 1 whatever their order in the
 * list (the unit-cube position of an unordered choice means nothing). An inactive parameter
 * (conditional spaces) sets its coordinates to -1, away from every active value.
 */
export class FeatureEncoder {
  /** Number of coordinates of a point. */
  readonly width: number;
  private readonly space: Space;
  private readonly offsets: number[];

  constructor(space: Space) {
    this.space = space;
    this.offsets = [];
    let width = 0;
    for (const name of space.names) {
      this.offsets.push(width);
      const param = space.params[name];
      width += param.type === "categorical" ? param.choices.length : 1;
    }
    this.width = width;
  }

  /** Writes the point of `config` into `out` (allocated when omitted) and returns it. */
  encode(config: Config, out: Float64Array = new Float64Array(this.width)): Float64Array {
    const { names, params } = this.space;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const param = params[name];
      const at = this.offsets[i];
      const present = Object.prototype.hasOwnProperty.call(config, name);
      if (param.type === "categorical") {
        const index = present ? param.choices.indexOf(config[name]) : -1;
        for (let c = 0; c < param.choices.length; c++) out[at + c] = present ? (c === index ? Math.SQRT1_2 : 0) : -1;
      } else {
        out[at] = present ? encodeValue(param, config[name]) : -1;
      }
    }
    return out;
  }
}
