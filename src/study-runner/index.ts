/**
 * The study use case: load and fully resolve a study config (budget and durations parsed,
 * the objective of any kind, the optimizer through the registry), run it, summarize it.
 * `knobs optimize` and `knobs worker` call it and keep only arguments, output and exit codes.
 */
export { loadStudyRunConfig, makeStudyOptimizer, resolveStudyRun, storedStudyRunConfig, type StudyRun } from "./load-study-run.js";
export { runStudy, type RunStudyOptions } from "./run-study.js";
export { summarizeStudy, type StudyRunReport } from "./summarize-study.js";
export { taskDefaults, taskOf } from "./task-of.js";
