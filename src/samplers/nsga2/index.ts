/** NSGA-II with constraint domination. */
export { nsga2Sampler, nsga2OptionsSchema, type Nsga2SamplerOptions } from "./nsga2-sampler.js";
