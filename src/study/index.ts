export { createStudy, loadStudy, Study, type StudyOptions, type TellOutcome } from "./study.js";
export { Trial, type ResumePoint } from "./trial.js";
export type { ObjectiveFunction, OptimizeOptions, OptimizeSummary } from "./optimize.js";
export { normalizeResult, readCost, type ObjectiveResult, type NormalizedResult } from "./objective-result.js";
export { parseBudget, parseDuration, budgetAllowsStart, DEFAULT_BUDGET, isParsedBudget, type Budget, type ParsedBudget } from "./budget.js";
export { paretoFront } from "./pareto.js";
export { InvalidResultError, ParamMismatchError, StudyMismatchError, TrialPrunedError, TrialTimeoutError } from "./errors.js";
export { commandObjective, loadModuleObjective, ObjectiveCommandError, parseResultJson, type CommandObjectiveOptions } from "./objectives/index.js";
export { loadStudyConfig, parseStudyConfig, readYamlFile, STORED_CONFIG_KEY, studyConfigSchema, studyConfigJsonSchema, type LoadedStudyConfig, type ObjectiveSpec, type StoredStudyConfig, type StudyConfig, type StudyConfigOptions, type TaskDefaults, type TaskResolver } from "./config/index.js";
