/** CMA-ES with IPOP restarts and an integer margin. */
export { cmaesSampler, type CmaEsSamplerOptions } from "./cmaes-sampler.js";
