import type { Evaluation, Objective, Task, TaskSource } from "../../../bench/task/index.js";
import type { Provider } from "../../../llm/index.js";
import type { Config, Space } from "../../../space/index.js";
import { exactMatch, tokenF1 } from "../../rag/index.js";
import type { MultiStagePipeline, PipelineRun } from "../multistage-pipeline.js";
import { providerFromEnv, servedModelFromEnv } from "../provider-from-env.js";
import { TWO_WIKI_SOURCE, type TwoWikiData, type TwoWikiQuestion } from "./load-two-wiki.js";
import { selectionRecall, type PassageSelection } from "./retrieve-stage.js";
import { twoWikiPipeline, type TwoWikiPipelineOptions } from "./two-wiki-pipeline.js";
import { TwoWikiQuestions, type TwoWikiQuestionsOptions } from "./two-wiki-questions.js";

/** An evaluation with constraint values: each <= 0 when satisfied (here: planned compute minus the budget). */
export interface ConstrainedEvaluation extends Evaluation {
  constraints?: number[];
}

export interface TwoWikiTaskOptions extends TwoWikiPipelineOptions, TwoWikiQuestionsOptions {
  /** Task id (default "multistage/2wiki"). */
  id?: string;
  /** The LLM; default providerFromEnv() on first evaluate ($KNOBS_LLM_BASE_URL, ...). */
  provider?: Provider;
  /** The name to request for a model of the space; default from $KNOBS_LLM_MODEL_MAP. */
  servedModel?: (name: string) => string;
  /** Questions in flight (default 4). */
  concurrency?: number;
  /** Samples of a stage in flight (default 4). */
  sampleConcurrency?: number;
  /**
   * Run configurations whose planned compute is over the budget (default false: they are not
   * run, score 0 on every objective, cost nothing, and report the violation as a constraint).
   */
  runOverBudget?: boolean;
}

/** What one question gave. */
export interface TwoWikiQuestionResult {
  index: number;
  answer: string | null;
  f1: number;
  exactMatch: number;
  recall: number;
  /** The stage at which every sample failed, or null. */
  failedStage: string | null;
}

/** A detailed run: per-question results, means, and the pipeline's run (samples, costs). */
export interface TwoWikiRun {
  questions: TwoWikiQuestionResult[];
  f1: number;
  exactMatch: number;
  recall: number;
  pipeline: PipelineRun;
}

const COST_NAMES = ["flops", "usd", "input_tokens", "cached_input_tokens", "output_tokens", "reasoning_tokens", "llm_calls"];

/**
 * The live task `multistage/2wiki`: AgentTTS' retrieve-then-answer task on its 100
 * 2WikiMultiHopQA questions (Wang et al. 2025, arXiv:2508.00890). A configuration picks a model
 * and a sample count for each stage (see twoWikiPipeline). Objectives, means over the questions:
 * answer token F1 (primary), exact match, recall of the gold passages by the retrieval stage, all
 * maximized. Constraint: planned compute per question minus the budget (AgentTTS units). Costs:
 * `flops` (measured AgentTTS units, summed over questions), `usd` (absent when a model has no
 * price), tokens, `llm_calls`. Fidelity: `questions`, the first n questions of the file. It calls
 * an LLM (see providerFromEnv); the data is read from a path on first run, never shipped.
 *
 * @example
 * // KNOBS_LLM_BASE_URL=http://127.0.0.1:8000/v1
 * const task = twoWikiTask({ budget: 850 });
 * await task.evaluate({ "retrieve.model": "Qwen/Qwen2.5-7B-Instruct-AWQ", "retrieve.samples": 3, "answer.model": "meta-llama/Llama-3.2-3B-Instruct", "answer.samples": 5 }, { questions: 10 }, 0);
 */
export function twoWikiTask(options: TwoWikiTaskOptions = {}): TwoWikiMultiStageTask {
  return new TwoWikiMultiStageTask(options);
}

export class TwoWikiMultiStageTask implements Task {
  readonly id: string;
  readonly description =
    "AgentTTS retrieve-then-answer on 2WikiMultiHopQA (100 questions, live LLM): choose each stage's model and sample count under a compute budget; maximize answer F1 (then EM, gold-passage recall)";
  readonly pipeline: MultiStagePipeline<TwoWikiQuestion>;
  readonly space: Space;
  readonly fidelitySpace: Space;
  /** The question counts, as fidelity configs, fewest first. */
  readonly fidelities: readonly Config[];
  readonly objectives: readonly Objective[] = [
    { name: "f1", direction: "maximize" },
    { name: "em", direction: "maximize" },
    { name: "recall", direction: "maximize" },
  ];
  readonly costNames = COST_NAMES;
  readonly source: TaskSource = TWO_WIKI_SOURCE;
  readonly license = "Apache-2.0";
  readonly synthetic = false;
  private readonly options: TwoWikiTaskOptions;
  private readonly questions: TwoWikiQuestions;
  private provider: Provider | undefined;

  constructor(options: TwoWikiTaskOptions = {}) {
    this.options = options;
    this.id = options.id ?? "multistage/2wiki";
    this.pipeline = twoWikiPipeline(options);
    this.space = this.pipeline.space;
    this.questions = new TwoWikiQuestions(options);
    this.fidelitySpace = this.questions.fidelitySpace;
    this.fidelities = this.questions.fidelities;
    this.provider = options.provider;
  }

  /** SHA-256 of the data file, once it is loaded. */
  get sha256(): Readonly<Record<string, string>> | undefined {
    return this.questions.sha256;
  }

  /** Reads the questions (once). Throws TaskDataError when the data is missing or malformed. */
  load(): TwoWikiData {
    return this.questions.load();
  }

  /** Planned compute per question under `config` (AgentTTS units); runs nothing. */
  plannedCompute(config: Config): number {
    return this.pipeline.plannedCompute(config);
  }

  async evaluate(config: Config, fidelity: Config | null, seed: number): Promise<ConstrainedEvaluation> {
    this.space.validate(config);
    const violation = this.pipeline.budgetViolation(config);
    const constraints = violation === null ? undefined : [violation];
    if (violation !== null && violation > 0 && !this.options.runOverBudget) {
      return { values: [0, 0, 0], cost: Object.fromEntries(COST_NAMES.map((name) => [name, 0])), constraints };
    }
    const started = Date.now();
    const run = await this.run(config, fidelity, seed);
    return {
      values: [run.f1, run.exactMatch, run.recall],
      cost: run.pipeline.ledger,
      constraints,
      elapsedSeconds: (Date.now() - started) / 1000,
    };
  }

  /** Runs the pipeline on the questions of `fidelity` (all when null) and scores every answer. */
  async run(config: Config, fidelity: Config | null, seed: number): Promise<TwoWikiRun> {
    const questions = this.questions.at(fidelity);
    this.provider ??= providerFromEnv(process.env, this.id);
    const pipeline = await this.pipeline.run(questions, config, {
      provider: this.provider,
      seed,
      servedModel: this.options.servedModel ?? servedModelFromEnv(),
      concurrency: this.options.concurrency,
      sampleConcurrency: this.options.sampleConcurrency,
      itemKey: (index) => `2wiki/q${questions[index].index}`,
    });
    const results = questions.map((question, i): TwoWikiQuestionResult => {
      const item = pipeline.items[i];
      const answer = (item.outputs.answer as string | undefined) ?? null;
      return {
        index: question.index,
        answer,
        f1: answer === null ? 0 : tokenF1(answer, question.answers),
        exactMatch: answer === null ? 0 : exactMatch(answer, question.answers),
        recall: selectionRecall(question, (item.outputs.retrieve as PassageSelection | undefined) ?? null),
        failedStage: item.failedStage,
      };
    });
    const mean = (pick: (result: TwoWikiQuestionResult) => number) => results.reduce((sum, result) => sum + pick(result), 0) / results.length;
    return { questions: results, f1: mean((r) => r.f1), exactMatch: mean((r) => r.exactMatch), recall: mean((r) => r.recall), pipeline };
  }
}
