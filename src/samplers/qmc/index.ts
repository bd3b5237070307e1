/** Quasi-random search with a scrambled Sobol sequence, and the sequence itself. */
export { qmcSampler, qmcOptionsSchema, type QmcSamplerOptions } from "./qmc-sampler.js";
export { SobolSequence, type SobolSequenceOptions } from "./sobol-sequence.js";
export { SOBOL_MAX_DIMENSION, sobolDirections } from "./sobol-directions.js";
