import { describe, expect, it } from "vitest";
import { Rng, rngFor } from "../../../src/math/rng.js";
import { fitKernelParams } from "../../../src/samplers/gp/fit-kernel-params.js";
import type { GpData } from "../../../src/samplers/gp/gaussian-process.js";
import { logMarginalPosterior, rawParamCount, type ParamLayout } from "../../../src/samplers/gp/marginal-likelihood.js";
import { standardize } from "../../../src/samplers/gp/training-data.js";

function dataOf(n: number, d: number, f: (x: Float64Array) => number, rng: Rng, categorical = new Uint8Array(d)): GpData {
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * d, (i + 1) * d);
    for (let c = 0; c < d; c++) row[c] = categorical[c] ? (rng.int(3) + 0.5) / 3 : rng.random();
    y[i] = f(row);
  }
  standardize(y);
  return { x, y, n, d, categorical };
}

describe("log marginal posterior", () => {
  it("has a gradient that matches finite differences, with fitted and with fixed noise", () => {
    const rng = new Rng(5);
    const data = dataOf(30, 3, (x) => Math.sin(5 * x[0]) + x[1] * (x[2] > 0.5 ? 1 : -1), rng, Uint8Array.of(0, 0, 1));
    for (const fixedNoise of [false, true]) {
      const layout: ParamLayout = { d: 3, minNoise: 1e-6, fixedNoise };
      const raw = Float64Array.from({ length: rawParamCount(layout) }, (_, i) => [0.7, -0.4, 0.2, 0.1, -3][i]);
      const gradient = new Float64Array(raw.length);
      const value = logMarginalPosterior(data, raw, layout, gradient);
      expect(Number.isFinite(value)).toBe(true);
      expect(logMarginalPosterior(data, raw, layout, null)).toBe(value);
      for (let i = 0; i < raw.length; i++) {
        const h = 1e-6;
        const up = Float64Array.from(raw);
        const down = Float64Array.from(raw);
        up[i] += h;
        down[i] -= h;
        const numeric = (logMarginalPosterior(data, up, layout, null) - logMarginalPosterior(data, down, layout, null)) / (2 * h);
        expect(gradient[i]).toBeCloseTo(numeric, 4);
      }
    }
  });

  it("is fitted to a short lengthscale on a wiggly dimension and a long one on a smooth dimension", () => {
    const rng = new Rng(6);
    // Fast in x0 (period 0.25), slow and nearly linear in x1.
    const data = dataOf(60, 2, (x) => Math.sin(8 * Math.PI * x[0]) + 0.5 * x[1], rng);
    const params = fitKernelParams(data, { rng: rngFor(0, "fit") });
    const [rho0, rho1] = params.inverseSquaredLengthscales;
    const lengthscale0 = 1 / Math.sqrt(rho0);
    const lengthscale1 = 1 / Math.sqrt(rho1);
    expect(lengthscale0).toBeLessThan(0.3);
    expect(lengthscale1).toBeGreaterThan(5 * lengthscale0);
  });

  it("fits a short lengthscale to a wiggly function and a long one to a linear function", () => {
    const wiggly = fitKernelParams(dataOf(40, 1, (x) => Math.sin(10 * Math.PI * x[0]), new Rng(7)), { rng: rngFor(0, "fit") });
    const linear = fitKernelParams(dataOf(40, 1, (x) => 2 * x[0] - 1, new Rng(7)), { rng: rngFor(0, "fit") });
    const lengthscale = (rho: number) => 1 / Math.sqrt(rho);
    expect(lengthscale(wiggly.inverseSquaredLengthscales[0])).toBeLessThan(0.2);
    expect(lengthscale(linear.inverseSquaredLengthscales[0])).toBeGreaterThan(1);
  });

  it("fits a small noise to noiseless data and a large noise to noisy data", () => {
    const rng = new Rng(8);
    const clean = fitKernelParams(dataOf(40, 1, (x) => Math.sin(3 * x[0]), rng), { rng: rngFor(0, "fit") });
    const noisy = fitKernelParams(dataOf(40, 1, (x) => Math.sin(3 * x[0]) + 0.5 * rng.normal(), rng), { rng: rngFor(0, "fit") });
    expect(clean.noise).toBeLessThan(1e-3);
    expect(noisy.noise).toBeGreaterThan(0.05);
    const fixed = fitKernelParams(dataOf(10, 1, (x) => x[0], rng), { rng: rngFor(0, "fit"), deterministic: true });
    expect(fixed.noise).toBe(1e-6);
  });

  it("is a pure function of the data and the rng's seed", () => {
    const data = dataOf(120, 2, (x) => x[0] * x[1], new Rng(9));
    const a = fitKernelParams(data, { rng: rngFor(1, "fit"), maxPoints: 50 });
    const b = fitKernelParams(data, { rng: rngFor(1, "fit"), maxPoints: 50 });
    expect(a).toEqual(b);
  });
});
