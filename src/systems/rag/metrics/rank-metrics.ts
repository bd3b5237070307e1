/**
 * Rank metrics over one question's ranked results, given the relevance of each result (a
 * result is relevant when its chunk shares a character with a gold span; gains may also be
 * graded, e.g. the share of the chunk that is gold).
 */

/** 1 when some result is relevant, else 0 (averaged over questions: the hit rate). */
export function hit(relevant: readonly boolean[]): number {
  return relevant.some(Boolean) ? 1 : 0;
}

/** 1 / rank of the first relevant result (ranks from 1), 0 when none is (averaged: MRR). */
export function reciprocalRank(relevant: readonly boolean[]): number {
  const first = relevant.findIndex(Boolean);
  return first < 0 ? 0 : 1 / (first + 1);
}

/** Discounted cumulative gain: sum of gain_i / log2(i + 2), i from 0. */
export function dcg(gains: readonly number[]): number {
  let total = 0;
  gains.forEach((gain, i) => (total += gain / Math.log2(i + 2)));
  return total;
}

/**
 * Normalized DCG at k (Järvelin and Kekäläinen, 2002): DCG of the first k gains divided by the
 * DCG of the best k gains possible, `idealGains` (every gain the collection holds for this
 * question, in any order). 0 when no gain is possible.
 *
 * @example
 * ndcg([0, 1, 1], [1, 1], 3); // (1/log2 3 + 1/2) / (1 + 1/log2 3) ≈ 0.693
 */
export function ndcg(gains: readonly number[], idealGains: readonly number[], k: number = gains.length): number {
  const ideal = dcg([...idealGains].sort((a, b) => b - a).slice(0, k));
  return ideal > 0 ? dcg(gains.slice(0, k)) / ideal : 0;
}
