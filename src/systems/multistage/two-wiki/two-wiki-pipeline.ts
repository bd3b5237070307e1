import type { PriceTable } from "../../../llm/index.js";
import { MultiStagePipeline } from "../multistage-pipeline.js";
import type { CandidateModel } from "../spec.js";
import { answerStage } from "./answer-stage.js";
import type { TwoWikiQuestion } from "./load-two-wiki.js";
import { retrieveStage } from "./retrieve-stage.js";

/** AgentTTS' retrieval models for 2WikiMultiHopQA (code_others/AgentTTS.py): Qwen2.5 7B, 32B, 72B Instruct (AWQ). */
export const AGENTTTS_RETRIEVE_MODELS: readonly CandidateModel[] = [
  { name: "Qwen/Qwen2.5-7B-Instruct-AWQ", paramsBillions: 7 },
  { name: "Qwen/Qwen2.5-32B-Instruct-AWQ", paramsBillions: 32 },
  { name: "Qwen/Qwen2.5-72B-Instruct-AWQ", paramsBillions: 72 },
];

/** AgentTTS' question-answering models for 2WikiMultiHopQA: Llama 3.2 3B, 3.1 8B, 3.1 70B Instruct. */
export const AGENTTTS_ANSWER_MODELS: readonly CandidateModel[] = [
  { name: "meta-llama/Llama-3.2-3B-Instruct", paramsBillions: 3 },
  { name: "meta-llama/Llama-3.1-8B-Instruct", paramsBillions: 8 },
  { name: "meta-llama/Llama-3.1-70B-Instruct", paramsBillions: 70 },
];

/**
 * Default compute budget per question, in AgentTTS units: room for the largest retrieval model
 * with one sample (814 units) plus a small answer allocation (the upstream search script's
 * default is 1000).
 */
export const TWO_WIKI_DEFAULT_BUDGET = 850;

export interface TwoWikiPipelineOptions {
  /** Candidate models of the retrieval stage (default AGENTTTS_RETRIEVE_MODELS). */
  retrieveModels?: readonly CandidateModel[];
  /** Candidate models of the answer stage (default AGENTTTS_ANSWER_MODELS). */
  answerModels?: readonly CandidateModel[];
  /** Planned compute allowed per question, AgentTTS units (default 850); null: none. */
  budget?: number | null;
  /** Most samples a stage may draw (default 100, AgentTTS' range is 1..100). */
  maxSamples?: number;
  /** How retrieval samples merge: `majority-vote` over selected sets (default) or `best-of-n` by question-term coverage. */
  retrieveAggregation?: "majority-vote" | "best-of-n";
  /** Passages a selection keeps at most (default 8). */
  maxSelected?: number;
  /** Sampling temperature of both stages (default 0.7). */
  temperature?: number;
  /** Prices for models without their own (default: what the provider charges; unknown stays unknown). */
  prices?: PriceTable;
}

/**
 * The retrieve-then-answer pipeline of AgentTTS on 2WikiMultiHopQA: stage `retrieve` picks the
 * passages needed among the ~100 candidates, stage `answer` answers from them. Config space:
 * `retrieve.model`, `retrieve.samples`, `answer.model`, `answer.samples`.
 *
 * @example
 * const pipeline = twoWikiPipeline();
 * pipeline.plannedCompute({ "retrieve.model": "Qwen/Qwen2.5-72B-Instruct-AWQ", "retrieve.samples": 1, "answer.model": "meta-llama/Llama-3.2-3B-Instruct", "answer.samples": 1 }); // 814 + 3
 */
export function twoWikiPipeline(options: TwoWikiPipelineOptions = {}): MultiStagePipeline<TwoWikiQuestion> {
  const samples = { min: 1, max: options.maxSamples ?? 100 };
  return new MultiStagePipeline<TwoWikiQuestion>({
    stages: [
      retrieveStage({
        models: options.retrieveModels ?? AGENTTTS_RETRIEVE_MODELS,
        samples,
        aggregation: options.retrieveAggregation,
        maxSelected: options.maxSelected,
        temperature: options.temperature,
      }),
      answerStage({ models: options.answerModels ?? AGENTTTS_ANSWER_MODELS, samples, temperature: options.temperature }),
    ],
    budget: options.budget === undefined ? TWO_WIKI_DEFAULT_BUDGET : options.budget,
    prices: options.prices,
  });
}
