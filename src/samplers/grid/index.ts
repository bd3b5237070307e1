/** Exhaustive grid search over a space, conditions included. */
export { gridSampler, gridSamplerOptionsSchema, type GridSamplerOptions } from "./grid-sampler.js";
export { enumerateGrid, configKey, type GridOptions } from "./enumerate-grid.js";
export { gridValues } from "./grid-values.js";
