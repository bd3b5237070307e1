import { InvalidArgumentError } from "../errors/index.js";
import { twoSidedNormalP } from "./normal.js";
import { rankWithTies, tieCorrection } from "./ranks.js";

/** Result of a two-sided paired or two-sample rank test. */
export interface RankTestResult {
  /** The test statistic (for Wilcoxon min(W+, W-); for Mann-Whitney U of the first sample). */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** "exact" (null distribution enumerated) or "normal" (approximation with tie and continuity correction). */
  method: "exact" | "normal";
  /** Pairs used (Wilcoxon: non-zero differences) or total sample size (Mann-Whitney). */
  n: number;
}

/** Largest n for which the exact null distribution is used (when |differences| have no ties). */
const EXACT_MAX_N = 25;

/**
 * Wilcoxon signed-rank test of paired samples (Wilcoxon 1945), two-sided: does a - b
 * centre on 0? Zero differences are dropped (Wilcoxon's convention) and the remaining
 * |a - b| ranked with ties averaged. The p-value is exact for n <= 25 non-zero
 * differences without tied magnitudes; otherwise it uses the normal approximation with
 * the tie correction of the variance and a continuity correction of 0.5.
 *
 * @example
 * wilcoxonSignedRank(tpeBest, randomBest).pValue; // paired by seed
 */
export function wilcoxonSignedRank(a: readonly number[], b: readonly number[]): RankTestResult {
  if (a.length !== b.length) {
    throw new InvalidArgumentError(`paired samples must have equal lengths, got ${a.length} and ${b.length}`);
  }
  const differences = a.map((value, i) => value - b[i]).filter((d) => d !== 0);
  const n = differences.length;
  if (n === 0) return { statistic: 0, pValue: 1, method: "exact", n };
  const ranks = rankWithTies(differences.map(Math.abs));
  let plus = 0;
  differences.forEach((d, i) => {
    if (d > 0) plus += ranks[i];
  });
  const total = (n * (n + 1)) / 2;
  const statistic = Math.min(plus, total - plus);
  const tied = new Set(ranks).size < n;
  if (n <= EXACT_MAX_N && !tied) {
    return { statistic, pValue: Math.min(1, 2 * signedRankCdf(n, statistic)), method: "exact", n };
  }
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection(ranks) / 48;
  const z = Math.max(0, Math.abs(plus - total / 2) - 0.5) / Math.sqrt(variance);
  return { statistic, pValue: variance > 0 ? twoSidedNormalP(z) : 1, method: "normal", n };
}

/**
 * P(W+ <= w) under the null for n untied ranks: W+ is the sum of a uniformly random
 * subset of {1..n}, so count subsets by sum (a 0/1 knapsack over the ranks).
 */
function signedRankCdf(n: number, w: number): number {
  const maxSum = (n * (n + 1)) / 2;
  const counts = new Float64Array(maxSum + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let sum = maxSum; sum >= rank; sum--) counts[sum] += counts[sum - rank];
  }
  let below = 0;
  for (let sum = 0; sum <= Math.floor(w); sum++) below += counts[sum];
  return below / 2 ** n;
}
