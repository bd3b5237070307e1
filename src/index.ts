/**
 * knobs: tune the configuration of compound LLM systems.
 *
 * This file lists by hand what users import from "knobs"; a folder's helpers stay inside it.
 * More lives at subpaths: "knobs/bench" (tasks, suites, runner, statistics), "knobs/rag" (the
 * RAG pipeline's parts: chunkers, indexes, metrics) and "knobs/testing" (runSampler, the storage
 * conformance suite, the scripted OpenAI-compatible server).
 *
 * @example
 * import { createStudy, float, categorical } from "knobs";
 * const study = await createStudy({ name: "demo", storage: "memory:", direction: "minimize",
 *   space: { x: float(-5, 5), kind: categorical(["a", "b"]) } });
 * await study.optimize((trial) => (trial.config.x as number) ** 2, { budget: { trials: 50 } });
 * console.log(study.bestTrial().config);
 */

// Errors
export { KnobsError, ValidationError, InvalidOptionsError, ERROR_CODES, type ErrorCode, type Issue } from "./errors/index.js";

// Search spaces
export {
  Space,
  float,
  int,
  categorical,
  ordinal,
  simplex,
  text,
  cardinality,
  type CategoricalParam,
  type Config,
  type FloatParam,
  type IntParam,
  type OrdinalParam,
  type Param,
  type SimplexParam,
  type SpaceDefinition,
  type TextParam,
  type Value,
  type Weights,
  type When,
} from "./space/index.js";

// Storage
export {
  openStorage,
  MemoryStorage,
  DEFAULT_STORAGE_URL,
  addCost,
  sumCosts,
  DuplicateStudyError,
  NoSuchStorageError,
  NoSuchStudyError,
  StorageOpenError,
  StorageUnavailableError,
  StorageUrlError,
  TrialLimitReachedError,
  TrialNotRunningError,
  type ClaimOptions,
  type Cost,
  type CreateStudyInput,
  type CreateTrialInput,
  type Direction,
  type FinishTrialInput,
  type Objective,
  type OpenStorageOptions,
  type StaleTrialOptions,
  type Storage,
  type StudyRecord,
  type TrialPatch,
  type TrialRecord,
  type TrialState,
} from "./storage/index.js";

// Studies, trials and objectives
export {
  createStudy,
  loadStudy,
  Study,
  Trial,
  MAX_CONCURRENCY,
  paretoFront,
  parseBudget,
  parseDuration,
  commandObjective,
  loadModuleObjective,
  loadStudyConfig,
  parseStudyConfig,
  studyConfigSchema,
  studyConfigJsonSchema,
  dryRun,
  dryRunText,
  DEFAULT_BUDGET,
  InvalidResultError,
  ObjectiveCommandError,
  ParamMismatchError,
  StudyMismatchError,
  TrialPrunedError,
  TrialTimeoutError,
  type Budget,
  type CommandObjectiveOptions,
  type DryRunReport,
  type LoadedStudyConfig,
  type ObjectiveFunction,
  type ObjectiveResult,
  type OptimizeOptions,
  type OptimizeSummary,
  type ParsedBudget,
  type ResumePoint,
  type StudyConfig,
  type StudyConfigOptions,
  type StudyOptions,
  type TellOutcome,
} from "./study/index.js";

// Samplers
export {
  DEFAULT_OPTIMIZER,
  autoSampler,
  chooseSampler,
  randomSampler,
  qmcSampler,
  gridSampler,
  tpeSampler,
  motpeSampler,
  gpSampler,
  cmaesSampler,
  evolutionSampler,
  nsga2Sampler,
  UnsupportedObjectivesError,
  type AutoChoice,
  type AutoSamplerOptions,
  type CmaEsSamplerOptions,
  type EvolutionSamplerOptions,
  type GpSamplerOptions,
  type GridSamplerOptions,
  type Nsga2SamplerOptions,
  type Proposal,
  type Pruner,
  type QmcSamplerOptions,
  type RandomSamplerOptions,
  type Sampler,
  type SamplerContext,
  type TpeSamplerOptions,
} from "./samplers/index.js";

// Multi-fidelity: levels, schedulers (which wrap a sampler), pruners
export {
  fidelityLevels,
  FidelityLevels,
  exampleSubset,
  InvalidFidelityError,
  successiveHalvingSampler,
  hyperbandSampler,
  ashaSampler,
  bohbSampler,
  mfSampler,
  chooseScheduler,
  autoScheduler,
  createPruner,
  prunerNames,
  medianPruner,
  successiveHalvingPruner,
  wilcoxonPruner,
  fidelityCorrelation,
  type AshaOptions,
  type BohbOptions,
  type FidelityInput,
  type FidelityKind,
  type FidelityLevel,
  type FidelityLevelsOptions,
  type HyperbandOptions,
  type LevelCorrelation,
  type LevelInput,
  type MedianPrunerOptions,
  type MfOptions,
  type SchedulerChoice,
  type SchedulerOptions,
  type SuccessiveHalvingOptions,
  type SuccessiveHalvingPrunerOptions,
  type WilcoxonPrunerOptions,
} from "./fidelity/index.js";

// LLM-guided optimizers and the sandbox
export {
  allocationOptimizer,
  researchOptimizer,
  generativeOptimizer,
  hybridOptimizer,
  bestArtifact,
  trajectory,
  heuristicPolicy,
  llmPolicy,
  FEEDBACK_ATTR,
  AgentReplyError,
  runSandboxed,
  outputOrThrow,
  sandboxIsolation,
  SandboxViolationError,
  type AgentLlmOptions,
  type AllocationOptions,
  type GenerativeOptimizer,
  type GenerativeOptions,
  type GenerativeRecord,
  type HybridOptions,
  type HybridRecord,
  type ResearchOptions,
  type ResearchPolicy,
  type ResearchRecord,
  type SandboxIsolation,
  type SandboxOptions,
  type SandboxResult,
  type TrajectoryStep,
} from "./agents/index.js";

// LLM access
export {
  openAICompatible,
  aiSdkProvider,
  llamaCpp,
  NODE_LLAMA_CPP_VERSION,
  LocalRuntimeMissingError,
  LocalModelMissingError,
  metered,
  withReplayCache,
  ReplayCache,
  RateLimiter,
  OPENAI_PRICES,
  extendPrices,
  findPrice,
  priceUsage,
  toLedgerCost,
  addCosts,
  estimateChatTokens,
  rejectsResponseFormat,
  DEFAULT_OUTPUT_TOKEN_ESTIMATE,
  DEFAULT_RETRY_POLICY,
  LlmError,
  LlmAbortedError,
  LlmApiError,
  LlmNetworkError,
  LlmResponseError,
  LlmTimeoutError,
  MissingApiKeyError,
  ReplayMissError,
  UnknownModelError,
  UnsupportedResponseFormatError,
  type AiSdkEmbeddingModelLike,
  type AiSdkLanguageModelLike,
  type AiSdkProviderOptions,
  type CallPolicyOptions,
  type ChatMessage,
  type ChatRequest,
  type ChatResponse,
  type ChatRole,
  type EmbedRequest,
  type EmbedResponse,
  type FinishReason,
  type JsonSchema,
  type JsonSchemaResponseFormat,
  type LlmCost,
  type LlmEvent,
  type LlamaCppOptions,
  type LocalProvider,
  type MaxTokensField,
  type MeteredProvider,
  type ModelPrice,
  type OpenAICompatibleOptions,
  type PriceTable,
  type Provider,
  type RateLimit,
  type ReplayCacheOptions,
  type ReplayMode,
  type ResponsePart,
  type RetryPolicy,
  type Timing,
  type ToolCall,
  type ToolDefinition,
  type Usage,
} from "./llm/index.js";

// Tunable LLM systems (the RAG pipeline's parts are in "knobs/rag")
export {
  ragPipeline,
  ragSpace,
  RAG_SPACE,
  DEFAULT_RAG_CONFIG,
  loadCorpusFolder,
  corpusTask,
  chromaChunkingTask,
  RagRetrievalTask,
  llmJudge,
  llmReranker,
  CorpusDataError,
  type ChromaChunkingTaskOptions,
  type Corpus,
  type CorpusTaskOptions,
  type RagDocument,
  type RagPipeline,
  type RagPipelineOptions,
  type RagQuestion,
  type RagSettings,
  type RagSpaceOptions,
} from "./systems/rag/index.js";
export {
  twoWikiTask,
  TwoWikiMultiStageTask,
  twoWikiPipeline,
  MultiStagePipeline,
  multiStagePipelineOf,
  providerFromEnv,
  MissingLlmEndpointError,
  bestOfN,
  majorityVote,
  type MultiStagePipelineOptions,
  type StageDefinition,
  type TwoWikiPipelineOptions,
  type TwoWikiTaskOptions,
} from "./systems/multistage/index.js";
export {
  runAgent,
  passageSearchTool,
  agentSpace,
  twoWikiSearchTask,
  TwoWikiSearchTask,
  type AgentRun,
  type AgentSettings,
  type AgentTool,
  type PassageSearchOptions,
  type RunAgentOptions,
  type TwoWikiSearchTaskOptions,
} from "./systems/agent/index.js";

// Benchmarks (more in "knobs/bench")
export type { Task, TaskSource, Evaluation as TaskEvaluation } from "./bench/task/index.js";
export { TaskDataError, ChecksumMismatchError, taskObjective } from "./bench/task/index.js";
export { getTask, listTasks, taskIds } from "./bench/builtin/index.js";
export { loadTabularTask, TabularTask } from "./bench/tabular/index.js";
export { surrogateTask, surrogateFit } from "./bench/surrogate/index.js";
export { syntheticFunctions, getSyntheticFunction, type SyntheticFunction } from "./bench/synthetic/index.js";
export { getSuite, suiteNames, registerSuite, type Suite } from "./bench/suites.js";
export { runBench, runOne, simulateRun, ResultsStore, type BenchPlan, type RunResult } from "./bench/runner/index.js";

// Reports, protocols, dashboard
export { analyze, renderMarkdown, renderHtml, type Analysis } from "./report/index.js";
export { OptimizerServer, TaskServer } from "./protocol/index.js";
export { startDashboard, renderStudyReport, readStudySnapshot, pedAnovaImportance, type DashboardOptions, type RunningDashboard, type StudySnapshot } from "./dashboard/index.js";
export { createOptimizer, optimizerNames, optimizerRegistry, MissingFidelityError, UnknownOptimizerError, type AgentTaskHooks, type OptimizerContext, type OptimizerEntry, type OptimizerKind } from "./optimizers/index.js";
