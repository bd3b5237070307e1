import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CoarseRows } from "../../../src/bench/tabular/coarse-rows.js";
import { squaredDistance } from "../../../src/bench/tabular/row-distance.js";
import { rngFor } from "../../../src/math/rng.js";

function build(points: readonly number[][]): CoarseRows {
  const width = points[0]?.length ?? 0;
  const rows = CoarseRows.build(Float64Array.from(points.flat()), width, points.length);
  if (!rows) throw new Error("this runtime has no WebAssembly SIMD");
  return rows;
}

function candidatesOf(rows: CoarseRows, q: readonly number[]): number[] {
  const count = rows.candidates(Float64Array.from(q));
  return Array.from(rows.list.subarray(0, Math.max(0, count)));
}

describe("CoarseRows", () => {
  it("keeps a nearest row whose coarse distance is not the smallest", () => {
    // Row 0 rounds down on both coordinates, row 1 up on one: row 0 is coarsely nearer to the
    // origin (2 * 1000^2 < 1415^2) while row 1 is truly nearer (1414.51^2 < 2 * 1000.49^2).
    const scale = build([[0, 0]]).scale;
    const points = [
      [1000.49 / scale, 1000.49 / scale],
      [1414.51 / scale, 0],
    ];
    const rows = build(points);
    const distances = points.map((p) => squaredDistance(Float64Array.from(p), 0, 2, Float64Array.of(0, 0)));
    expect(distances[1]).toBeLessThan(distances[0]);
    expect(candidatesOf(rows, [0, 0])).toContain(1);
  });

  it("lists, in ascending order, every row at the smallest exact distance", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 70 }), (seed, width, size) => {
        const rng = rngFor(seed, "coarse-rows");
        // Coordinates on [-1, 1] including its ends, coarse grids, and repeated rows.
        const value = () => [-1, 1, 0, Math.SQRT1_2, rng.int(3) / 2, rng.uniform(-1, 1)][rng.int(6)];
        const points: number[][] = [];
        for (let i = 0; i < size; i++) points.push(i > 0 && rng.random() < 0.2 ? points[rng.int(i)] : Array.from({ length: width }, value));
        const rows = build(points);
        for (let k = 0; k < 5; k++) {
          const q = Array.from({ length: width }, value);
          const distances = points.map((p) => squaredDistance(Float64Array.from(p), 0, width, Float64Array.from(q)));
          const smallest = Math.min(...distances);
          const found = candidatesOf(rows, q);
          expect(found).toEqual([...found].sort((a, b) => a - b));
          for (const i of found) expect(i).toBeLessThan(size);
          distances.forEach((d, i) => {
            if (d === smallest) expect(found).toContain(i);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a query far from every row of a large table down to a few candidates", () => {
    const rng = rngFor(2, "few");
    const points = Array.from({ length: 1000 }, () => Array.from({ length: 12 }, () => rng.random()));
    const rows = build(points);
    let total = 0;
    for (let k = 0; k < 200; k++) total += candidatesOf(rows, Array.from({ length: 12 }, () => rng.random())).length;
    expect(total / 200).toBeLessThan(1.5);
  });

  it("declines a query outside [-1, 1] or with NaN, and points outside it", () => {
    const rows = build([
      [0, 0.5],
      [1, -1],
    ]);
    expect(rows.candidates(Float64Array.of(0, 1.5))).toBe(-1);
    expect(rows.candidates(Float64Array.of(-1.0000001, 0))).toBe(-1);
    expect(rows.candidates(Float64Array.of(NaN, 0))).toBe(-1);
    expect(CoarseRows.build(Float64Array.of(0, 2), 2, 1)).toBeNull();
    expect(CoarseRows.build(Float64Array.of(0, NaN), 2, 1)).toBeNull();
  });
});
