export type { CategoricalParam, Config, FloatParam, IntParam, OrdinalParam, Param, SimplexParam, SpaceDefinition, TextParam, Value, Weights, When } from "./spec.js";
export { Space, sameParam } from "./space.js";
export { categorical, float, int, ordinal, simplex, text } from "./builders.js";
export { cardinality, decodeValue, encodeValue, sampleValue, snapToStep } from "./param-codec.js";
export { compositionOf, concentrationOf, evenWeights, isWeights, nearWeights, sampleWeights, SIMPLEX_SUM_TOLERANCE, weightsFromComposition } from "./simplex-param.js";
export { checkValue } from "./check-value.js";
