/**
 * Multi-stage pipelines under a test-time compute budget (AgentTTS, Wang et al. 2025,
 * arXiv:2508.00890): each stage picks a model and a sample count, merged by majority vote or
 * best-of-N; compute in AgentTTS units (a 3B call of 128 + 64 tokens = 1), usd from prices,
 * tokens; `plannedCompute(config)` before running. The worked example is the live task
 * `multistage/2wiki` (retrieve-then-answer on AgentTTS' 2WikiMultiHopQA questions). See
 * docs/multistage.md.
 *
 * @example
 * import { twoWikiPipeline } from "knobs";
 * const pipeline = twoWikiPipeline({ budget: 850 });
 * const config = { "retrieve.model": "Qwen/Qwen2.5-72B-Instruct-AWQ", "retrieve.samples": 1, "answer.model": "meta-llama/Llama-3.2-3B-Instruct", "answer.samples": 10 };
 * pipeline.plannedCompute(config); // 814 + 12 = 826 units
 * pipeline.withinBudget(config); // true
 */
export type {
  Aggregation,
  CandidateModel,
  ItemRun,
  SampleResult,
  StageAllocation,
  StageContext,
  StageDefinition,
  StageRun,
} from "./spec.js";
export { AGENTTTS_REFERENCE, agentTtsCompute, type ComputeInput } from "./agenttts-compute.js";
export { bestOfN, majorityVote, type AggregationCandidate, type MajorityChoice } from "./aggregate.js";
export { MultiStagePipeline, type MultiStagePipelineOptions, type PipelineRun, type RunOptions } from "./multistage-pipeline.js";
export { multiStagePipelineOf } from "./pipeline-of.js";
export type { CallOptions } from "./run-stage.js";
export { SampleParseError } from "./sample-parse-error.js";
export { describeError, isReplyFailure } from "./reply-failure.js";
export { MissingLlmEndpointError } from "./missing-llm-endpoint-error.js";
export {
  LLM_API_KEY_ENV_ENV,
  LLM_BASE_URL_ENV,
  LLM_THREADS_ENV,
  LLM_CACHE_ENV,
  LLM_MODEL_MAP_ENV,
  providerFromEnv,
  servedModelFromEnv,
} from "./provider-from-env.js";

export { AGENTTTS_2WIKI_ENV, resolveTwoWikiFile } from "./two-wiki/data-path.js";
export { TwoWikiQuestions, type TwoWikiQuestionsOptions } from "./two-wiki/two-wiki-questions.js";
export { loadTwoWiki, TWO_WIKI_SHA256, TWO_WIKI_SOURCE, type LoadTwoWikiOptions, type TwoWikiData, type TwoWikiQuestion } from "./two-wiki/load-two-wiki.js";
export {
  parseSelection,
  retrieveMessages,
  retrieveStage,
  selectionRecall,
  selectionScore,
  type PassageSelection,
  type RetrieveStageOptions,
} from "./two-wiki/retrieve-stage.js";
export { answerMessages, answerStage, parseShortAnswer, type AnswerStageOptions } from "./two-wiki/answer-stage.js";
export {
  AGENTTTS_ANSWER_MODELS,
  AGENTTTS_RETRIEVE_MODELS,
  TWO_WIKI_DEFAULT_BUDGET,
  twoWikiPipeline,
  type TwoWikiPipelineOptions,
} from "./two-wiki/two-wiki-pipeline.js";
export {
  twoWikiTask,
  TwoWikiMultiStageTask,
  type ConstrainedEvaluation,
  type TwoWikiQuestionResult,
  type TwoWikiRun,
  type TwoWikiTaskOptions,
} from "./two-wiki/two-wiki-task.js";
