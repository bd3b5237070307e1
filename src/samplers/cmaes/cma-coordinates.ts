import { cardinality, encodeValue, type Config, type Param, type Space } from "../../space/index.js";
import type { DiscreteCoordinate } from "./integer-margin.js";

/**
 * Which parameters of a space CMA-ES drives: those that are always active (no `when`) and
 * numeric or ordered (float, int, ordinal), one unit-cube coordinate each. Categoricals and
 * conditional parameters are left to random sampling.
 */
export interface CmaCoordinates {
  /** Parameter names, in space order. */
  names: string[];
  params: Param[];
  /** Position of each in `space.names` (and in `space.encode` vectors). */
  spaceIndices: number[];
  /** The coordinates that decode to discrete values, for the integer margin. */
  discrete: DiscreteCoordinate[];
}

export function cmaCoordinates(space: Space): CmaCoordinates {
  const out: CmaCoordinates = { names: [], params: [], spaceIndices: [], discrete: [] };
  space.names.forEach((name, spaceIndex) => {
    const param = space.params[name];
    if (param.when !== undefined || param.type === "categorical") return;
    const index = out.names.length;
    out.names.push(name);
    out.params.push(param);
    out.spaceIndices.push(spaceIndex);
    if (Number.isFinite(cardinality(param))) out.discrete.push({ index, param });
  });
  return out;
}

/** The CMA-ES vector of a configuration, or null when one of the coordinates is missing. */
export function encodeCoordinates(coordinates: CmaCoordinates, config: Config): Float64Array | null {
  const point = new Float64Array(coordinates.names.length);
  for (let i = 0; i < point.length; i++) {
    const name = coordinates.names[i];
    if (!Object.hasOwn(config, name)) return null;
    const value = config[name];
    if (typeof value !== "number" && coordinates.params[i].type !== "ordinal") return null;
    point[i] = encodeValue(coordinates.params[i], value);
    if (!Number.isFinite(point[i]) || point[i] < 0) return null; // e.g. an ordinal value not in the list
  }
  return point;
}
