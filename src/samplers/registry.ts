import { KnobsError } from "../errors/index.js";
import { autoSampler } from "./auto.js";
import { cmaesSampler } from "./cmaes/index.js";
import { evolutionSampler } from "./evolution/index.js";
import { gpSampler } from "./gp/index.js";
import { gridSampler } from "./grid/index.js";
import { nsga2Sampler } from "./nsga2/index.js";
import { qmcSampler } from "./qmc/index.js";
import { motpeSampler, tpeSampler } from "./tpe/index.js";
import { randomSampler } from "./random.js";
import type { Sampler } from "./spec.js";

/** Options every sampler factory takes, plus its own (passed through unchecked here). */
export type SamplerOptions = { seed?: number } & Record<string, unknown>;

type SamplerFactory = (options: SamplerOptions) => Sampler;

/**
 * Samplers by the names used in study YAML, `--optimizer` and the protocol.
 * Each factory checks its own options.
 */
const factories: Record<string, SamplerFactory> = {
  random: (options) => randomSampler(options),
  qmc: (options) => qmcSampler(options),
  grid: (options) => gridSampler(options),
  tpe: (options) => tpeSampler(options),
  motpe: (options) => motpeSampler(options),
  gp: (options) => gpSampler(options),
  cmaes: (options) => cmaesSampler(options),
  evolution: (options) => evolutionSampler(options),
  nsga2: (options) => nsga2Sampler(options),
  auto: (options) => autoSampler(options, (name, rest) => createSampler(name, rest)),
};

/** The names `createSampler` accepts. */
export function samplerNames(): string[] {
  return Object.keys(factories);
}

/** Makes a sampler by name; throws a KnobsError naming the known samplers for an unknown name. */
export function createSampler(name: string, options: SamplerOptions = {}): Sampler {
  const factory = Object.hasOwn(factories, name) ? factories[name] : undefined;
  if (!factory) {
    throw new KnobsError("unknown_sampler", `unknown optimizer "${name}": expected one of ${samplerNames().join(", ")}`);
  }
  return factory(options);
}
