import { float } from "../../space/index.js";
import type { Config, FloatParam } from "../../space/index.js";

/** Names of the coordinates of a d-dimensional box function: x1, ..., xd. */
export function coordinateNames(dimension: number): string[] {
  return Array.from({ length: dimension }, (_, i) => `x${i + 1}`);
}

/** A space definition of `dimension` floats x1..xd, each in [low, high]. */
export function boxDefinition(dimension: number, low: number, high: number): Record<string, FloatParam> {
  return Object.fromEntries(coordinateNames(dimension).map((name) => [name, float(low, high)]));
}

/** Reads x1..xd of a configuration as a vector. */
export function coordinates(config: Config, dimension: number): number[] {
  return coordinateNames(dimension).map((name) => config[name] as number);
}

/** The configuration with x1..xd set to `point`. */
export function pointConfig(point: readonly number[]): Config {
  return Object.fromEntries(point.map((value, i) => [`x${i + 1}`, value]));
}
