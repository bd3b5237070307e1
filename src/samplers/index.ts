/** Samplers: what proposes the next configuration. */
export type { Proposal, Pruner, Sampler, SamplerContext } from "./spec.js";
export { isSampler } from "./is-sampler.js";
export { randomOptionsSchema, randomSampler, type RandomSamplerOptions } from "./random.js";
export { qmcOptionsSchema, qmcSampler, type QmcSamplerOptions } from "./qmc/index.js";
export { gridSampler, gridSamplerOptionsSchema, type GridSamplerOptions } from "./grid/index.js";
export { completedTrials, isFeasible, lossesOf, violation } from "./history.js";
export { autoOptionsSchema, autoSampler, chooseSampler, DEFAULT_OPTIMIZER, type AutoChoice, type AutoSamplerOptions } from "./auto.js";
export { cmaesOptionsSchema, cmaesSampler, type CmaEsSamplerOptions } from "./cmaes/index.js";
export { evolutionOptionsSchema, evolutionSampler, type EvolutionSamplerOptions } from "./evolution/index.js";
export { nsga2OptionsSchema, nsga2Sampler, type Nsga2SamplerOptions } from "./nsga2/index.js";
export { UnsupportedObjectivesError } from "./errors.js";
export { gpOptionsSchema, gpSampler, type GpSamplerOptions } from "./gp/index.js";
export { tpeOptionsSchema, tpeSampler, motpeSampler, type TpeSamplerOptions } from "./tpe/index.js";
