/** The Task interface every benchmark task implements, and the errors loading a task can raise. */
export type { Evaluation, FidelityCost, Objective, Task, TaskSource } from "./spec.js";
export { TaskDataError, describeLocation, type DataLocation } from "./task-data-error.js";
export { ChecksumMismatchError } from "./checksum-mismatch-error.js";
export { UnknownTaskError } from "./unknown-task-error.js";
export { taskObjective } from "./task-objective.js";
