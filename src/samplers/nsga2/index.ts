/** NSGA-II with constraint domination. */
export { nsga2Sampler, type Nsga2SamplerOptions } from "./nsga2-sampler.js";
