/**
 * The two aggregations of repeated samples. Both are pure and deterministic: ties go to the
 * earliest sample, so the same replies always give the same choice.
 */

/** A sample that produced an output, with its index among the stage's samples. */
export interface AggregationCandidate<O> {
  index: number;
  output: O;
}

/** The chosen candidate, and how many candidates shared its key (majority vote). */
export interface MajorityChoice<O> {
  chosen: AggregationCandidate<O>;
  votes: number;
}

/**
 * Majority vote: groups candidates by `key`, picks the largest group; among groups of equal
 * size, the one whose first candidate comes first. Returns that group's first candidate.
 * Null when there is no candidate.
 *
 * @example
 * majorityVote([{ index: 0, output: "Paris" }, { index: 1, output: "Rome" }, { index: 2, output: "paris" }], (a) => a.toLowerCase());
 * // { chosen: { index: 0, output: "Paris" }, votes: 2 }
 */
export function majorityVote<O>(candidates: readonly AggregationCandidate<O>[], key: (output: O) => string): MajorityChoice<O> | null {
  const groups = new Map<string, { first: AggregationCandidate<O>; votes: number }>();
  for (const candidate of candidates) {
    const k = key(candidate.output);
    const group = groups.get(k);
    if (group) group.votes++;
    else groups.set(k, { first: candidate, votes: 1 });
  }
  let best: { first: AggregationCandidate<O>; votes: number } | null = null;
  // Map keeps insertion order, which is the order of each group's first candidate.
  for (const group of groups.values()) if (!best || group.votes > best.votes) best = group;
  return best ? { chosen: best.first, votes: best.votes } : null;
}

/**
 * Best-of-N: the candidate with the highest score (NaN counts as -Infinity); a tie goes to the
 * earlier candidate. Null when there is no candidate.
 */
export function bestOfN<O>(candidates: readonly AggregationCandidate<O>[], scores: readonly number[]): AggregationCandidate<O> | null {
  let best = -1;
  let bestScore = -Infinity;
  candidates.forEach((_, i) => {
    const score = Number.isNaN(scores[i]) ? -Infinity : scores[i];
    if (best < 0 || score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best < 0 ? null : candidates[best];
}
