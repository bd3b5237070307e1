export type { CategoricalParam, Config, FloatParam, IntParam, OrdinalParam, Param, SpaceDefinition, TextParam, Value, When } from "./spec.js";
export { Space, sameParam } from "./space.js";
export { categorical, float, int, ordinal, text } from "./builders.js";
export { cardinality, decodeValue, encodeValue, snapToStep } from "./param-codec.js";
export { checkValue } from "./check-value.js";
