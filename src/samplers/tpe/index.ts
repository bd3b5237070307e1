/** Tree-structured Parzen Estimator, single- and multi-objective (MOTPE). */
export { tpeSampler, motpeSampler } from "./tpe-sampler.js";
export { tpeOptionsSchema, type TpeSamplerOptions } from "./options.js";
export { defaultGamma, defaultWeights } from "./gamma-and-weights.js";
