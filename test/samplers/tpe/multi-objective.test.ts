import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nondominatedSort } from "../../../src/math/pareto.js";
import { hypervolumeWeights, selectGoodByPareto } from "../../../src/samplers/tpe/multi-objective.js";

describe("selectGoodByPareto", () => {
  it("takes whole non-dominated fronts, as nondominatedSort ranks them (2 and 3 objectives, ties included)", () => {
    const points = fc.integer({ min: 2, max: 3 }).chain((d) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 40 }),
    );
    fc.assert(
      fc.property(points, (losses) => {
        const fronts = nondominatedSort(losses);
        let covered: number[] = [];
        for (const front of fronts) {
          covered = [...covered, ...front];
          expect(selectGoodByPareto(losses, covered.length).sort((a, b) => a - b)).toEqual([...covered].sort((a, b) => a - b));
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("cuts the last front by greedy hypervolume and never returns more than asked", () => {
    const losses = [[0, 10], [1, 6], [2, 5], [5, 2], [6, 1], [10, 0], [7, 7]];
    const picked = selectGoodByPareto(losses, 3);
    expect(picked).toHaveLength(3);
    expect(picked.every((i) => i !== 6)).toBe(true);
    expect(selectGoodByPareto(losses, 0)).toEqual([]);
    expect(selectGoodByPareto(losses, 99).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe("hypervolumeWeights", () => {
  it("is 1 for the largest contributor and scales the others by their contribution", () => {
    // Reference 1.1 · worst = (3.3, 3.3). Exclusive areas: (1,3): [1,2]x[3,3.3] = 0.3;
    // (2,2): [2,3]x[2,3] = 1; (3,1): [3,3.3]x[1,2] = 0.3; (3,3) is dominated: 0.
    const weights = hypervolumeWeights([[1, 3], [2, 2], [3, 1], [3, 3]]);
    expect(weights[1]).toBe(1);
    expect(weights[0]).toBeCloseTo(weights[2], 12);
    expect(weights[0]).toBeCloseTo(0.3, 9);
    expect(weights[3]).toBeLessThan(1e-9);
    expect(Array.from(hypervolumeWeights([[4, 4]]))).toEqual([1]);
    expect(Array.from(hypervolumeWeights([]))).toEqual([]);
  });
});
