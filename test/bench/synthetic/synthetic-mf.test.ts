import { describe, expect, it } from "vitest";
import { hartmann6Mf, hartmann6MfMisleading } from "../../../src/bench/synthetic/index.js";
import { fidelityLevels } from "../../../src/fidelity/index.js";

const optimumConfig = { x1: 0.20168952, x2: 0.15001069, x3: 0.47687398, x4: 0.27533243, x5: 0.31165162, x6: 0.65730054 };
const mirrored = Object.fromEntries(Object.entries(optimumConfig).map(([k, v]) => [k, 1 - v]));

describe("synthetic multi-fidelity problems", () => {
  it("are labelled synthetic, deterministic, and exact at the top in expectation", () => {
    for (const problem of [hartmann6Mf, hartmann6MfMisleading]) {
      expect(problem.synthetic).toBe(true);
      expect(problem.description).toMatch(/SYNTHETIC/);
      expect(problem.trueValue(optimumConfig)).toBeCloseTo(problem.optimum, 5);
      expect(problem.evaluate(optimumConfig, { budget: 3 }, 7)).toEqual(problem.evaluate(optimumConfig, { budget: 3 }, 7));
      expect(problem.evaluate(optimumConfig, { budget: 3 }, 7)).not.toEqual(problem.evaluate(optimumConfig, { budget: 3 }, 8));
      const top = problem.evaluate(optimumConfig, null, 1);
      expect(Math.abs(top.values[0] - problem.optimum)).toBeLessThan(0.2);
      expect(fidelityLevels(problem.fidelity).levels.map((l) => l.fidelity.budget)).toEqual([1, 3, 9, 27, 81]);
    }
  });

  it("cost grows with the level", () => {
    const costs = [1, 3, 9, 27, 81].map((budget) => hartmann6Mf.evaluate(optimumConfig, { budget }, 0).cost.usd);
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeCloseTo(costs[i - 1] * 3, 10);
  });

  it("the misleading variant rewards the mirror image at low fidelity", () => {
    const noiseFree = (config: Record<string, number>, budget: number) =>
      [0, 1, 2, 3, 4, 5, 6, 7].reduce((sum, seed) => sum + hartmann6MfMisleading.evaluate(config, { budget }, seed).values[0], 0) / 8;
    expect(noiseFree(mirrored, 1)).toBeLessThan(noiseFree(optimumConfig, 1));
    expect(hartmann6MfMisleading.trueValue(optimumConfig)).toBeLessThan(hartmann6MfMisleading.trueValue(mirrored));
    // The informative variant agrees at low fidelity.
    expect(hartmann6Mf.evaluate(optimumConfig, { budget: 1 }, 0).values[0]).toBeLessThan(hartmann6Mf.evaluate(mirrored, { budget: 1 }, 0).values[0]);
  });
});

