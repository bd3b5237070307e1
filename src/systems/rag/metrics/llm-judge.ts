import type { LlmCost, Provider } from "../../../llm/index.js";

/** What a judge is shown. */
export interface JudgeInput {
  question: string;
  answer: string;
  /** Gold answers (may be empty: the judge then rates against the context alone). */
  references: readonly string[];
  /** The retrieved context the answer was written from. */
  context?: string;
}

/** A score in [0, 1] and what producing it cost. */
export interface JudgeResult {
  score: number;
  cost?: LlmCost;
  /** The judge's raw reply, for inspection. */
  reply?: string;
}

/** The answer-judging hook: anything that scores an answer in [0, 1]. */
export interface AnswerJudge {
  readonly name: string;
  judge(input: JudgeInput): JudgeResult | Promise<JudgeResult>;
}

/** The default judge prompt; {question}, {answer}, {references} and {context} are filled in. */
export const DEFAULT_JUDGE_TEMPLATE =
  "You grade answers to questions. Decide whether the candidate answer is correct given the reference answers " +
  "(same meaning counts as correct; extra correct detail is fine; a contradiction or a missing key fact is incorrect).\n\n" +
  "Question: {question}\nReference answers: {references}\nCandidate answer: {answer}\n\n" +
  "Reply with one word: CORRECT or INCORRECT.";

export interface LlmJudgeOptions {
  provider: Provider;
  model: string;
  /** Prompt with {question}, {answer}, {references}, {context} (default DEFAULT_JUDGE_TEMPLATE). */
  template?: string;
  /** Sampling temperature (default 0). */
  temperature?: number;
}

/**
 * An LLM judge: one chat call per answer with a prompt template; the reply scores 0 when it
 * says INCORRECT, 1 when it says CORRECT, else the first number in it, clipped to [0, 1]
 * (so a template may ask for a grade between 0 and 1 instead).
 *
 * @example
 * const judge = llmJudge({ provider, model: "gpt-4o-mini" });
 * await judge.judge({ question: "Capital of France?", answer: "Paris", references: ["Paris"] }); // { score: 1, ... }
 */
export function llmJudge(options: LlmJudgeOptions): AnswerJudge {
  const template = options.template ?? DEFAULT_JUDGE_TEMPLATE;
  return {
    name: `llm-judge:${options.model}`,
    async judge(input: JudgeInput): Promise<JudgeResult> {
      const content = template
        .replaceAll("{question}", input.question)
        .replaceAll("{answer}", input.answer)
        .replaceAll("{references}", input.references.length > 0 ? input.references.join(" | ") : "(none)")
        .replaceAll("{context}", input.context ?? "");
      const response = await options.provider.chat({
        model: options.model,
        messages: [{ role: "user", content }],
        temperature: options.temperature ?? 0,
        maxTokens: 16,
      });
      return { score: parseVerdict(response.text), cost: response.cost, reply: response.text };
    },
  };
}

/** INCORRECT -> 0, CORRECT -> 1, else the first number clipped to [0, 1], else 0. */
export function parseVerdict(reply: string): number {
  if (/\bincorrect\b/i.test(reply)) return 0;
  if (/\bcorrect\b/i.test(reply)) return 1;
  const match = /\d+(?:\.\d+)?/.exec(reply);
  return match ? Math.min(1, Math.max(0, Number(match[0]))) : 0;
}
