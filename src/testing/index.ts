export { runSampler, makeTrial, type RunSamplerOptions } from "./run-sampler.js";
