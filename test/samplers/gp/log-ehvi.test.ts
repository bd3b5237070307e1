import { describe, expect, it } from "vitest";
import { nonDominatedBoxes } from "../../../src/math/box-decomposition.js";
import { hypervolume } from "../../../src/math/hypervolume.js";
import { Rng } from "../../../src/math/rng.js";
import { logExpectedImprovement } from "../../../src/samplers/gp/log-ei.js";
import { log1mexp, LogEhvi } from "../../../src/samplers/gp/log-ehvi.js";

/** Monte Carlo EHVI: the mean hypervolume gain of draws of independent normal losses. */
function monteCarloEhvi(front: number[][], reference: number[], means: number[], stddevs: number[], draws: number, rng: Rng): number {
  const base = hypervolume(front, reference);
  let total = 0;
  for (let s = 0; s < draws; s++) {
    // Box–Muller, one normal per objective.
    const y = means.map((mean, j) => mean + stddevs[j] * Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random()));
    total += hypervolume([...front, y], reference) - base;
  }
  return total / draws;
}

const front2 = [[0.2, 0.9], [0.5, 0.5], [0.8, 0.1]];
const front3 = [[0.2, 0.6, 0.7], [0.5, 0.3, 0.6], [0.7, 0.6, 0.2], [0.4, 0.8, 0.3]];

describe("log EHVI", () => {
  it("is log EI with one objective", () => {
    const ehvi = new LogEhvi(nonDominatedBoxes([[0.3]], [2]));
    for (const [mean, stddev] of [[0.5, 0.2], [0.1, 0.05], [3, 0.1]]) {
      // A loss below 0.3 improves; as a gain, -mean over the best -0.3.
      expect(ehvi.value([mean], [stddev])).toBeCloseTo(logExpectedImprovement(-mean, stddev, -0.3), 12);
    }
  });

  it("matches Monte Carlo in two and three objectives", () => {
    const rng = new Rng(11);
    for (const [front, reference, means, stddevs] of [
      [front2, [1, 1], [0.4, 0.4], [0.2, 0.3]],
      [front2, [1, 1], [0.9, 0.2], [0.1, 0.1]],
      [front3, [1, 1, 1], [0.4, 0.5, 0.4], [0.2, 0.2, 0.3]],
    ] as const) {
      const ehvi = new LogEhvi(nonDominatedBoxes(front as number[][], reference));
      const exact = Math.exp(ehvi.value(means, stddevs));
      const estimate = monteCarloEhvi(front as number[][], [...reference], [...means], [...stddevs], 40_000, rng);
      expect(Math.abs(exact - estimate) / estimate).toBeLessThan(0.03);
    }
  });

  it("has derivatives in means and deviations that match finite differences", () => {
    const ehvi = new LogEhvi(nonDominatedBoxes(front3, [1, 1, 1]));
    const dMeans = new Float64Array(3);
    const dStddevs = new Float64Array(3);
    for (const [means, stddevs] of [
      [[0.4, 0.5, 0.4], [0.2, 0.2, 0.3]],
      [[0.9, 0.9, 0.8], [0.05, 0.02, 0.04]],
      [[0.1, 0.1, 0.1], [0.3, 0.01, 0.5]],
    ]) {
      const value = ehvi.valueWithGradient(means, stddevs, dMeans, dStddevs);
      expect(value).toBeCloseTo(ehvi.value(means, stddevs), 14);
      for (let j = 0; j < 3; j++) {
        const h = 1e-6;
        const shift = (values: number[], by: number) => values.map((v, k) => (k === j ? v + by : v));
        expect(dMeans[j]).toBeCloseTo((ehvi.value(shift(means, h), stddevs) - ehvi.value(shift(means, -h), stddevs)) / (2 * h), 4);
        expect(dStddevs[j]).toBeCloseTo((ehvi.value(means, shift(stddevs, h)) - ehvi.value(means, shift(stddevs, -h))) / (2 * h), 4);
      }
    }
  });

  it("stays finite, with a finite gradient pointing back, far behind the front", () => {
    const ehvi = new LogEhvi(nonDominatedBoxes(front2, [1, 1]));
    const dMeans = new Float64Array(2);
    const dStddevs = new Float64Array(2);
    const value = ehvi.valueWithGradient([30, 40], [0.1, 0.1], dMeans, dStddevs);
    expect(value).toBeLessThan(-1e4);
    expect(Number.isFinite(value)).toBe(true);
    for (const d of [...dMeans, ...dStddevs]) expect(Number.isFinite(d)).toBe(true);
    // Lower losses improve more; more spread helps when far behind.
    expect(dMeans[0]).toBeLessThan(0);
    expect(dMeans[1]).toBeLessThan(0);
    expect(dStddevs[0]).toBeGreaterThan(0);
  });

  it("computes log(1 - eˣ) accurately on both sides of -log 2", () => {
    expect(log1mexp(-1e-20)).toBeCloseTo(Math.log(1e-20), 10);
    expect(log1mexp(-50)).toBeCloseTo(-Math.exp(-50), 30);
    expect(log1mexp(-1)).toBeCloseTo(Math.log(1 - Math.exp(-1)), 15);
  });
});
