import type { Rng } from "./rng.js";

/**
 * Maths of the probability simplex, shared by the space (prior draws), every sampler
 * (coordinates) and the tabular tasks (distances): Dirichlet draws, the stick-breaking map
 * from the unit cube, log-ratio transforms (alr, ilr), the Aitchison distance and simplex
 * lattices. A composition is an array of k >= 2 non-negative numbers summing to 1.
 */

/** Scales non-negative parts to sum 1 (the even composition when all are 0). */
export function closure(parts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < parts.length; i++) total += parts[i];
  const out = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = total > 0 ? parts[i] / total : 1 / parts.length;
  return out;
}

/** The log of a Gamma(shape, 1) draw, exact for small shapes where the draw itself underflows (Marsaglia & Tsang 2000). */
export function logGammaDraw(rng: Rng, shape: number): number {
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) * U^(1/a), kept in logs.
    const u = 1 - rng.random();
    return logGammaDraw(rng, shape + 1) + Math.log(u) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng.random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return Math.log(d * v);
  }
}

/** A draw from Dirichlet(alphas): normalized Gamma draws, computed in logs so tiny concentrations give sparse, not NaN, weights. */
export function sampleDirichlet(rng: Rng, alphas: readonly number[]): number[] {
  const logs = alphas.map((alpha) => logGammaDraw(rng, alpha));
  const top = Math.max(...logs);
  return closure(logs.map((l) => Math.exp(l - top)));
}

/** A draw from the symmetric Dirichlet of `k` parts with `concentration`. */
export function sampleSymmetricDirichlet(rng: Rng, k: number, concentration: number): number[] {
  return sampleDirichlet(rng, new Array<number>(k).fill(concentration));
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const y = x - 1;
  let a = c[0];
  const t = y + g + 0.5;
  for (let i = 1; i < 9; i++) a += c[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularized incomplete beta function I_x(a, b) (continued fraction, Numerical Recipes §6.4). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (a === 1) return 1 - (1 - x) ** b;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const numerator of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-14) break;
  }
  return h;
}

/** The x with I_x(a, b) = p (bisection on the log of x, so tiny quantiles of small concentrations stay resolved). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (a === 1) return 1 - (1 - p) ** (1 / b);
  let lo = -745;
  let hi = 0;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(Math.exp(mid), a, b) < p) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * The composition at a point of the unit cube [0, 1]^(k-1) by stick-breaking: part i takes
 * the Beta(c, (k-1-i)c) quantile of u_i of what is left. A uniform point maps to a draw of
 * the symmetric Dirichlet(c), so a sampler modelling the cube starts from the prior.
 */
export function stickBreakingToSimplex(u: ArrayLike<number>, concentration: number): number[] {
  const k = u.length + 1;
  const out = new Array<number>(k);
  let left = 1;
  for (let i = 0; i < k - 1; i++) {
    const share = betaQuantile(Math.min(1, Math.max(0, u[i])), concentration, (k - 1 - i) * concentration);
    out[i] = left * share;
    left -= out[i];
  }
  out[k - 1] = Math.max(0, left);
  return out;
}

/** The inverse of stickBreakingToSimplex: the cube point of a composition. */
export function simplexToStickBreaking(x: ArrayLike<number>, concentration: number): number[] {
  const k = x.length;
  const out = new Array<number>(k - 1);
  let left = 1;
  for (let i = 0; i < k - 1; i++) {
    const share = left > 0 ? Math.min(1, Math.max(0, x[i] / left)) : 0.5;
    out[i] = betaCdf(share, concentration, (k - 1 - i) * concentration);
    left -= x[i];
  }
  return out;
}

/** Adds `pseudoCount` to every part and closes: the composition log-ratios are taken of (zeros have no logarithm). */
export function withPseudoCount(x: ArrayLike<number>, pseudoCount: number): number[] {
  return closure(Array.from(x, (v) => Math.max(0, v) + pseudoCount));
}

/** Centred log-ratio: ln x_i minus the mean log; `x` must be positive. */
export function clr(x: ArrayLike<number>): number[] {
  const logs = Array.from(x, Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  return logs.map((l) => l - mean);
}

/** Column j (0-based, j < k-1) of the orthonormal balance basis: the first j+1 parts against part j+1. */
function balance(k: number, j: number, i: number): number {
  const n = j + 1;
  const scale = 1 / Math.sqrt(n * (n + 1));
  if (i < n) return scale;
  if (i === n) return -n * scale;
  return 0;
}

/** Isometric log-ratio coordinates (Egozcue et al. 2003): k-1 numbers whose Euclidean distance is the Aitchison distance. */
export function ilr(x: ArrayLike<number>): number[] {
  const k = x.length;
  const c = clr(x);
  return Array.from({ length: k - 1 }, (_, j) => {
    let s = 0;
    for (let i = 0; i <= j + 1; i++) s += balance(k, j, i) * c[i];
    return s;
  });
}

/** The composition of ilr coordinates. */
export function ilrInverse(z: ArrayLike<number>): number[] {
  const k = z.length + 1;
  const c = new Array<number>(k).fill(0);
  for (let j = 0; j < k - 1; j++) for (let i = 0; i <= j + 1; i++) c[i] += balance(k, j, i) * z[j];
  return softmax(c);
}

/** Additive log-ratio coordinates: ln(x_i / x_k) for i < k. */
export function alr(x: ArrayLike<number>): number[] {
  const last = Math.log(x[x.length - 1]);
  return Array.from({ length: x.length - 1 }, (_, i) => Math.log(x[i]) - last);
}

/** The composition of alr coordinates. */
export function alrInverse(y: ArrayLike<number>): number[] {
  return softmax([...Array.from(y), 0]);
}

function softmax(v: number[]): number[] {
  const top = Math.max(...v);
  return closure(v.map((x) => Math.exp(x - top)));
}

/** Aitchison distance: the Euclidean distance of the clr transforms, after adding `pseudoCount` to each part. */
export function aitchisonDistance(a: ArrayLike<number>, b: ArrayLike<number>, pseudoCount: number): number {
  const ca = clr(withPseudoCount(a, pseudoCount));
  const cb = clr(withPseudoCount(b, pseudoCount));
  let s = 0;
  for (let i = 0; i < ca.length; i++) s += (ca[i] - cb[i]) ** 2;
  return Math.sqrt(s);
}

/** The simplex lattice {x : x_i = n_i / divisions, n_i >= 0 integers}: C(divisions + k - 1, k - 1) compositions, starting at the first corner. */
export function simplexLattice(k: number, divisions: number): number[][] {
  const out: number[][] = [];
  const counts = new Array<number>(k).fill(0);
  const visit = (i: number, left: number) => {
    if (i === k - 1) {
      counts[i] = left;
      out.push(counts.map((n) => n / divisions));
      return;
    }
    for (let n = left; n >= 0; n--) {
      counts[i] = n;
      visit(i + 1, left - n);
    }
  };
  visit(0, divisions);
  return out;
}

/** The number of points of simplexLattice(k, divisions). */
export function simplexLatticeSize(k: number, divisions: number): number {
  let size = 1;
  for (let i = 1; i < k; i++) size = (size * (divisions + i)) / i;
  return Math.round(size);
}
