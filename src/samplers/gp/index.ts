/** Gaussian-process Bayesian optimization for single-objective studies. */
export { gpSampler, type GpSamplerOptions } from "./gp-sampler.js";
