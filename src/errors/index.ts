export { KnobsError } from "./knobs-error.js";
export { ValidationError, formatIssue, formatPath, issuesFromSchema, type Issue, type SchemaIssue } from "./validation-error.js";
export { didYouMean, nearestName } from "./nearest-name.js";
