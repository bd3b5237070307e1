import type { Bm25Index } from "./bm25-index.js";
import type { Scored } from "./spec.js";

/**
 * The lexical reranker (no LLM): IDF-weighted query-term coverage. With Q the distinct query
 * terms the index holds (df > 0), a candidate scores
 *
 *   coverage(c) = sum of idf(t) over t in Q that occur in c / sum of idf(t) over t in Q
 *
 * in [0, 1]: the share of the query's information the chunk mentions at all, whatever the
 * term counts and chunk length (which BM25 already weighed). A query with no known term
 * gives every candidate 0.
 *
 * @example
 * coverageScores(index, queryTerms, candidates); // [1, 0.62, 0.1]
 */
export function coverageScores(index: Bm25Index, query: readonly number[], candidates: readonly Scored[]): number[] {
  const terms = [...new Set(query)].filter((t) => index.documentFrequency(t) > 0);
  let total = 0;
  for (const term of terms) total += index.idf(term);
  return candidates.map((candidate) => {
    if (total === 0) return 0;
    let covered = 0;
    for (const term of terms) if (index.termFrequency(term, candidate.id) > 0) covered += index.idf(term);
    return covered / total;
  });
}

/**
 * Applies rerank scores: orders candidates by the new score (descending; first-stage order on
 * ties), drops those scoring below `threshold`, keeps the first `k`. The returned scores are
 * the new ones.
 */
export function applyRerank(candidates: readonly Scored[], scores: readonly number[], threshold: number, k: number): Scored[] {
  return candidates
    .map((candidate, rank) => ({ id: candidate.id, score: scores[rank], rank }))
    .filter((item) => item.score >= threshold)
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .slice(0, k)
    .map(({ id, score }) => ({ id, score }));
}
