import { eigenSymmetric } from "../../math/index.js";
import type { Rng } from "../../math/index.js";
import { cmaParameters, type CmaParameters } from "./cma-parameters.js";

/**
 * The state of one CMA-ES run in the unit cube [0, 1]^n, and its two operations: sample a
 * candidate and update from a ranked generation (Hansen's tutorial, arXiv:1604.00772,
 * "(μ/μ_W, λ)-CMA-ES"). Pure maths: knows nothing of trials or spaces.
 */
export interface CmaState {
  readonly parameters: CmaParameters;
  mean: Float64Array;
  /** Step size σ. */
  sigma: number;
  /** Covariance matrix C, row-major n × n. */
  covariance: Float64Array;
  /** Eigenvectors of C as columns (B), row-major n × n. */
  basis: Float64Array;
  /** Eigenvalues of C (D²), ascending. */
  eigenvalues: Float64Array;
  /** Square roots of the eigenvalues (D). */
  scales: Float64Array;
  /** Evolution path of σ. */
  pathSigma: Float64Array;
  /** Evolution path of C. */
  pathC: Float64Array;
  /** Generations told to this run. */
  generation: number;
}

/** Samples that fall outside the unit cube are drawn again this many times, then clipped. */
export const MAX_RESAMPLING = 100;

/** A fresh run: C = I, zero paths. */
export function createCmaState(options: { mean: ArrayLike<number>; sigma: number; lambda: number }): CmaState {
  const n = options.mean.length;
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) covariance[i * n + i] = 1;
  return {
    parameters: cmaParameters(n, options.lambda),
    mean: Float64Array.from(options.mean),
    sigma: options.sigma,
    covariance,
    basis: covariance.slice(),
    eigenvalues: new Float64Array(n).fill(1),
    scales: new Float64Array(n).fill(1),
    pathSigma: new Float64Array(n),
    pathC: new Float64Array(n),
    generation: 0,
  };
}

/** A deep copy (parameters are shared: they never change). */
export function cloneCmaState(state: CmaState): CmaState {
  return {
    parameters: state.parameters,
    mean: state.mean.slice(),
    sigma: state.sigma,
    covariance: state.covariance.slice(),
    basis: state.basis.slice(),
    eigenvalues: state.eigenvalues.slice(),
    scales: state.scales.slice(),
    pathSigma: state.pathSigma.slice(),
    pathC: state.pathC.slice(),
    generation: state.generation,
  };
}

/**
 * Draws x = m + σ B D z, z ~ N(0, I). A draw with a bounded coordinate outside [0, 1] is
 * redrawn (up to MAX_RESAMPLING times, so the distribution is truncated to the cube); the
 * last one has its bounded coordinates clipped. `bounded[i] = 0` leaves coordinate i free
 * (every coordinate is bounded when `bounded` is omitted).
 */
export function sampleCmaCandidate(state: CmaState, rng: Rng, bounded?: Uint8Array): Float64Array {
  const n = state.mean.length;
  const z = new Float64Array(n);
  const x = new Float64Array(n);
  for (let attempt = 0; attempt < MAX_RESAMPLING; attempt++) {
    for (let i = 0; i < n; i++) z[i] = state.scales[i] * rng.normal();
    let inside = true;
    for (let i = 0; i < n; i++) {
      let y = 0;
      for (let k = 0; k < n; k++) y += state.basis[i * n + k] * z[k];
      x[i] = state.mean[i] + state.sigma * y;
      if (!(x[i] >= 0 && x[i] <= 1) && (!bounded || bounded[i])) inside = false;
    }
    if (inside) return x;
  }
  for (let i = 0; i < n; i++) if (!bounded || bounded[i]) x[i] = Math.min(1, Math.max(0, x[i]));
  return x;
}

/**
 * One generation's update from candidates ranked best first (at least μ of them): mean,
 * evolution paths, step size (cumulative step-size adaptation) and covariance (rank-one
 * plus rank-μ), then a fresh eigendecomposition. Mutates `state`.
 *
 * Candidates need not come from this distribution (out-of-order parallel results, enqueued
 * configurations, rounded integers): as Hansen recommends for injected solutions
 * (arXiv:1110.4181), each step y = (x - m) / σ is shortened to a Mahalanobis length of at
 * most √n + 2n / (n + 2), which leaves genuine samples almost always untouched.
 */
export function updateCmaState(state: CmaState, ranked: readonly ArrayLike<number>[]): void {
  const p = state.parameters;
  const n = p.dimension;
  if (ranked.length < p.mu) throw new RangeError(`updateCmaState needs at least ${p.mu} candidates, but got ${ranked.length}`);
  const maxLength = Math.sqrt(n) + (2 * n) / (n + 2);
  const steps: Float64Array[] = [];
  const weightedStep = new Float64Array(n);
  for (let r = 0; r < p.mu; r++) {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = (ranked[r][i] - state.mean[i]) / state.sigma;
    const length = norm(whiten(state, y));
    if (length > maxLength) for (let i = 0; i < n; i++) y[i] *= maxLength / length;
    steps.push(y);
    for (let i = 0; i < n; i++) weightedStep[i] += p.weights[r] * y[i];
  }

  for (let i = 0; i < n; i++) state.mean[i] += state.sigma * weightedStep[i];

  const whitened = whiten(state, weightedStep);
  const sigmaPathFactor = Math.sqrt(p.cSigma * (2 - p.cSigma) * p.muEff);
  for (let i = 0; i < n; i++) state.pathSigma[i] = (1 - p.cSigma) * state.pathSigma[i] + sigmaPathFactor * whitened[i];
  const pathSigmaNorm = norm(state.pathSigma);
  // Capped at e¹ per generation, as in Hansen's purecma, against a blow-up from a wild path.
  state.sigma *= Math.exp(Math.min(1, (p.cSigma / p.dSigma) * (pathSigmaNorm / p.chiN - 1)));

  state.generation++;
  const stalled = pathSigmaNorm / Math.sqrt(1 - (1 - p.cSigma) ** (2 * state.generation)) >= (1.4 + 2 / (n + 1)) * p.chiN;
  const hSigma = stalled ? 0 : 1;
  const cPathFactor = Math.sqrt(p.cC * (2 - p.cC) * p.muEff);
  for (let i = 0; i < n; i++) state.pathC[i] = (1 - p.cC) * state.pathC[i] + hSigma * cPathFactor * weightedStep[i];

  const decay = 1 - p.c1 - p.cMu + (1 - hSigma) * p.c1 * p.cC * (2 - p.cC);
  const c = state.covariance;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let rankMu = 0;
      for (let r = 0; r < p.mu; r++) rankMu += p.weights[r] * steps[r][i] * steps[r][j];
      const value = decay * c[i * n + j] + p.c1 * state.pathC[i] * state.pathC[j] + p.cMu * rankMu;
      c[i * n + j] = value;
      c[j * n + i] = value;
    }
  }
  decompose(state);
}

/** Refreshes B and D from C; eigenvalues rounded below zero are lifted to a tiny positive. */
function decompose(state: CmaState): void {
  const n = state.parameters.dimension;
  const { values, vectors } = eigenSymmetric(state.covariance, n);
  for (let i = 0; i < n; i++) {
    state.eigenvalues[i] = Math.max(values[i], 1e-300);
    state.scales[i] = Math.sqrt(state.eigenvalues[i]);
  }
  state.basis = vectors;
}

/** C^(-1/2) y = B D⁻¹ Bᵀ y. */
function whiten(state: CmaState, y: ArrayLike<number>): Float64Array {
  const n = state.parameters.dimension;
  const b = state.basis;
  const inBasis = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += b[i * n + k] * y[i];
    inBasis[k] = sum / state.scales[k];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += b[i * n + k] * inBasis[k];
    out[i] = sum;
  }
  return out;
}

function norm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  return Math.sqrt(sum);
}
