import { InvalidArgumentError } from "../../errors/index.js";
import { averageRanks, rankWithTies, tieCorrection } from "../../math/index.js";

export interface FriedmanResult {
  /** Friedman's chi-square statistic, tie-corrected. */
  statistic: number;
  /** Degrees of freedom: methods - 1. */
  df: number;
  pValue: number;
  /** Average rank per method (1 = best). */
  ranks: number[];
  /** Problems (rows) and methods (columns). */
  n: number;
  k: number;
}

/**
 * Friedman's test that k methods perform alike over n problems (Demšar 2006):
 * `matrix[problem][method]`, lower is better. The chi-square statistic is corrected for
 * ties and its p-value read from the chi-square distribution with k - 1 degrees of freedom.
 */
export function friedmanTest(matrix: readonly (readonly number[])[]): FriedmanResult {
  const n = matrix.length;
  const k = n > 0 ? matrix[0].length : 0;
  if (n < 2 || k < 2) throw new InvalidArgumentError(`Friedman's test needs at least 2 problems and 2 methods, got ${n} x ${k}`);
  const ranks = averageRanks(matrix);
  let ties = 0;
  for (const row of matrix) ties += tieCorrection(rankWithTies(row));
  const sumSquares = ranks.reduce((sum, r) => sum + (r * n) ** 2, 0);
  const raw = (12 / (n * k * (k + 1))) * sumSquares - 3 * n * (k + 1);
  const correction = 1 - ties / (n * k * (k * k - 1));
  const statistic = correction > 0 ? raw / correction : 0;
  return { statistic, df: k - 1, pValue: chiSquareSurvival(statistic, k - 1), ranks, n, k };
}

/** Critical values q_0.05 of the Nemenyi test (studentized range / sqrt 2), for k = 2..10 methods (Demšar 2006, Table 5). */
const NEMENYI_Q05 = [0, 0, 1.96, 2.343, 2.569, 2.728, 2.85, 2.949, 3.031, 3.102, 3.164];

/**
 * Nemenyi's critical difference at alpha = 0.05: two methods whose average ranks over n
 * problems differ by more than this differ significantly. Defined for 2 to 10 methods.
 */
export function nemenyiCriticalDifference(k: number, n: number): number {
  if (!Number.isInteger(k) || k < 2 || k > 10) throw new InvalidArgumentError(`the Nemenyi table covers 2 to 10 methods, got ${k}`);
  return NEMENYI_Q05[k] * Math.sqrt((k * (k + 1)) / (6 * n));
}

/** P(X >= x) for a chi-square variable with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}

/** Q(a, x) = Γ(a, x) / Γ(a): series below a + 1, continued fraction above (Numerical Recipes 6.2). */
function regularizedGammaQ(a: number, x: number): number {
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Lentz's method for the continued fraction.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(logPrefix) * h);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < g + 2; i++) sum += c[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
