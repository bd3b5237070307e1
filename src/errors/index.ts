export { KnobsError } from "./knobs-error.js";
export { ValidationError, formatIssue, formatPath, type Issue } from "./validation-error.js";
