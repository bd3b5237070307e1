export type { CategoricalParam, Config, FloatParam, IntParam, OrdinalParam, Param, SpaceDefinition, Value, When } from "./spec.js";
export { Space, sameParam } from "./space.js";
export { categorical, float, int, ordinal } from "./builders.js";
export { cardinality, decodeValue, encodeValue, snapToStep } from "./param-codec.js";
export { checkValue } from "./check-value.js";
