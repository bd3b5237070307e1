import { z } from "zod";
import { integerOption, option, parseOptions, ValidationError } from "../../errors/index.js";
import type { Config, Space, Value } from "../../space/index.js";
import { checkSearch } from "./check-grid-search.js";
import { gridValues } from "./grid-values.js";

export interface GridOptions {
  /** Evenly spaced values for a float without `step` (default 5; log-spaced on log scale). */
  pointsPerFloat?: number;
  /**
   * Explicit values per parameter, like Optuna's GridSampler; each must be a legal value of
   * the parameter. Parameters not listed take their default grid values.
   */
  search?: Readonly<Record<string, readonly Value[]>>;
  /** Refuse grids larger than this (default 100000). */
  maxPoints?: number;
}

/** The options of `enumerateGrid` (the values of `search` are checked against the space when it is known). */
export const gridOptionsSchema = z.strictObject({
  pointsPerFloat: integerOption(1, "a positive integer"),
  // Each list is checked against the space by checkSearch, which words each problem.
  search: option(
    z.custom<Readonly<Record<string, readonly Value[]>>>((value) => value !== null && typeof value === "object" && !Array.isArray(value)),
    "a map from parameter names to lists of values",
  ),
  maxPoints: integerOption(1, "a positive integer"),
});

/**
 * Every configuration of the grid, in a fixed order (parameters in `space.names` order, the
 * first varying slowest). A parameter inactive under the values chosen so far is left out
 * rather than multiplied in, so a conditional space counts the sum of its branches, not the
 * product. Throws ValidationError for bad options or a grid past `maxPoints`.
 *
 * @example
 * enumerateGrid(Space.parse({ c: categorical(["a", "b", "c"]), n: int(1, 4) })).length; // 12
 */
export function enumerateGrid(space: Space, options: GridOptions = {}): Config[] {
  // Only the grid's own options: gridSampler passes its seed and shuffle along.
  parseOptions(gridOptionsSchema, { pointsPerFloat: options.pointsPerFloat, search: options.search, maxPoints: options.maxPoints }, "grid sampler");
  const pointsPerFloat = options.pointsPerFloat ?? 5;
  const maxPoints = options.maxPoints ?? 100_000;
  const search = options.search ?? {};
  checkSearch(space, search, Object.keys(gridOptionsSchema.shape));
  const values = new Map<string, readonly Value[]>();
  for (const name of space.names) {
    values.set(name, Object.hasOwn(search, name) ? search[name] : gridValues(space.params[name], pointsPerFloat));
  }

  const out: Config[] = [];
  const names = space.names;
  const visit = (index: number, config: Config): void => {
    if (index === names.length) {
      if (out.length >= maxPoints) throw tooLarge(maxPoints);
      out.push({ ...config });
      return;
    }
    const name = names[index];
    if (!space.isActive(name, config)) {
      visit(index + 1, config);
      return;
    }
    for (const value of values.get(name) ?? []) {
      config[name] = value;
      visit(index + 1, config);
    }
    delete config[name];
  };
  visit(0, {});
  return out;
}

/** A key equal for equal configurations of the space, whatever the order of their keys. */
export function configKey(space: Space, config: Config): string {
  return JSON.stringify(space.names.filter((name) => Object.hasOwn(config, name)).map((name) => [name, config[name]]));
}

function tooLarge(maxPoints: number): ValidationError {
  return new ValidationError(
    [
      {
        code: "grid_too_large",
        path: ["maxPoints"],
        message: `the grid has more than ${maxPoints} points: give floats a step, lower pointsPerFloat, pass explicit search values, or raise maxPoints`,
      },
    ],
    "grid sampler",
  );
}
