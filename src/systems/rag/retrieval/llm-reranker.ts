import { addCosts, type LlmCost, type Provider } from "../../../llm/index.js";
import type { Reranker, RerankCandidate, RerankResult } from "./reranker.js";

/** The default relevance prompt; {query} and {passage} are filled in. */
export const DEFAULT_RERANK_TEMPLATE =
  "Rate how relevant the passage is to the question, from 0 (unrelated) to 10 (answers it fully). " +
  "Reply with the number only.\n\nQuestion: {query}\n\nPassage:\n{passage}";

export interface LlmRerankerOptions {
  provider: Provider;
  model: string;
  /** Prompt with {query} and {passage} (default DEFAULT_RERANK_TEMPLATE). */
  template?: string;
  /** Sampling temperature (default 0). */
  temperature?: number;
  /** Highest score the prompt asks for; replies are divided by it (default 10). */
  scale?: number;
}

/**
 * An LLM reranker: one chat call per candidate asking for a relevance rating; the first
 * number in the reply, divided by `scale` and clipped to [0, 1], is the score (a reply
 * without a number scores 0). Costs are summed into the result.
 *
 * @example
 * const reranker = llmReranker({ provider, model: "gpt-4o-mini" });
 * ragPipeline({ corpus, config: { ...config, rerank: true }, provider, reranker });
 */
export function llmReranker(options: LlmRerankerOptions): Reranker {
  const template = options.template ?? DEFAULT_RERANK_TEMPLATE;
  const scale = options.scale ?? 10;
  return {
    name: `llm:${options.model}`,
    async rerank(query: string, candidates: readonly RerankCandidate[]): Promise<RerankResult> {
      let cost: LlmCost | undefined;
      const scores: number[] = [];
      for (const candidate of candidates) {
        const content = template.replaceAll("{query}", query).replaceAll("{passage}", candidate.text);
        const response = await options.provider.chat({
          model: options.model,
          messages: [{ role: "user", content }],
          temperature: options.temperature ?? 0,
          maxTokens: 8,
        });
        cost = cost ? addCosts(cost, response.cost) : response.cost;
        scores.push(parseRating(response.text, scale));
      }
      return { scores, cost };
    },
  };
}

/** The first number in `text` divided by `scale`, clipped to [0, 1]; 0 when there is none. */
export function parseRating(text: string, scale: number): number {
  const match = /-?\d+(?:\.\d+)?/.exec(text);
  if (!match) return 0;
  return Math.min(1, Math.max(0, Number(match[0]) / scale));
}
