/**
 * knobs: tune the configuration of compound LLM systems.
 *
 * @example
 * import { createStudy, float, categorical } from "knobs";
 * const study = await createStudy({ name: "demo", storage: "memory:", direction: "minimize",
 *   space: { x: float(-5, 5), kind: categorical(["a", "b"]) } });
 * await study.optimize((trial) => (trial.config.x as number) ** 2, { budget: { trials: 50 } });
 * console.log(study.bestTrial().config);
 */
export * from "./errors/index.js";
export * from "./space/index.js";
export * from "./storage/index.js";
export * from "./samplers/index.js";
export * from "./study/index.js";
export * from "./llm/index.js";
export type { Task, TaskSource, Evaluation as TaskEvaluation } from "./bench/task/index.js";
export { TaskDataError, ChecksumMismatchError } from "./bench/task/index.js";
export { getTask, listTasks, taskIds } from "./bench/builtin/index.js";
export { loadTabularTask, TabularTask } from "./bench/tabular/index.js";
export { surrogateTask, surrogateFit } from "./bench/surrogate/index.js";
export { syntheticFunctions, getSyntheticFunction, type SyntheticFunction } from "./bench/synthetic/index.js";
export { getSuite, suiteNames, registerSuite, type Suite } from "./bench/suites.js";
export { runBench, runOne, simulateRun, ResultsStore, type BenchPlan, type RunResult } from "./bench/runner/index.js";
export { analyze, renderMarkdown, renderHtml, type Analysis } from "./report/index.js";
export { OptimizerServer, TaskServer } from "./protocol/index.js";
export * from "./systems/rag/index.js";
export * from "./systems/multistage/index.js";
export * from "./systems/agent/index.js";
export * from "./agents/index.js";
export { startDashboard, renderStudyReport, readStudySnapshot, pedAnovaImportance, type DashboardOptions, type RunningDashboard, type StudySnapshot } from "./dashboard/index.js";
export { createOptimizer, optimizerNames, optimizerRegistry, MissingFidelityError, UnknownOptimizerError, type AgentTaskHooks, type OptimizerContext, type OptimizerEntry, type OptimizerKind } from "./optimizers/index.js";
