export { Rng, deriveSeed, rngFor } from "./rng.js";
export { dominates, nondominatedSort, paretoFrontIndices } from "./pareto.js";
