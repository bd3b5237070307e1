/** Regularized (aging) evolution. */
export { evolutionSampler, evolutionOptionsSchema, type EvolutionSamplerOptions } from "./evolution-sampler.js";
