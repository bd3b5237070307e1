import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/math/rng.js";
import { cmaParameters, defaultPopulationSize } from "../../../src/samplers/cmaes/cma-parameters.js";
import { firstRun, sampleCandidate, tellGeneration, type CmaRun, type CmaRunSettings } from "../../../src/samplers/cmaes/cma-run.js";
import { createCmaState, sampleCmaCandidate, updateCmaState } from "../../../src/samplers/cmaes/cma-state.js";

/** Runs generations of `run` on `f` (in the unit cube) until `evaluations` are spent. */
function optimize(settings: CmaRunSettings, f: (x: Float64Array) => number, evaluations: number, onTell?: (before: CmaRun, after: CmaRun) => void) {
  let run = firstRun(settings);
  let spent = 0;
  let best = Infinity;
  while (spent < evaluations) {
    const lambda = run.state.parameters.lambda;
    const candidates = Array.from({ length: lambda }, (_, k) => sampleCandidate(run, settings, k));
    const losses = candidates.map((c) => f(c.point));
    spent += lambda;
    best = Math.min(best, ...losses);
    const order = losses.map((_, i) => i).sort((a, b) => losses[a] - losses[b]);
    const next = tellGeneration(run, settings, order.map((i) => candidates[i].raw), order.map((i) => losses[i]));
    onTell?.(run, next);
    run = next;
  }
  return { run, best };
}

const settings = (dimension: number, overrides: Partial<CmaRunSettings> = {}): CmaRunSettings => ({
  seed: 1,
  dimension,
  sigma0: 1 / 6,
  restarts: false,
  discrete: [],
  ...overrides,
});

const sphere = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - 0.3) ** 2;
  return s;
};

describe("CMA-ES strategy parameters", () => {
  it("match the tutorial's defaults (n = 10, λ = 10)", () => {
    expect(defaultPopulationSize(10)).toBe(10);
    expect(defaultPopulationSize(1)).toBe(4);
    const p = cmaParameters(10, 10);
    expect(p.mu).toBe(5);
    expect(p.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 14);
    for (let i = 1; i < p.mu; i++) expect(p.weights[i]).toBeLessThan(p.weights[i - 1]);
    expect(p.muEff).toBeCloseTo(3.1672992, 6);
    expect(p.cSigma).toBeCloseTo((p.muEff + 2) / (10 + p.muEff + 5), 14);
    expect(p.c1).toBeCloseTo(2 / (11.3 ** 2 + p.muEff), 14);
    expect(p.chiN).toBeCloseTo(Math.sqrt(10) * (1 - 1 / 40 + 1 / 2100), 14);
  });
});

describe("CMA-ES state", () => {
  it("keeps C = B D² Bᵀ and samples with the covariance it models", () => {
    const state = createCmaState({ mean: [0.5, 0.5, 0.5], sigma: 0.1, lambda: 7 });
    // Tell generations from an elongated quadratic so that C becomes anisotropic.
    const f = (x: Float64Array) => 100 * (x[0] - 0.5 + x[1] - 0.5) ** 2 + (x[0] - x[1]) ** 2 + (x[2] - 0.5) ** 2;
    for (let g = 0; g < 30; g++) {
      const xs = Array.from({ length: 7 }, (_, k) => sampleCmaCandidate(state, new Rng(1000 * g + k)));
      xs.sort((a, b) => f(a) - f(b));
      updateCmaState(state, xs);
    }
    const n = 3;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += state.basis[i * n + k] * state.eigenvalues[k] * state.basis[j * n + k];
        expect(sum).toBeCloseTo(state.covariance[i * n + j], 10);
      }
    }
    // Empirical covariance of many samples matches σ² C (the mean is far from the cube's walls).
    const rng = new Rng(5);
    const samples = Array.from({ length: 20000 }, () => sampleCmaCandidate(state, rng));
    const mean = [0, 1, 2].map((i) => samples.reduce((s, x) => s + x[i], 0) / samples.length);
    for (let i = 0; i < n; i++) {
      expect(Math.abs(mean[i] - state.mean[i])).toBeLessThan(0.05 * state.sigma * Math.sqrt(state.covariance[i * n + i]) + 1e-12);
      for (let j = 0; j < n; j++) {
        const empirical = samples.reduce((s, x) => s + (x[i] - mean[i]) * (x[j] - mean[j]), 0) / samples.length;
        const model = state.sigma ** 2 * state.covariance[i * n + j];
        const scale = state.sigma ** 2 * Math.sqrt(state.covariance[i * n + i] * state.covariance[j * n + j]);
        expect(Math.abs(empirical - model)).toBeLessThan(0.05 * scale);
      }
    }
  });

  it("keeps candidates in the unit cube", () => {
    const state = createCmaState({ mean: [0.02, 0.98], sigma: 0.5, lambda: 6 });
    const rng = new Rng(2);
    for (let k = 0; k < 200; k++) {
      for (const x of sampleCmaCandidate(state, rng)) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }
    }
  });

  it("grows σ on a linear slope and shrinks it near an optimum", () => {
    const slope = optimize(settings(4), (x) => x[0] + x[1] + x[2] + x[3], 60);
    // Stays in the cube, so it is only the early growth we can see: σ above σ₀ after a few generations.
    expect(slope.run.state.sigma).toBeGreaterThan(1 / 6);
    const converged = optimize(settings(4), sphere, 1500);
    expect(converged.run.state.sigma).toBeLessThan(1e-4);
    expect(converged.best).toBeLessThan(1e-10);
  });

  it("converges on a rotated ellipsoid by learning its covariance", () => {
    const n = 5;
    const f = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let rotated = 0;
        for (let j = 0; j <= i; j++) rotated += x[j] - 0.4;
        s += 10 ** ((4 * i) / (n - 1)) * rotated ** 2;
      }
      return s;
    };
    const { best, run } = optimize(settings(n), f, 4000);
    expect(best).toBeLessThan(1e-8);
    expect(run.state.eigenvalues[n - 1] / run.state.eigenvalues[0]).toBeGreaterThan(100);
  });
});

describe("IPOP restarts", () => {
  // Rastrigin scaled to the unit cube: many local minima, the global one at the centre.
  const rastrigin = (x: ArrayLike<number>) => {
    let s = 10 * x.length;
    for (let i = 0; i < x.length; i++) {
      const z = (x[i] - 0.5) * 10.24;
      s += z * z - 10 * Math.cos(2 * Math.PI * z);
    }
    return s;
  };

  it("restarts a converged run with twice the population and keeps counting generations", () => {
    const restarts: { generation: number; lambda: number; reason: string }[] = [];
    const result = optimize(settings(2, { restarts: true }), rastrigin, 3000, (before, after) => {
      expect(after.generation).toBe(before.generation + 1);
      if (after.restart !== before.restart) {
        restarts.push({ generation: after.generation, lambda: after.state.parameters.lambda, reason: after.restartReasons.at(-1) as string });
        expect(after.state.sigma).toBe(1 / 6);
        expect(after.bestLosses).toEqual([]);
      }
    });
    expect(restarts.length).toBeGreaterThanOrEqual(2);
    expect(restarts.map((r) => r.lambda)).toEqual(restarts.map((_, i) => 6 * 2 ** (i + 1)));
    expect(result.run.restart).toBe(restarts.length);
  });

  it("freezes a converged run when restarts are off", () => {
    let stoppedAt = -1;
    const result = optimize(settings(2), rastrigin, 3000, (before, after) => {
      if (after.stopped && !before.stopped) stoppedAt = after.generation;
      if (before.stopped) expect(after.state).toBe(before.state);
    });
    expect(stoppedAt).toBeGreaterThan(0);
    expect(result.run.restart).toBe(0);
    expect(result.run.stopped).not.toBeNull();
  });
});
