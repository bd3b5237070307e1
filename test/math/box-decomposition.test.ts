import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nonDominatedBoxes, type BoxDecomposition } from "../../src/math/box-decomposition.js";
import { hypervolume } from "../../src/math/hypervolume.js";

/** Σ over boxes of Π max(0, uⱼ - max(yⱼ, lⱼ)): the hypervolume y adds, read off the boxes. */
function improvement(boxes: BoxDecomposition, y: readonly number[]): number {
  let total = 0;
  for (let b = 0; b < boxes.count; b++) {
    let volume = 1;
    for (let j = 0; j < boxes.m; j++) volume *= Math.max(0, boxes.upper[b * boxes.m + j] - Math.max(y[j], boxes.lower[b * boxes.m + j]));
    total += volume;
  }
  return total;
}

/** How many boxes hold z. */
function containing(boxes: BoxDecomposition, z: readonly number[]): number {
  let count = 0;
  for (let b = 0; b < boxes.count; b++) {
    let inside = true;
    for (let j = 0; j < boxes.m && inside; j++) inside = z[j] >= boxes.lower[b * boxes.m + j] && z[j] < boxes.upper[b * boxes.m + j];
    if (inside) count++;
  }
  return count;
}

const point = (m: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: m, maxLength: m });

describe("nonDominatedBoxes", () => {
  it("cuts a two-objective region into one box per front point plus one", () => {
    const boxes = nonDominatedBoxes([[1, 2], [2, 1], [2, 2.5], [5, 5]], [3, 3]);
    expect(boxes.count).toBe(3);
    expect(Array.from(boxes.lower)).toEqual([-Infinity, -Infinity, -Infinity, 1, -Infinity, 2]);
    expect(Array.from(boxes.upper)).toEqual([3, 1, 2, 2, 1, 3]);
  });

  it("is the whole box below the reference when no point is inside it", () => {
    const boxes = nonDominatedBoxes([[4, 0, 0]], [3, 3, 3]);
    expect(boxes.count).toBe(1);
    expect(Array.from(boxes.upper)).toEqual([3, 3, 3]);
  });

  for (const m of [2, 3, 4]) {
    it(`gives in ${m} objectives, for any point, the hypervolume it adds (against WFG)`, () => {
      fc.assert(
        fc.property(fc.array(point(m), { minLength: 0, maxLength: 8 }), point(m), (points, y) => {
          const reference = new Array<number>(m).fill(10);
          const boxes = nonDominatedBoxes(points, reference);
          const gain = hypervolume([...points, y], reference) - hypervolume(points, reference);
          expect(improvement(boxes, y)).toBeCloseTo(gain, 9);
        }),
        { numRuns: 150 },
      );
    });

    it(`covers in ${m} objectives every non-dominated point exactly once and no dominated one`, () => {
      fc.assert(
        fc.property(fc.array(point(m), { minLength: 1, maxLength: 8 }), fc.array(point(m), { minLength: 5, maxLength: 5 }), (points, probes) => {
          const boxes = nonDominatedBoxes(points, new Array<number>(m).fill(10));
          for (const probe of probes) {
            const z = probe.map((v) => v + 0.5);
            const dominated = points.some((p) => p.every((v, j) => v <= z[j]));
            expect(containing(boxes, z)).toBe(dominated ? 0 : 1);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it("stays small in three objectives for a front on a sphere", () => {
    const points = Array.from({ length: 40 }, (_, i) => {
      const a = (Math.PI / 2) * ((i % 8) + 0.5) / 8;
      const b = (Math.PI / 2) * (Math.floor(i / 8) + 0.5) / 5;
      return [Math.cos(a) * Math.sin(b), Math.sin(a) * Math.sin(b), Math.cos(b)];
    });
    const boxes = nonDominatedBoxes(points, [1.1, 1.1, 1.1]);
    expect(boxes.count).toBeLessThanOrEqual((41 * 42) / 2);
    expect(improvement(boxes, [0, 0, 0])).toBeCloseTo(1.1 ** 3 - hypervolume(points, [1.1, 1.1, 1.1]), 9);
  });
});
