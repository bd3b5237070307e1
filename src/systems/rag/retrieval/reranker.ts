/** The rerank hook: rescores first-stage candidates for a query. Types only. */
import type { LlmCost } from "../../../llm/index.js";

/** A first-stage candidate: its id in the index, its text and its first-stage score. */
export interface RerankCandidate {
  id: number;
  text: string;
  score: number;
}

/** New scores, one per candidate in order, in [0, 1]; plus what computing them cost, if anything. */
export interface RerankResult {
  scores: number[];
  cost?: LlmCost;
}

/**
 * Rescores candidates. The pipeline orders them by the new score (first-stage order on ties),
 * drops those below the rerank threshold and keeps the top k.
 */
export interface Reranker {
  readonly name: string;
  rerank(query: string, candidates: readonly RerankCandidate[]): RerankResult | Promise<RerankResult>;
}
