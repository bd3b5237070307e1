export { createStudy, loadStudy, Study, type StudyOptions, type TellOutcome } from "./study.js";
export { Trial, type ResumePoint } from "./trial.js";
export { MAX_CONCURRENCY, type ObjectiveFunction, type OptimizeOptions, type OptimizeSummary } from "./optimize.js";
export { normalizeResult, readCost, type ObjectiveResult, type NormalizedResult } from "./objective-result.js";
export { parseBudget, parseDuration, budgetAllowsStart, type Budget, type ParsedBudget } from "./budget.js";
export { paretoFront } from "./pareto.js";
export { InvalidResultError, ParamMismatchError, StudyMismatchError, TrialPrunedError, TrialTimeoutError } from "./errors.js";
export { commandObjective, loadModuleObjective, ObjectiveCommandError, parseResultJson, type CommandObjectiveOptions } from "./objectives/index.js";
export { loadStudyConfig, parseStudyConfig, readYamlFile, studyConfigSchema, studyConfigJsonSchema, type LoadedStudyConfig, type StudyConfig, type StudyConfigOptions, type TaskDefaults, type TaskResolver } from "./config/index.js";
