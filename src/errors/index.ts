export { KnobsError } from "./knobs-error.js";
export { ValidationError, formatIssue, formatPath, issuesFromSchema, type Issue, type SchemaIssue } from "./validation-error.js";
export { didYouMean, nearestName } from "./nearest-name.js";
export { InvalidOptionsError } from "./invalid-options-error.js";
export { optionIssue, parseOptions, unknownOptionIssue, type OptionsSchema } from "./parse-options.js";
export { integerOption, option, probabilityOption, seedOption, switchOption } from "./option-fields.js";
