/**
 * Strategy parameters of the (μ/μ_W, λ)-CMA-ES with positive recombination weights, as in
 * Hansen, "The CMA Evolution Strategy: A Tutorial" (arXiv:1604.00772), table 1 with α_cov = 2.
 */
export interface CmaParameters {
  /** Dimension n of the search space. */
  dimension: number;
  /** Population size λ. */
  lambda: number;
  /** Number of parents μ = ⌊λ / 2⌋. */
  mu: number;
  /** Recombination weights w_1 >= ... >= w_μ > 0, summing to 1. */
  weights: Float64Array;
  /** Variance-effective selection mass μ_eff = 1 / Σ w_i². */
  muEff: number;
  /** Learning rate of the step-size path. */
  cSigma: number;
  /** Damping of the step-size update. */
  dSigma: number;
  /** Learning rate of the covariance path (rank-one update). */
  cC: number;
  /** Rank-one learning rate. */
  c1: number;
  /** Rank-μ learning rate. */
  cMu: number;
  /** E‖N(0, I)‖, approximated as √n (1 - 1/(4n) + 1/(21n²)). */
  chiN: number;
}

/** The default population size 4 + ⌊3 ln n⌋. */
export function defaultPopulationSize(dimension: number): number {
  return 4 + Math.floor(3 * Math.log(Math.max(1, dimension)));
}

/** The tutorial's default strategy parameters for dimension n and population size λ (>= 2). */
export function cmaParameters(dimension: number, lambda: number): CmaParameters {
  const n = dimension;
  const mu = Math.floor(lambda / 2);
  const weights = new Float64Array(mu);
  let sum = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] = Math.log((lambda + 1) / 2) - Math.log(i + 1);
    sum += weights[i];
  }
  let sumSquares = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] /= sum;
    sumSquares += weights[i] * weights[i];
  }
  const muEff = 1 / sumSquares;
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cC = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const c1 = 2 / ((n + 1.3) ** 2 + muEff);
  const cMu = Math.min(1 - c1, (2 * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + muEff));
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { dimension: n, lambda, mu, weights, muEff, cSigma, dSigma, cC, c1, cMu, chiN };
}
