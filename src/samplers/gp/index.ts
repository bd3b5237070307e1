/** Gaussian-process Bayesian optimization for single-objective studies. */
export { gpSampler, gpOptionsSchema, type GpSamplerOptions } from "./gp-sampler.js";
