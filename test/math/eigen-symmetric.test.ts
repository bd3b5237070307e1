import { describe, expect, it } from "vitest";
import { eigenSymmetric } from "../../src/math/eigen-symmetric.js";
import { Rng } from "../../src/math/rng.js";

function randomSymmetric(n: number, rng: Rng, scale = 1): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value = scale * rng.normal();
      m[i * n + j] = value;
      m[j * n + i] = value;
    }
  }
  return m;
}

/** Largest |entry| of V diag(values) Vᵀ - A. */
function reconstructionError(matrix: Float64Array, n: number, values: Float64Array, vectors: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += vectors[i * n + k] * values[k] * vectors[j * n + k];
      worst = Math.max(worst, Math.abs(sum - matrix[i * n + j]));
    }
  }
  return worst;
}

/** Largest |entry| of Vᵀ V - I. */
function orthogonalityError(vectors: Float64Array, n: number): number {
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += vectors[i * n + a] * vectors[i * n + b];
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

describe("eigenSymmetric", () => {
  it("solves the 2x2 example of its doc comment", () => {
    const { values, vectors } = eigenSymmetric(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    expect(Math.abs(vectors[0 * 2 + 1])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0 * 2 + 1] * vectors[1 * 2 + 1]).toBeGreaterThan(0); // eigenvector of 3 is ±(1, 1)
    expect(vectors[0 * 2 + 0] * vectors[1 * 2 + 0]).toBeLessThan(0); // eigenvector of 1 is ±(1, -1)
  });

  it("reconstructs random symmetric matrices with orthonormal eigenvectors and ascending eigenvalues", () => {
    const rng = new Rng(7);
    for (const n of [1, 2, 3, 5, 10, 20, 40]) {
      for (let repeat = 0; repeat < 5; repeat++) {
        const matrix = randomSymmetric(n, rng);
        const copy = matrix.slice();
        const { values, vectors } = eigenSymmetric(matrix, n);
        expect(matrix).toEqual(copy); // input untouched
        expect(reconstructionError(matrix, n, values, vectors)).toBeLessThan(1e-12 * n);
        expect(orthogonalityError(vectors, n)).toBeLessThan(1e-13 * n);
        for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
        let trace = 0;
        for (let i = 0; i < n; i++) trace += matrix[i * n + i];
        expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 10);
      }
    }
  });

  it("handles ill-conditioned covariance-like matrices (eigenvalues from 1e-12 to 1)", () => {
    const n = 8;
    const rng = new Rng(3);
    // Random orthogonal basis from the eigenvectors of a random matrix, then a chosen spectrum.
    const basis = eigenSymmetric(randomSymmetric(n, rng), n).vectors;
    const spectrum = Array.from({ length: n }, (_, k) => 10 ** (-12 + (12 * k) / (n - 1)));
    const matrix = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += basis[i * n + k] * spectrum[k] * basis[j * n + k];
        matrix[i * n + j] = sum;
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) matrix[i * n + j] = matrix[j * n + i];
    const { values, vectors } = eigenSymmetric(matrix, n);
    expect(reconstructionError(matrix, n, values, vectors)).toBeLessThan(1e-15);
    expect(orthogonalityError(vectors, n)).toBeLessThan(1e-14);
    // Relative accuracy down to the smallest eigenvalue (limited by how well `matrix` itself was rounded).
    for (let k = 0; k < n; k++) expect(Math.abs(values[k] / spectrum[k] - 1)).toBeLessThan(1e-3);
    for (let k = 3; k < n; k++) expect(Math.abs(values[k] / spectrum[k] - 1)).toBeLessThan(1e-8);
  });

  it("returns the identity basis for a diagonal matrix and reads only the upper triangle", () => {
    const { values, vectors } = eigenSymmetric(Float64Array.of(3, 0, 0, 0, 1, 0, 0, 0, 2), 3);
    expect(Array.from(values)).toEqual([1, 2, 3]);
    expect(Array.from(vectors).map(Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    // Lower triangle garbage is ignored.
    const upperOnly = eigenSymmetric(Float64Array.of(2, 1, 99, 2), 2);
    expect(upperOnly.values[0]).toBeCloseTo(1, 14);
    expect(upperOnly.values[1]).toBeCloseTo(3, 14);
  });

  it("handles repeated eigenvalues and the zero matrix", () => {
    const zero = eigenSymmetric(new Float64Array(9), 3);
    expect(Array.from(zero.values)).toEqual([0, 0, 0]);
    const n = 4;
    const allOnes = new Float64Array(n * n).fill(1); // eigenvalues 0, 0, 0, 4
    const { values, vectors } = eigenSymmetric(allOnes, n);
    expect(values[3]).toBeCloseTo(4, 13);
    for (let k = 0; k < 3; k++) expect(Math.abs(values[k])).toBeLessThan(1e-14);
    expect(orthogonalityError(vectors, n)).toBeLessThan(1e-14);
  });

  it("rejects a wrong size and non-finite entries", () => {
    expect(() => eigenSymmetric(new Float64Array(3), 2)).toThrow(/expects 4 entries for n=2, but got 3/);
    expect(() => eigenSymmetric(Float64Array.of(1, NaN, NaN, 1), 2)).toThrow(/entry \(0, 1\) is NaN/);
  });
});
