import { rankWithTies } from "../stats/index.js";

/**
 * Coefficient of determination of predictions: 1 - SS_res / SS_tot. Null when the actual
 * values are all equal (SS_tot = 0), where R^2 is undefined.
 */
export function rSquared(actual: readonly number[], predicted: readonly number[]): number | null {
  const mean = actual.reduce((a, b) => a + b, 0) / actual.length;
  let residual = 0;
  let total = 0;
  actual.forEach((y, i) => {
    residual += (y - predicted[i]) ** 2;
    total += (y - mean) ** 2;
  });
  return total === 0 ? null : 1 - residual / total;
}

/** Spearman rank correlation (Pearson correlation of average ranks); null when either side is constant. */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  return pearson(rankWithTies(a), rankWithTies(b));
}

function pearson(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}
