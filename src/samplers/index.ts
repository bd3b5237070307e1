/** Samplers: what proposes the next configuration. */
export type { Proposal, Pruner, Sampler, SamplerContext } from "./spec.js";
export { createSampler, samplerNames, type SamplerOptions } from "./registry.js";
export { randomSampler, type RandomSamplerOptions } from "./random.js";
export { qmcSampler, type QmcSamplerOptions } from "./qmc/index.js";
export { gridSampler, type GridSamplerOptions } from "./grid/index.js";
export { completedTrials, isFeasible, lossesOf, violation } from "./history.js";
export { autoSampler, chooseSampler, type AutoChoice, type AutoSamplerOptions } from "./auto.js";
export { cmaesSampler, type CmaEsSamplerOptions } from "./cmaes/index.js";
export { evolutionSampler, type EvolutionSamplerOptions } from "./evolution/index.js";
export { nsga2Sampler, type Nsga2SamplerOptions } from "./nsga2/index.js";
export { UnsupportedObjectivesError } from "./errors.js";
export { gpSampler, type GpSamplerOptions } from "./gp/index.js";
export { tpeSampler, motpeSampler, type TpeSamplerOptions } from "./tpe/index.js";
