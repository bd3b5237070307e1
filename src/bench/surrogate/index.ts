/** Surrogate tasks: k-NN regression over a tabular task's data, with seeded residual noise, and its fit quality. */
export { surrogateTask, SurrogateTask, type SurrogateOptions } from "./surrogate-task.js";
export { surrogateFit, type LevelFit, type SurrogateFitOptions } from "./surrogate-fit.js";
export { KnnModel, weightedCost } from "./knn-model.js";
export { inverseDistanceWeights, nearestK, type Neighbours } from "./nearest-k.js";
export { rSquared, spearman } from "./fit-quality.js";
