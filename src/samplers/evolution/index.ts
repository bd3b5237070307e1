/** Regularized (aging) evolution. */
export { evolutionSampler, type EvolutionSamplerOptions } from "./evolution-sampler.js";
