import type { Evaluation, Objective, Task, TaskSource } from "../../bench/task/index.js";
import { addCosts, toLedgerCost, type ChatMessage, type PriceTable, type Provider } from "../../llm/index.js";
import type { Config, Space } from "../../space/index.js";
import {
  describeError,
  parseShortAnswer,
  providerFromEnv,
  servedModelFromEnv,
  TWO_WIKI_SOURCE,
  TwoWikiQuestions,
  type TwoWikiData,
  type TwoWikiQuestion,
  type TwoWikiQuestionsOptions,
} from "../multistage/index.js";
import { exactMatch, tokenF1 } from "../rag/index.js";
import { agentSettingsFromConfig, agentSpace } from "./agent-space.js";
import { mapLimit } from "../map-limit.js";
import { passageSearchTool } from "./passage-search-tool.js";
import { runAgent } from "./run-agent.js";
import type { AgentRun } from "./spec.js";

export interface TwoWikiSearchTaskOptions extends TwoWikiQuestionsOptions {
  /** Task id (default "agent/2wiki-search"). */
  id?: string;
  /** The LLM; default providerFromEnv() on first evaluate. */
  provider?: Provider;
  /** The name to request for a model of the space; default from $KNOBS_LLM_MODEL_MAP. */
  servedModel?: (name: string) => string;
  /** Model choices of the space (default AGENT_DEFAULT_MODELS). */
  models?: readonly string[];
  /** Prices (default OPENAI_PRICES; the provider's cost for other models). */
  prices?: PriceTable;
  /** Questions in flight (default 4). */
  concurrency?: number;
}

/** What one question gave. */
export interface TwoWikiSearchResult {
  index: number;
  answer: string | null;
  f1: number;
  exactMatch: number;
  /** Share of the gold passages among those the search tool returned. */
  recall: number;
  run: AgentRun;
}

export const AGENT_SYSTEM_PROMPT =
  "Answer the question. You can call the search tool to find passages in a small collection about it; " +
  "a multi-hop question usually needs several searches (e.g. first the film's director, then the director's mother). " +
  "When you know the answer, reply with the answer only (a name, date, place, number, or yes/no), no explanation.";

const COST_NAMES = ["usd", "input_tokens", "cached_input_tokens", "output_tokens", "reasoning_tokens", "llm_calls", "tool_calls"];

/**
 * The live task `agent/2wiki-search`: a tool-calling agent (runAgent) answers AgentTTS'
 * 2WikiMultiHopQA questions with one tool, `search(query)`, BM25 over that question's ~100
 * candidate passages. Space: agentSpace() (model, temperature, max_iterations, max_tool_depth,
 * budget_tokens per question, search_top_k). Objectives, means over the questions: answer token
 * F1 (primary), exact match, recall of the gold passages among those searched, all maximized.
 * Costs: usd (absent when a model has no price), tokens, llm_calls, tool_calls. Fidelity:
 * `questions`, the first n questions. Calls an LLM (see providerFromEnv).
 *
 * @example
 * const task = twoWikiSearchTask();
 * await task.evaluate({ model: "gpt-4o-mini", temperature: 0, max_iterations: 6, max_tool_depth: 3, budget_tokens: 20000, search_top_k: 3 }, { questions: 10 }, 0);
 */
export function twoWikiSearchTask(options: TwoWikiSearchTaskOptions = {}): TwoWikiSearchTask {
  return new TwoWikiSearchTask(options);
}

export class TwoWikiSearchTask implements Task {
  readonly id: string;
  readonly description =
    "Tool-calling agent on 2WikiMultiHopQA (AgentTTS' 100 questions, live LLM): BM25 search over each question's passages; tune model, temperature, iteration limit, tool depth, token budget, search depth; maximize answer F1";
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
  private readonly options: TwoWikiSearchTaskOptions;
  private readonly questions: TwoWikiQuestions;
  private provider: Provider | undefined;

  constructor(options: TwoWikiSearchTaskOptions = {}) {
    this.options = options;
    this.id = options.id ?? "agent/2wiki-search";
    this.space = agentSpace(options.models);
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

  async evaluate(config: Config, fidelity: Config | null, seed: number): Promise<Evaluation> {
    const started = Date.now();
    const results = await this.run(config, fidelity, seed);
    const mean = (pick: (result: TwoWikiSearchResult) => number) => results.reduce((sum, result) => sum + pick(result), 0) / results.length;
    let cost = results[0].run.cost;
    for (const result of results.slice(1)) cost = addCosts(cost, result.run.cost);
    return {
      values: [mean((r) => r.f1), mean((r) => r.exactMatch), mean((r) => r.recall)],
      cost: {
        ...toLedgerCost(cost),
        llm_calls: results.reduce((sum, r) => sum + r.run.steps.length, 0),
        tool_calls: results.reduce((sum, r) => sum + r.run.toolCalls, 0),
      },
      elapsedSeconds: (Date.now() - started) / 1000,
    };
  }

  /** Runs the agent on every question of `fidelity` (all when null) and scores each answer. */
  async run(config: Config, fidelity: Config | null, seed: number): Promise<TwoWikiSearchResult[]> {
    this.space.validate(config);
    const questions = this.questions.at(fidelity);
    this.provider ??= providerFromEnv(process.env, this.id);
    const provider = this.provider;
    const { settings, topK } = agentSettingsFromConfig(config, this.options.servedModel ?? servedModelFromEnv());
    return mapLimit(questions, this.options.concurrency ?? 4, async (question) => {
      const search = passageSearchTool(question.passages, { topK });
      const run = await runAgent({
        provider,
        settings,
        tools: [search],
        messages: twoWikiAgentMessages(question),
        prices: this.options.prices,
        rolloutId: `2wiki/q${question.index}/seed-${seed}`,
        seed,
      });
      const answer = readAnswer(run);
      const gold = question.gold.filter((index) => search.returned.has(index)).length;
      return {
        index: question.index,
        answer,
        f1: answer === null ? 0 : tokenF1(answer, question.answers),
        exactMatch: answer === null ? 0 : exactMatch(answer, question.answers),
        recall: question.goldCount === 0 ? 0 : gold / question.goldCount,
        run,
      };
    });
  }
}

/** The task's opening messages: AGENT_SYSTEM_PROMPT and the question. */
export function twoWikiAgentMessages(question: TwoWikiQuestion): ChatMessage[] {
  return [
    { role: "system", content: AGENT_SYSTEM_PROMPT },
    { role: "user", content: `Question: ${question.question}` },
  ];
}

/** The short answer of a run that answered; null otherwise, or when the answer is empty once read. */
function readAnswer(run: AgentRun): string | null {
  if (run.answer === null) return null;
  try {
    return parseShortAnswer(run.answer);
  } catch (error) {
    run.error = describeError(error);
    return null;
  }
}
