import type { CmaState } from "./cma-state.js";

/**
 * When a CMA-ES run has converged or degenerated and should be restarted: a subset of the
 * stopping criteria of Hansen's tutorial (arXiv:1604.00772, appendix B.3) and of pycma,
 * with tolerances for the unit cube.
 */
export type StopReason = "tolfun" | "tolx" | "tolxup" | "conditioncov" | "noeffectcoord";

/** Range of recent objective values below which the run has stalled. */
export const TOL_FUN = 1e-12;
/** Standard deviation (in unit-cube coordinates) below which no coordinate moves any more. */
export const TOL_X = 1e-11;
/** Growth of σ·√(largest eigenvalue) over σ₀ that signals divergence. */
export const TOL_X_UP = 1e4;
/** Condition number of C beyond which the model is numerically unreliable. */
export const MAX_CONDITION = 1e14;

export interface StopCheck {
  state: CmaState;
  sigma0: number;
  /** Best loss of each generation of this run, the current one last. */
  bestLosses: readonly number[];
  /** Every loss of the current generation. */
  generationLosses: readonly number[];
}

/** Generations of best values the tolfun criterion looks back on: 10 + ⌈30n/λ⌉. */
export function tolFunWindow(dimension: number, lambda: number): number {
  return 10 + Math.ceil((30 * dimension) / lambda);
}

/** The first criterion that holds after a generation, or null to go on. */
export function stopReason(check: StopCheck): StopReason | null {
  const { state, sigma0, bestLosses, generationLosses } = check;
  const n = state.parameters.dimension;
  const lambda = state.parameters.lambda;

  // tolfun: best values of the last 10 + ⌈30n/λ⌉ generations and the current ones all within TOL_FUN.
  const window = tolFunWindow(n, lambda);
  if (bestLosses.length >= window) {
    const recent = [...bestLosses.slice(-window), ...generationLosses];
    if (Math.max(...recent) - Math.min(...recent) < TOL_FUN) return "tolfun";
  }

  // tolx: every coordinate's standard deviation and σ·p_c component below TOL_X.
  let allSmall = true;
  for (let i = 0; i < n && allSmall; i++) {
    const sd = state.sigma * Math.sqrt(state.covariance[i * n + i]);
    if (sd >= TOL_X || state.sigma * Math.abs(state.pathC[i]) >= TOL_X) allSmall = false;
  }
  if (allSmall) return "tolx";

  const largest = state.eigenvalues[n - 1];
  if (state.sigma * Math.sqrt(largest) > TOL_X_UP * sigma0) return "tolxup";
  if (largest > MAX_CONDITION * state.eigenvalues[0]) return "conditioncov";

  // noeffectcoord: adding 0.2 standard deviations leaves some coordinate of the mean unchanged.
  for (let i = 0; i < n; i++) {
    const m = state.mean[i];
    if (m + 0.2 * state.sigma * Math.sqrt(state.covariance[i * n + i]) === m) return "noeffectcoord";
  }
  return null;
}
