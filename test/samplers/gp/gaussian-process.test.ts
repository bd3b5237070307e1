import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/math/rng.js";
import { GaussianProcess, type GpData } from "../../../src/samplers/gp/gaussian-process.js";
import { kernelMatrix, matern52, matern52Derivative, type KernelParams } from "../../../src/samplers/gp/kernel.js";

/** n random points of d features; the last `categories.length` features are categorical with that many levels. */
function randomData(n: number, d: number, rng: Rng, categories: number[] = []): GpData {
  const categorical = Uint8Array.from({ length: d }, (_, c) => (c >= d - categories.length ? 1 : 0));
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) {
      const levels = categories[c - (d - categories.length)];
      x[i * d + c] = categorical[c] ? (rng.int(levels) + 0.5) / levels : rng.random();
    }
  }
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(6 * x[i * d]) + (d > 1 ? x[i * d + 1] : 0));
  return { x, y, n, d, categorical };
}

function params(d: number, noise: number, rho = 4): KernelParams {
  return { inverseSquaredLengthscales: new Float64Array(d).fill(rho), scale: 1.5, noise };
}

describe("Matérn 5/2 kernel", () => {
  it("has the closed form (1 + √5 r + 5r²/3) e^(-√5 r) and its derivative in r²", () => {
    expect(matern52(0)).toBe(1);
    expect(matern52(1)).toBeCloseTo((1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 15);
    expect(matern52Derivative(0)).toBeCloseTo(-5 / 6, 15);
    for (const r2 of [0.01, 0.3, 2, 9]) {
      const h = 1e-7;
      expect(matern52Derivative(r2)).toBeCloseTo((matern52(r2 + h) - matern52(r2 - h)) / (2 * h), 7);
    }
  });

  it("builds a symmetric matrix with scale + noise on the diagonal and the slopes below it", () => {
    const data = randomData(5, 2, new Rng(12), [2]);
    const p = { inverseSquaredLengthscales: Float64Array.of(3, 0.5), scale: 2, noise: 0.1 };
    const slopes = new Float64Array(25);
    const k = kernelMatrix(data.x, 5, 2, p, data.categorical, slopes);
    for (let i = 0; i < 5; i++) {
      expect(k[i * 5 + i]).toBeCloseTo(2.1, 15);
      for (let j = 0; j < i; j++) {
        const dx = data.x[i * 2] - data.x[j * 2];
        const r2 = 3 * dx * dx + (data.x[i * 2 + 1] === data.x[j * 2 + 1] ? 0 : 0.5);
        expect(k[i * 5 + j]).toBeCloseTo(2 * matern52(r2), 14);
        expect(k[j * 5 + i]).toBe(k[i * 5 + j]);
        expect(slopes[i * 5 + j]).toBeCloseTo(2 * matern52Derivative(r2), 14);
      }
    }
  });
});

describe("GaussianProcess", () => {
  it("interpolates its training data when the noise is small", () => {
    const data = randomData(25, 2, new Rng(1));
    const gp = new GaussianProcess(data, params(2, 1e-8));
    for (let i = 0; i < data.n; i++) {
      const { mean, variance } = gp.predict(data.x.subarray(i * 2, i * 2 + 2));
      expect(mean).toBeCloseTo(data.y[i], 5);
      expect(variance).toBeLessThan(1e-6);
    }
    const means = gp.trainingMeans();
    for (let i = 0; i < data.n; i++) expect(means[i]).toBeCloseTo(data.y[i], 5);
  });

  it("smooths noisy data and reverts to the prior far from it", () => {
    const data = randomData(25, 1, new Rng(2));
    const gp = new GaussianProcess(data, params(1, 0.5));
    const means = gp.trainingMeans();
    let moved = 0;
    for (let i = 0; i < data.n; i++) {
      moved = Math.max(moved, Math.abs(means[i] - data.y[i]));
      expect(means[i]).toBeCloseTo(gp.predict(data.x.subarray(i, i + 1)).mean, 10);
    }
    expect(moved).toBeGreaterThan(0.01);
    const far = gp.predict(Float64Array.of(40));
    expect(far.mean).toBeCloseTo(0, 6);
    expect(far.variance).toBeCloseTo(1.5, 6);
  });

  it("predicts a batch exactly as one point at a time, categorical features included", () => {
    const rng = new Rng(3);
    const data = randomData(40, 4, rng, [3]);
    const gp = new GaussianProcess(data, params(4, 1e-3, 2));
    const count = 37; // not a multiple of the solver's block
    const points = randomData(count, 4, rng, [3]).x;
    const means = new Float64Array(count);
    const variances = new Float64Array(count);
    gp.predictBatch(points, count, means, variances);
    for (let k = 0; k < count; k++) {
      const single = gp.predict(points.subarray(k * 4, (k + 1) * 4));
      expect(means[k]).toBeCloseTo(single.mean, 12);
      expect(variances[k]).toBeCloseTo(single.variance, 12);
    }
  });

  it("reports mean and variance gradients that match finite differences", () => {
    const rng = new Rng(4);
    const data = randomData(30, 3, rng, [2]);
    const gp = new GaussianProcess(data, params(3, 1e-4, 3));
    const meanGradient = new Float64Array(3);
    const varianceGradient = new Float64Array(3);
    for (let trial = 0; trial < 5; trial++) {
      const point = Float64Array.of(rng.random(), rng.random(), 0.25);
      gp.predictWithGradient(point, meanGradient, varianceGradient);
      for (let c = 0; c < 2; c++) {
        const h = 1e-6;
        const up = Float64Array.from(point);
        const down = Float64Array.from(point);
        up[c] += h;
        down[c] -= h;
        const plus = gp.predict(up);
        const minus = gp.predict(down);
        expect(meanGradient[c]).toBeCloseTo((plus.mean - minus.mean) / (2 * h), 5);
        expect(varianceGradient[c]).toBeCloseTo((plus.variance - minus.variance) / (2 * h), 5);
      }
      expect(meanGradient[2]).toBe(0);
      expect(varianceGradient[2]).toBe(0);
    }
  });

  it("compares categorical features by equality only", () => {
    // One categorical feature with levels at 1/6, 1/2, 5/6: level 3 is as far from 1 as level 2.
    const data: GpData = { x: Float64Array.of(1 / 6), y: Float64Array.of(1), n: 1, d: 1, categorical: Uint8Array.of(1) };
    const gp = new GaussianProcess(data, params(1, 1e-6, 1));
    expect(gp.predict(Float64Array.of(0.5)).mean).toBeCloseTo(gp.predict(Float64Array.of(5 / 6)).mean, 14);
    expect(gp.predict(Float64Array.of(1 / 6)).mean).toBeGreaterThan(gp.predict(Float64Array.of(0.5)).mean);
  });
});
