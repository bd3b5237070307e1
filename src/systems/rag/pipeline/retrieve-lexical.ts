import { applyRerank, coverageScores } from "../retrieval/lexical-rerank.js";
import type { Scored } from "../retrieval/spec.js";
import type { ChunkIndex } from "./chunk-index.js";
import type { RagSettings } from "./rag-settings.js";

/**
 * How many first-stage candidates a rerank or a fusion looks at: max(20, 3 * top_k). Fixed
 * rather than a knob, so that rerank and fusion settings change the order of a similar pool.
 */
export function candidateDepth(topK: number): number {
  return Math.max(20, 3 * topK);
}

/**
 * BM25 retrieval with the optional lexical rerank (query-term coverage, see
 * retrieval/lexical-rerank.ts): the top_k chunks for a query given as term ids, best first.
 * Synchronous and deterministic.
 */
export function retrieveLexical(index: ChunkIndex, query: readonly number[], settings: Pick<RagSettings, "bm25" | "rerank" | "topK">): Scored[] {
  if (!settings.rerank.enabled) return index.bm25.search(query, settings.bm25, settings.topK);
  const candidates = index.bm25.search(query, settings.bm25, candidateDepth(settings.topK));
  return applyRerank(candidates, coverageScores(index.bm25, query, candidates), settings.rerank.threshold, settings.topK);
}
