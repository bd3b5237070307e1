/**
 * knobs/bench: the benchmark suite as a library. Tasks (built-in, tabular folders, surrogates,
 * synthetic functions), suites, the runner on a simulated clock and its statistics. The
 * `knobs bench` command is built on these.
 */
export type { Task, TaskSource, Evaluation as TaskEvaluation, FidelityCost } from "./task/index.js";
export { TaskDataError, ChecksumMismatchError, taskObjective } from "./task/index.js";
export { getTask, listTasks, taskIds, resolveTaskRef, type BuiltinTask, type TaskKind } from "./builtin/index.js";
export { loadTabularTask, TabularTask, type LoadTabularOptions } from "./tabular/index.js";
export { surrogateTask, surrogateFit, type SurrogateOptions, type SurrogateFitOptions } from "./surrogate/index.js";
export { syntheticFunctions, getSyntheticFunction, type SyntheticFunction } from "./synthetic/index.js";
export { getSuite, suiteNames, registerSuite, type Suite, type SuiteTask } from "./suites.js";
export {
  runBench,
  runOne,
  simulateRun,
  ResultsStore,
  RUN_TRIAL_CAP,
  externalOptimizer,
  ExternalOptimizerError,
  type BenchPlan,
  type BenchProgress,
  type RunBudget,
  type RunJob,
  type RunResult,
  type SimulateOptions,
  type SimulatedRun,
} from "./runner/index.js";
export { averageRanks, bootstrapCI, friedmanTest, iqm, nemenyiCriticalDifference, wilcoxonSignedRank, type ConfidenceInterval, type FriedmanResult } from "./stats/index.js";
