/** CMA-ES with IPOP restarts and an integer margin. */
export { cmaesSampler, cmaesOptionsSchema, type CmaEsSamplerOptions } from "./cmaes-sampler.js";
