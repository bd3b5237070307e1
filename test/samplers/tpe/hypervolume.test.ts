// Tests src/math/hypervolume.ts and src/math/hypervolume-subset.ts (MOTPE's maths).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume, hypervolumeContributions, hypervolumeGain } from "../../../src/math/hypervolume.js";
import { greedyHypervolumeSubset } from "../../../src/math/hypervolume-subset.js";

/** Exact union volume of the boxes [p, ref] by inclusion–exclusion: the oracle for small sets. */
function inclusionExclusion(points: number[][], ref: number[]): number {
  let total = 0;
  const n = points.length;
  for (let mask = 1; mask < 1 << n; mask++) {
    const corner = ref.map(() => -Infinity);
    let size = 0;
    for (let i = 0; i < n; i++) {
      if (!(mask & (1 << i))) continue;
      size++;
      points[i].forEach((v, k) => (corner[k] = Math.max(corner[k], v)));
    }
    let volume = 1;
    ref.forEach((r, k) => (volume *= Math.max(0, r - corner[k])));
    total += size % 2 === 1 ? volume : -volume;
  }
  return total;
}

describe("hypervolume", () => {
  it("matches hand-computed values in two dimensions", () => {
    expect(hypervolume([[1, 2], [2, 1]], [3, 3])).toBe(3);
    expect(hypervolume([[1, 1], [2, 2]], [3, 3])).toBe(4); // (2,2) is dominated
    expect(hypervolume([[1, 1], [1, 1]], [3, 3])).toBe(4);
    expect(hypervolume([[0, 3], [1, 2], [2, 1], [3, 0]], [4, 4])).toBe(10);
    expect(hypervolume([], [1, 1])).toBe(0);
  });

  it("ignores points not strictly inside the reference", () => {
    expect(hypervolume([[1, 4]], [3, 3])).toBe(0);
    expect(hypervolume([[3, 1], [1, 1]], [3, 3])).toBe(4);
  });

  it("matches hand-computed values in three and four dimensions", () => {
    expect(hypervolume([[0, 0, 0]], [1, 2, 3])).toBe(6);
    // Boxes 6 + 6 minus their overlap [2,4]x[2,4]x[3,4] = 4.
    expect(hypervolume([[1, 2, 3], [2, 1, 3]], [4, 4, 4])).toBe(8);
    // Three unit-offset corners of [0,2]^3: 3·4 − 3·2 + 1.
    expect(hypervolume([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [2, 2, 2])).toBe(7);
    expect(hypervolume([[0, 0, 0, 0.5], [0.5, 0, 0, 0]], [1, 1, 1, 1])).toBeCloseTo(0.75, 12);
    expect(hypervolume([[0.2], [0.5]], [1])).toBeCloseTo(0.8, 12);
  });

  it("equals inclusion–exclusion on random sets in 2 to 4 dimensions", () => {
    const case_ = fc.integer({ min: 2, max: 4 }).chain((d) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 7 }).map((points) => ({ d, points })),
    );
    fc.assert(
      fc.property(case_, ({ d, points }) => {
        const ref = Array.from({ length: d }, () => 10);
        expect(hypervolume(points, ref)).toBeCloseTo(inclusionExclusion(points, ref), 9);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe("hypervolumeContributions", () => {
  it("gives each point the volume only it covers", () => {
    expect(hypervolumeContributions([[1, 2], [2, 1]], [3, 3])).toEqual([1, 1]);
    expect(hypervolumeContributions([[1, 1], [2, 2]], [3, 3])).toEqual([3, 0]);
    expect(hypervolumeContributions([[1, 1], [1, 1]], [3, 3])).toEqual([0, 0]);
    expect(hypervolumeContributions([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [2, 2, 2])).toEqual([1, 1, 1]);
    expect(hypervolumeContributions([[1, 4], [1, 1]], [3, 3])).toEqual([0, 4]);
  });

  it("equals the hypervolume lost by removing the point", () => {
    const points = [[0.1, 0.9, 0.5], [0.4, 0.4, 0.6], [0.8, 0.2, 0.1], [0.5, 0.5, 0.7], [0.3, 0.6, 0.2]];
    const ref = [1, 1, 1];
    const total = hypervolume(points, ref);
    hypervolumeContributions(points, ref).forEach((c, i) => {
      expect(c).toBeCloseTo(total - hypervolume(points.filter((_, j) => j !== i), ref), 12);
    });
  });
});

describe("greedyHypervolumeSubset", () => {
  it("picks the largest box first, then the largest gain, ties to the lower index", () => {
    expect(greedyHypervolumeSubset([[1, 3], [2, 2], [3, 1]], 2, [4, 4])).toEqual([1, 0]);
    expect(greedyHypervolumeSubset([[1, 3], [2, 2], [3, 1]], 3, [4, 4])).toEqual([1, 0, 2]);
    expect(greedyHypervolumeSubset([[1, 3], [2, 2]], 5, [4, 4])).toHaveLength(2);
    expect(greedyHypervolumeSubset([[1, 3]], 0, [4, 4])).toEqual([]);
  });

  it("agrees with the plain greedy that recomputes every gain", () => {
    const points = Array.from({ length: 30 }, (_, i) => [Math.cos(i) ** 2, Math.sin(i * 1.3) ** 2, ((i * 7) % 11) / 11]);
    const ref = [1.1, 1.1, 1.1];
    const plain: number[] = [];
    while (plain.length < 8) {
      let best = -1;
      let bestGain = -1;
      points.forEach((p, i) => {
        if (plain.includes(i)) return;
        const gain = hypervolumeGain(p, plain.map((j) => points[j]), ref);
        if (gain > bestGain) [best, bestGain] = [i, gain];
      });
      plain.push(best);
    }
    expect(greedyHypervolumeSubset(points, 8, ref)).toEqual(plain);
  });
});
