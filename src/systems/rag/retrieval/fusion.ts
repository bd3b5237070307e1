import type { Scored } from "./spec.js";
import { sortRanked } from "./top-k.js";

/**
 * Reciprocal rank fusion (Cormack, Clarke and Buettcher, SIGIR 2009): each unit scores
 * sum over lists of 1 / (k + rank), rank counting from 1 in each list it appears in; a list
 * that lacks the unit adds nothing. Returns every unit of every list, best first (ties by id).
 *
 * @example
 * reciprocalRankFusion([[{id: 1, score: 9}, {id: 2, score: 5}], [{id: 2, score: 0.8}]], 60);
 * // id 2: 1/62 + 1/61, id 1: 1/61
 */
export function reciprocalRankFusion(lists: readonly (readonly Scored[])[], k: number): Scored[] {
  if (!(k >= 0)) throw new RangeError(`reciprocal rank fusion needs k >= 0, got ${k}`);
  const fused = new Map<number, number>();
  for (const list of lists) list.forEach((item, rank) => fused.set(item.id, (fused.get(item.id) ?? 0) + 1 / (k + rank + 1)));
  return sortRanked([...fused].map(([id, score]) => ({ id, score })));
}

/**
 * Weighted score fusion: each list's scores are min-max normalized to [0, 1] (a list whose
 * scores are all equal maps them to 1), then a unit scores sum over lists of weight * its
 * normalized score (0 where the list lacks it). For hybrid retrieval the weights are
 * [alpha, 1 - alpha] for [dense, bm25]. Returns every unit, best first (ties by id).
 */
export function weightedScoreFusion(lists: readonly (readonly Scored[])[], weights: readonly number[]): Scored[] {
  if (weights.length !== lists.length) throw new RangeError(`weighted fusion needs one weight per list: ${lists.length} lists, ${weights.length} weights`);
  const fused = new Map<number, number>();
  lists.forEach((list, l) => {
    if (list.length === 0) return;
    let low = Infinity;
    let high = -Infinity;
    for (const item of list) {
      low = Math.min(low, item.score);
      high = Math.max(high, item.score);
    }
    for (const item of list) {
      const normalized = high > low ? (item.score - low) / (high - low) : 1;
      fused.set(item.id, (fused.get(item.id) ?? 0) + weights[l] * normalized);
    }
  });
  return sortRanked([...fused].map(([id, score]) => ({ id, score })));
}
