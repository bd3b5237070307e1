import { describe, expect, it } from "vitest";
import { eigenSymmetric } from "../../../src/math/eigen-symmetric.js";
import { Rng, rngFor } from "../../../src/math/rng.js";
import { conditionalKernelMatrix, type KernelGroups } from "../../../src/samplers/gp/conditional-kernel.js";
import { fitKernelParams } from "../../../src/samplers/gp/fit-kernel-params.js";
import { GaussianProcess, type GpData } from "../../../src/samplers/gp/gaussian-process.js";
import { kernelGroupsOf } from "../../../src/samplers/gp/kernel-groups.js";
import { matern52, type KernelParams } from "../../../src/samplers/gp/kernel.js";
import { logMarginalPosterior, rawParamCount, type ParamLayout } from "../../../src/samplers/gp/marginal-likelihood.js";
import { Space } from "../../../src/space/index.js";

// Features: 0 numeric and 1 categorical (3 levels, the branch) always present; group 1 = features
// 2, 3 present when the branch is level 1; group 2 = feature 4 present when it is level 2.
const groups: KernelGroups = { of: Int32Array.of(0, 0, 1, 1, 2), count: 2, leaders: Int32Array.of(2, 4) };
const categorical = Uint8Array.of(0, 1, 0, 0, 0);

function conditionalData(n: number, rng: Rng): GpData {
  const d = 5;
  const x = new Float64Array(n * d).fill(NaN);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const branch = rng.int(3);
    x[i * d] = rng.random();
    x[i * d + 1] = (branch + 0.5) / 3;
    if (branch === 1) {
      x[i * d + 2] = rng.random();
      x[i * d + 3] = rng.random();
    }
    if (branch === 2) x[i * d + 4] = rng.random();
    y[i] = Math.sin(4 * x[i * d]) + (branch === 1 ? x[i * d + 2] - x[i * d + 3] : branch === 2 ? 2 * x[i * d + 4] - 1 : 0.5);
  }
  return { x, y, n, d, categorical, groups };
}

const params: KernelParams = {
  inverseSquaredLengthscales: Float64Array.of(3, 0.7, 2, 5, 1.5),
  scale: 1.3,
  noise: 1e-3,
  branchWeights: Float64Array.of(0.3, 0.6),
};

describe("conditional kernel", () => {
  it("compares on the features both points have and weighs a group only one has by its branch weight", () => {
    const x = Float64Array.of(
      0.2, 0.5, 0.1, 0.9, NaN, // branch 1
      0.6, 0.5, 0.3, 0.4, NaN, // branch 1
      0.2, 5 / 6, NaN, NaN, 0.7, // branch 2
      0.6, 1 / 6, NaN, NaN, NaN, // branch 0
    );
    const k = conditionalKernelMatrix(x, 4, 5, params, categorical, groups);
    const root = (dx: number, sameLevel: boolean) => 3 * dx * dx + (sameLevel ? 0 : 0.7);
    const both = (r2: number, w: number) => w + (1 - w) * matern52(r2);
    expect(k[1 * 4 + 0]).toBeCloseTo(1.3 * matern52(root(0.4, true)) * both(2 * 0.04 + 5 * 0.25, 0.3), 14);
    // Group 1 in one point, group 2 in the other: both branch weights.
    expect(k[2 * 4 + 0]).toBeCloseTo(1.3 * matern52(root(0, false)) * 0.3 * 0.6, 14);
    // Neither has group 2: it does not count.
    expect(k[3 * 4 + 1]).toBeCloseTo(1.3 * matern52(root(0, false)) * 0.3, 14);
    expect(k[0]).toBeCloseTo(1.3 + 1e-3, 14);
  });

  it("gives positive semi-definite matrices for any branch weights", () => {
    const rng = new Rng(3);
    for (let round = 0; round < 5; round++) {
      const data = conditionalData(40, rng);
      const p = { ...params, noise: 0, branchWeights: Float64Array.of(rng.random(), rng.random()) };
      const { values } = eigenSymmetric(conditionalKernelMatrix(data.x, data.n, data.d, p, categorical, groups), data.n);
      expect(values[0]).toBeGreaterThan(-1e-10);
    }
  });

  it("has a log marginal posterior whose gradient matches finite differences, branch weights included", () => {
    const data = conditionalData(30, new Rng(5));
    const layout: ParamLayout = { d: 5, minNoise: 1e-6, fixedNoise: false, branches: 2 };
    expect(rawParamCount(layout)).toBe(9);
    const raw = Float64Array.of(0.7, -0.4, 0.2, 0.1, 0.5, 0.3, -3, -0.8, 1.1);
    const gradient = new Float64Array(raw.length);
    const value = logMarginalPosterior(data, raw, layout, gradient);
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
  });

  it("predicts gradients that match finite differences, and none along a group the point lacks", () => {
    const data = conditionalData(30, new Rng(6));
    const gp = new GaussianProcess(data, params);
    const meanGradient = new Float64Array(5);
    const varianceGradient = new Float64Array(5);
    for (const point of [Float64Array.of(0.3, 0.5, 0.4, 0.6, NaN), Float64Array.of(0.7, 5 / 6, NaN, NaN, 0.2)]) {
      gp.predictWithGradient(point, meanGradient, varianceGradient);
      for (let c = 0; c < 5; c++) {
        if (Number.isNaN(point[c]) || categorical[c]) {
          expect([meanGradient[c], varianceGradient[c]]).toEqual([0, 0]);
          continue;
        }
        const h = 1e-6;
        const up = Float64Array.from(point);
        const down = Float64Array.from(point);
        up[c] += h;
        down[c] -= h;
        expect(meanGradient[c]).toBeCloseTo((gp.predict(up).mean - gp.predict(down).mean) / (2 * h), 5);
        expect(varianceGradient[c]).toBeCloseTo((gp.predict(up).variance - gp.predict(down).variance) / (2 * h), 5);
      }
    }
  });

  it("fits branch weights: near 1 when a group's presence says nothing, lower when it moves the value", () => {
    const rng = new Rng(7);
    const base = conditionalData(60, rng);
    // The value depends on feature 0 only: the groups are noise.
    const flat = { ...base, y: Float64Array.from({ length: base.n }, (_, i) => Math.sin(4 * base.x[i * 5])) };
    // The value jumps with the branch of group 2.
    const jump = { ...base, y: Float64Array.from({ length: base.n }, (_, i) => Math.sin(4 * base.x[i * 5]) + (Number.isNaN(base.x[i * 5 + 4]) ? 0 : 3)) };
    const weight = (data: GpData) => (fitKernelParams(data, { rng: rngFor(0, "fit") }).branchWeights as Float64Array)[1];
    expect(weight(flat)).toBeGreaterThan(0.5);
    expect(weight(jump)).toBeLessThan(weight(flat));
  });
});

describe("kernelGroupsOf", () => {
  it("puts parameters with the same condition in one group and those without in group 0", () => {
    const space = Space.parse({
      retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid"] },
      alpha: { type: "float", low: 0, high: 1, when: { retriever: "hybrid" } },
      top_k: { type: "int", low: 1, high: 20 },
      hybrid_k: { type: "int", low: 1, high: 5, when: { retriever: ["hybrid"] } },
      rerank: { type: "categorical", choices: [true, false], when: { retriever: ["hybrid", "dense"] } },
      rerank_k: { type: "int", low: 2, high: 10, when: { rerank: true } },
    });
    const groups = kernelGroupsOf(space) as KernelGroups;
    const groupOf = Object.fromEntries(space.names.map((name, c) => [name, groups.of[c]]));
    expect(groups.count).toBe(3);
    expect(groupOf.retriever).toBe(0);
    expect(groupOf.top_k).toBe(0);
    expect(groupOf.alpha).toBe(groupOf.hybrid_k);
    expect(new Set([groupOf.alpha, groupOf.rerank, groupOf.rerank_k]).size).toBe(3);
    expect(Array.from(groups.leaders, (c) => groups.of[c])).toEqual([1, 2, 3]);
    expect(kernelGroupsOf(Space.parse({ x: { type: "float", low: 0, high: 1 } }))).toBeNull();
  });
});
