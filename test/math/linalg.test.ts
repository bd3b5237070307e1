import { describe, expect, it } from "vitest";
import { KnobsError } from "../../src/errors/index.js";
import {
  cholesky,
  choleskyInverse,
  choleskyLogDet,
  choleskySolve,
  dotRange,
  lowerSolveSquaredNorms,
  solveLower,
  solveLowerTransposed,
  solveUpper,
  transpose,
} from "../../src/math/linalg.js";
import { Rng } from "../../src/math/rng.js";

/** A random symmetric positive-definite matrix B Bᵀ + n·ridge·I. */
function randomSpd(n: number, rng: Rng, ridge = 0.1): Float64Array {
  const b = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += b[i * n + k] * b[j * n + k];
      a[i * n + j] = sum + (i === j ? n * ridge : 0);
    }
  }
  return a;
}

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) c[i * n + j] += a[i * n + k] * b[k * n + j];
  return c;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function matrixVector(a: Float64Array, x: ArrayLike<number>, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => dotRange(a, i * n, Float64Array.from(x), 0, n));
}

describe("cholesky", () => {
  it("factors a hand-checked 2 x 2 and 3 x 3 matrix", () => {
    expect(Array.from(cholesky(Float64Array.of(4, 2, 2, 5), 2).factor)).toEqual([2, 0, 1, 2]);
    // A = L Lᵀ with L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]].
    const a = Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98);
    const { factor, jitter } = cholesky(a, 3);
    expect(jitter).toBe(0);
    expect(maxAbsDifference(factor, [2, 0, 0, 6, 1, 0, -8, 5, 3])).toBeLessThan(1e-12);
    expect(choleskyLogDet(factor, 3)).toBeCloseTo(Math.log(36), 12);
  });

  it("reconstructs random SPD matrices (L Lᵀ = A) and leaves the upper triangle zero", () => {
    const rng = new Rng(1);
    for (const n of [1, 2, 5, 17, 64]) {
      const a = randomSpd(n, rng);
      const { factor, jitter } = cholesky(a, n);
      expect(jitter).toBe(0);
      const product = multiply(factor, transpose(factor, n), n);
      const scale = Math.max(...a.map(Math.abs));
      expect(maxAbsDifference(product, a) / scale).toBeLessThan(1e-13);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(factor[i * n + j]).toBe(0);
    }
  });

  it("adds jitter to a singular matrix instead of returning NaN", () => {
    // v vᵀ has rank 1: plain Cholesky fails on the second pivot.
    const v = [1, 2, 3, 4];
    const n = v.length;
    const a = Float64Array.from({ length: n * n }, (_, k) => v[Math.floor(k / n)] * v[k % n]);
    const { factor, jitter } = cholesky(a, n);
    expect(jitter).toBeGreaterThan(0);
    expect(jitter).toBeLessThan(1e-3);
    expect(factor.every(Number.isFinite)).toBe(true);
    const product = multiply(factor, transpose(factor, n), n);
    for (let i = 0; i < n; i++) a[i * n + i] += jitter;
    expect(maxAbsDifference(product, a)).toBeLessThan(1e-10);
  });

  it("factors a nearly singular kernel matrix of duplicated points with a small jitter", () => {
    const n = 6;
    // Points 0 and 1 coincide: exactly duplicated rows of an exp(-d²) kernel.
    const xs = [0, 0, 0.3, 0.5, 0.9, 1];
    const a = Float64Array.from({ length: n * n }, (_, k) => Math.exp(-((xs[Math.floor(k / n)] - xs[k % n]) ** 2)));
    const { factor, jitter } = cholesky(a, n);
    expect(jitter).toBeGreaterThan(0);
    expect(jitter).toBeLessThan(1e-4);
    expect(factor.every(Number.isFinite)).toBe(true);
  });

  it("throws a KnobsError for an indefinite or non-finite matrix and a wrong size", () => {
    expect(() => cholesky(Float64Array.of(1, 0, 0, -1), 2)).toThrow(KnobsError);
    expect(() => cholesky(Float64Array.of(1, 0, 0, -1), 2)).toThrow(/not positive definite/);
    expect(() => cholesky(Float64Array.of(NaN, 0, 0, 1), 2)).toThrow(KnobsError);
    expect(() => cholesky(Float64Array.of(1, 2, 3), 2)).toThrow(/needs 4 entries, but got 3/);
  });
});

describe("triangular and SPD solves", () => {
  it("solves a hand-checked system", () => {
    const { factor } = cholesky(Float64Array.of(4, 2, 2, 5), 2);
    // [[4, 2], [2, 5]] x = [10, 13] at x = [1.5, 2]; L = [[2, 0], [1, 2]].
    expect(maxAbsDifference(choleskySolve(factor, 2, [10, 13]), [1.5, 2])).toBeLessThan(1e-14);
    expect(maxAbsDifference(solveLower(factor, 2, [2, 5]), [1, 2])).toBeLessThan(1e-14);
    expect(maxAbsDifference(solveLowerTransposed(factor, 2, [4, 4]), [1, 2])).toBeLessThan(1e-14);
  });

  it("solves random SPD systems to a small residual, in place too", () => {
    const rng = new Rng(2);
    for (const n of [3, 20, 50]) {
      const a = randomSpd(n, rng);
      const { factor } = cholesky(a, n);
      const b = Float64Array.from({ length: n }, () => rng.normal());
      const x = choleskySolve(factor, n, b);
      expect(maxAbsDifference(matrixVector(a, x, n), b)).toBeLessThan(1e-10);
      const inPlace = Float64Array.from(b);
      choleskySolve(factor, n, inPlace, inPlace);
      expect(maxAbsDifference(inPlace, x)).toBeLessThan(1e-14);
      // Lᵀ x = b two ways agree.
      expect(maxAbsDifference(solveUpper(transpose(factor, n), n, b), solveLowerTransposed(factor, n, b))).toBeLessThan(1e-10);
    }
  });

  it("inverts through the factor (A A⁻¹ = I) and matches log det", () => {
    const rng = new Rng(3);
    for (const n of [1, 4, 9, 33]) {
      const a = randomSpd(n, rng);
      const { factor } = cholesky(a, n);
      const inverse = choleskyInverse(factor, n);
      const identity = Float64Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0));
      expect(maxAbsDifference(multiply(a, inverse, n), identity)).toBeLessThan(1e-10);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(inverse[i * n + j]).toBe(inverse[j * n + i]);
    }
    const diagonal = Float64Array.of(2, 0, 0, 0, 3, 0, 0, 0, 5);
    expect(choleskyLogDet(cholesky(diagonal, 3).factor, 3)).toBeCloseTo(Math.log(30), 12);
  });

  it("lowerSolveSquaredNorms matches one solve per right-hand side, for any count", () => {
    const rng = new Rng(4);
    const n = 13;
    const { factor } = cholesky(randomSpd(n, rng), n);
    for (const count of [1, 7, 8, 9, 21]) {
      const b = Float64Array.from({ length: count * n }, () => rng.normal());
      const norms = lowerSolveSquaredNorms(factor, n, b, count);
      for (let r = 0; r < count; r++) {
        const v = solveLower(factor, n, b.subarray(r * n, (r + 1) * n));
        expect(norms[r]).toBeCloseTo(dotRange(v, 0, v, 0, n), 10);
      }
    }
  });
});
