import { Space, snapToStep, type Config, type Param, type SpaceDefinition, type Value } from "../space/index.js";
import { configKey } from "./config-key.js";
import { InvalidFidelityError } from "./invalid-fidelity-error.js";

/**
 * How a fidelity parameter's levels are read: `ordinal` (its values in order), `numeric`
 * (a geometric ladder on an int or float range) or `examples` (an int range of example
 * counts scored on nested, fixed-per-seed subsets: see `exampleSubset`).
 */
export type FidelityKind = "ordinal" | "numeric" | "examples";

/** One rung of the ladder: the fidelity to run at and how much resource it stands for. */
export interface FidelityLevel {
  /** 0 for the lowest level. */
  index: number;
  /** The fidelity configuration, e.g. `{ examples: 100 }` or `{ model: "7B" }`. */
  fidelity: Config;
  /** Resource amount (e.g. examples, or index + 1 for ordinal values); grows with the index. */
  resource: number;
}

/** An explicit level, lowest first; `resource` defaults to index + 1. */
export interface LevelInput {
  fidelity: Config;
  resource?: number;
}

/** What a scheduler accepts as its fidelity: a Space, its JSON, a list of levels, or ready levels. */
export type FidelityInput = Space | SpaceDefinition | readonly LevelInput[] | FidelityLevels;

export interface FidelityLevelsOptions {
  /** Ratio between consecutive levels of a numeric ladder (default 3). */
  eta?: number;
  /** Resource of each value of an ordinal parameter, lowest first (default index + 1). */
  resources?: Record<string, readonly number[]>;
  /** Marks int parameters whose values are example counts (e.g. `{ examples: "examples" }`). */
  kinds?: Record<string, "examples">;
}

/**
 * An ordered ladder of fidelity levels, lowest to highest, with a resource per level and a
 * lookup from a trial's fidelity back to its level.
 */
export class FidelityLevels {
  readonly levels: readonly FidelityLevel[];
  /** Kind of each fidelity parameter (empty for explicit level lists). */
  readonly kinds: Readonly<Record<string, FidelityKind>>;
  private readonly byKey: Map<string, number>;

  constructor(levels: readonly FidelityLevel[], kinds: Record<string, FidelityKind> = {}) {
    if (levels.length === 0) throw new InvalidFidelityError("a fidelity needs at least one level");
    this.levels = levels;
    this.kinds = kinds;
    this.byKey = new Map();
    levels.forEach((level, i) => {
      const key = configKey(level.fidelity);
      if (this.byKey.has(key)) throw new InvalidFidelityError(`level ${i} repeats the fidelity ${JSON.stringify(level.fidelity)}`);
      if (!(level.resource > 0) || !Number.isFinite(level.resource)) {
        throw new InvalidFidelityError(`level ${i} needs a finite resource > 0, got ${level.resource}`);
      }
      this.byKey.set(key, i);
    });
  }

  /** Number of levels. */
  get count(): number {
    return this.levels.length;
  }

  /** The highest level (full fidelity). */
  get top(): FidelityLevel {
    return this.levels[this.levels.length - 1];
  }

  /** The level index of a trial's fidelity, or -1 when it is not one of the levels. */
  indexOf(fidelity: Config | null): number {
    if (fidelity === null) return -1;
    return this.byKey.get(configKey(fidelity)) ?? -1;
  }
}

/**
 * Turns a fidelity Space (or an explicit list of levels) into an ordered ladder, lowest to
 * highest. Ordinal parameters contribute one level per value (resource index + 1, or the
 * `resources` given). Int and float ranges (low > 0) contribute a geometric ladder anchored
 * at `high`: high, high/eta, high/eta^2, ... down to no less than `low` (ints rounded and
 * snapped to their step, duplicates dropped); the resource of a numeric level is its value.
 * Several parameters move together: the longest ladder sets the number of levels and each
 * shorter one is spread evenly over it; the resource is the product of the parameters'.
 *
 * @example
 * fidelityLevels({ examples: { type: "int", low: 1, high: 27 } }).levels.map((l) => l.resource); // [1, 3, 9, 27]
 * fidelityLevels({ model: { type: "ordinal", values: ["1B", "7B", "70B"] } }, { resources: { model: [1, 7, 70] } });
 */
export function fidelityLevels(input: FidelityInput, options: FidelityLevelsOptions = {}): FidelityLevels {
  if (input instanceof FidelityLevels) return input;
  if (Array.isArray(input)) return explicitLevels(input as readonly LevelInput[]);
  const space = input instanceof Space ? input : Space.parse(input, { source: "fidelity space" });
  const eta = options.eta ?? 3;
  if (!(eta > 1) || !Number.isFinite(eta)) throw new InvalidFidelityError(`eta must be a finite number > 1, got ${eta}`);
  if (space.size === 0) throw new InvalidFidelityError("the fidelity space has no parameter");
  const kinds: Record<string, FidelityKind> = {};
  const ladders = space.names.map((name) => {
    const param = space.params[name];
    if (param.when) throw new InvalidFidelityError("a fidelity parameter cannot be conditional (`when`)", name);
    const kind = kindOf(name, param, options.kinds?.[name]);
    kinds[name] = kind;
    return ladderOf(name, param, kind, eta, options.resources?.[name]);
  });
  const count = Math.max(...ladders.map((ladder) => ladder.length));
  const levels: FidelityLevel[] = [];
  for (let i = 0; i < count; i++) {
    const fidelity: Config = {};
    let resource = 1;
    space.names.forEach((name, p) => {
      const ladder = ladders[p];
      const step = count === 1 ? 0 : Math.round((i * (ladder.length - 1)) / (count - 1));
      fidelity[name] = ladder[step].value;
      resource *= ladder[step].resource;
    });
    levels.push({ index: i, fidelity, resource });
  }
  return new FidelityLevels(levels, kinds);
}

function explicitLevels(input: readonly LevelInput[]): FidelityLevels {
  return new FidelityLevels(input.map((level, index) => ({ index, fidelity: { ...level.fidelity }, resource: level.resource ?? index + 1 })));
}

function kindOf(name: string, param: Param, marked: "examples" | undefined): FidelityKind {
  if (marked === "examples") {
    if (param.type !== "int" || param.low < 1) throw new InvalidFidelityError("an examples fidelity must be an int range with low >= 1", name);
    return "examples";
  }
  if (param.type === "ordinal") return "ordinal";
  if (param.type === "categorical") {
    throw new InvalidFidelityError("a categorical parameter has no order: declare it `ordinal` (values lowest to highest)", name);
  }
  return "numeric";
}

function ladderOf(name: string, param: Param, kind: FidelityKind, eta: number, resources: readonly number[] | undefined): { value: Value; resource: number }[] {
  if (param.type === "ordinal") {
    if (resources && resources.length !== param.values.length) {
      throw new InvalidFidelityError(`expected ${param.values.length} resources (one per value), got ${resources.length}`, name);
    }
    return param.values.map((value, i) => ({ value, resource: resources ? resources[i] : i + 1 }));
  }
  if (param.type === "categorical") throw new InvalidFidelityError("a categorical parameter has no order", name);
  if (param.type === "text") throw new InvalidFidelityError("a text parameter cannot be a fidelity", name);
  if (param.type === "simplex") throw new InvalidFidelityError("a simplex parameter cannot be a fidelity", name);
  if (!(param.low > 0)) throw new InvalidFidelityError(`a ${kind} fidelity range needs low > 0 for a geometric ladder, got low = ${param.low}`, name);
  const values: number[] = [];
  // Anchored at high so the top level is full fidelity; 1e-9 absorbs rounding in high / eta^k.
  for (let v = param.high; v >= param.low * (1 - 1e-9); v /= eta) {
    let value = param.type === "int" ? Math.round(v) : Number(v.toPrecision(12));
    if (param.step !== undefined) value = snapToStep(value, param.low, param.step);
    value = Math.min(param.high, Math.max(param.low, value));
    if (values[values.length - 1] !== value) values.push(value);
  }
  return values.reverse().map((value) => ({ value, resource: value }));
}
