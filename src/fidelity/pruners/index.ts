/** Pruners: stop unpromising trials early from their intermediate values. */
export { medianPruner, type MedianPrunerOptions } from "./median-pruner.js";
export { successiveHalvingPruner, type SuccessiveHalvingPrunerOptions } from "./successive-halving-pruner.js";
export { wilcoxonPruner, worseOneSidedP, type WilcoxonPrunerOptions } from "./wilcoxon-pruner.js";
export { createPruner, prunerNames } from "./create-pruner.js";
