import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolumeContributions } from "../../../src/math/hypervolume.js";
import { greedyHypervolumeSubset } from "../../../src/math/hypervolume-subset.js";
import { contributions2d, greedySubset2d } from "../../../src/samplers/tpe/hypervolume-2d.js";

// Integer grids give ties and duplicates; the reference sometimes cuts through the points.
const coordinate = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.double({ min: -3, max: 10, noNaN: true }), fc.constant(-0));
const problem = fc.record({
  points: fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 30 }),
  reference: fc.tuple(fc.double({ min: 0, max: 12, noNaN: true }), fc.double({ min: 0, max: 12, noNaN: true })),
  size: fc.integer({ min: 0, max: 32 }),
});

describe("two-objective hypervolume", () => {
  it("contributions2d equals hypervolumeContributions bit for bit", () => {
    fc.assert(
      fc.property(problem, ({ points, reference }) => {
        expect(contributions2d(points, reference)).toEqual(hypervolumeContributions(points, reference));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("greedySubset2d picks what greedyHypervolumeSubset picks, in the same order", () => {
    fc.assert(
      fc.property(problem, ({ points, reference, size }) => {
        expect(greedySubset2d(points, size, reference)).toEqual(greedyHypervolumeSubset(points, size, reference));
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it("hands boxes that overflow to the generic code, with the same answer", () => {
    const points = [[-1e200, 1], [1, -1e200], [0, 0]];
    const reference = [1e200, 1e200];
    expect(greedySubset2d(points, 2, reference)).toEqual(greedyHypervolumeSubset(points, 2, reference));
  });
});
