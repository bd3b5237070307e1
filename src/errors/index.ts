export { KnobsError } from "./knobs-error.js";
export { ValidationError, formatIssue, formatPath, issuesFromSchema, type Issue, type SchemaIssue } from "./validation-error.js";
export { didYouMean, nearestName } from "./nearest-name.js";
export { InvalidOptionsError } from "./invalid-options-error.js";
export { optionIssue, parseOptions, unknownOptionIssue, type OptionsSchema } from "./parse-options.js";
export { integerOption, option, probabilityOption, seedOption, switchOption } from "./option-fields.js";
export { ERROR_CODES, ISSUE_CODES, isErrorCode, type ErrorCode } from "./error-codes.js";
export { InvalidArgumentError } from "./invalid-argument-error.js";
export { MissingArgumentError } from "./missing-argument-error.js";
