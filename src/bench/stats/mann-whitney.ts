import { InvalidArgumentError } from "../../errors/index.js";
import { rankWithTies, tieCorrection, twoSidedNormalP, type RankTestResult } from "../../math/index.js";

/** Largest size of each sample for which the exact null distribution is used (as scipy's "auto"). */
const EXACT_MAX_SIZE = 8;

/**
 * Mann-Whitney U test of two independent samples (Mann & Whitney 1947), two-sided: is
 * one stochastically larger? `statistic` is U of `a` (pairs (x in a, y in b) with x > y,
 * ties counting one half). Exact when both samples have at most 8 values and no ties;
 * otherwise the normal approximation with tie and continuity correction.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): RankTestResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new InvalidArgumentError(`both samples need values, got sizes ${n1} and ${n2}`);
  const ranks = rankWithTies([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < n1; i++) rankSumA += ranks[i];
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const center = (n1 * n2) / 2;
  const tied = new Set(ranks).size < n;
  if (n1 <= EXACT_MAX_SIZE && n2 <= EXACT_MAX_SIZE && !tied) {
    const smaller = Math.min(u, n1 * n2 - u);
    return { statistic: u, pValue: Math.min(1, 2 * uCdf(n1, n2, smaller)), method: "exact", n };
  }
  const variance = ((n1 * n2) / 12) * (n + 1 - tieCorrection(ranks) / (n * (n - 1)));
  const z = Math.max(0, Math.abs(u - center) - 0.5) / Math.sqrt(variance);
  return { statistic: u, pValue: variance > 0 ? twoSidedNormalP(z) : 1, method: "normal", n };
}

/**
 * P(U <= u) under the null without ties: the number of ways to interleave n1 and n2 values
 * with U = u, by the recursion ways(i, j, u) = ways(i - 1, j, u - j) + ways(i, j - 1, u)
 * (the largest value comes from the first sample, beating all j of the second, or not).
 */
function uCdf(n1: number, n2: number, u: number): number {
  // table[j][s]: ways with i values of the first sample (the outer loop) and j of the second.
  let table: Float64Array[] = Array.from({ length: n2 + 1 }, () => new Float64Array(n1 * n2 + 1));
  for (let j = 0; j <= n2; j++) table[j][0] = 1;
  for (let i = 1; i <= n1; i++) {
    const next = Array.from({ length: n2 + 1 }, () => new Float64Array(n1 * n2 + 1));
    for (let j = 0; j <= n2; j++) {
      for (let s = 0; s <= i * j; s++) {
        next[j][s] = (s >= j ? table[j][s - j] : 0) + (j > 0 ? next[j - 1][s] : 0);
      }
    }
    table = next;
  }
  let below = 0;
  for (let s = 0; s <= Math.floor(u); s++) below += table[n2][s];
  let total = 0;
  for (const count of table[n2]) total += count;
  return below / total;
}
