/** Pruners: stop unpromising trials early from their intermediate values. */
export { medianPruner, medianPrunerOptionsSchema, type MedianPrunerOptions } from "./median-pruner.js";
export { successiveHalvingPruner, successiveHalvingPrunerOptionsSchema, type SuccessiveHalvingPrunerOptions } from "./successive-halving-pruner.js";
export { wilcoxonPruner, wilcoxonPrunerOptionsSchema, worseOneSidedP, type WilcoxonPrunerOptions } from "./wilcoxon-pruner.js";
export { createPruner, prunerNames } from "./create-pruner.js";
