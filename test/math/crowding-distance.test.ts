import { describe, expect, it } from "vitest";
import { crowdingDistance } from "../../src/math/crowding-distance.js";

describe("crowdingDistance", () => {
  it("gives Infinity to fronts of one or two points and nothing to an empty one", () => {
    expect(crowdingDistance([])).toEqual([]);
    expect(crowdingDistance([[1, 2]])).toEqual([Infinity]);
    expect(crowdingDistance([[1, 2], [2, 1]])).toEqual([Infinity, Infinity]);
  });

  it("sums normalized neighbour gaps per objective (hand-computed, 2 objectives)", () => {
    // Sorted on f1: 0, 1, 3, 4 (ranges 4 on both objectives).
    const points = [
      [3, 1],
      [0, 4],
      [4, 0],
      [1, 3],
    ];
    // [3,1]: f1 neighbours 1 and 4 -> 3/4; f2 neighbours 0 and 3 -> 3/4; total 1.5.
    // [1,3]: f1 neighbours 0 and 3 -> 3/4; f2 neighbours 1 and 4 -> 3/4; total 1.5.
    expect(crowdingDistance(points)).toEqual([1.5, Infinity, Infinity, 1.5]);
  });

  it("rewards isolated points over crowded ones", () => {
    const points = [
      [0, 10],
      [1, 9],
      [1.1, 8.9],
      [5, 5],
      [10, 0],
    ];
    const d = crowdingDistance(points);
    // [1,9]: (1.1-0)/10 + (10-8.9)/10 = 0.22; [1.1,8.9]: (5-1)/10 + (9-5)/10 = 0.8; [5,5]: (10-1.1)/10 + (8.9-0)/10 = 1.78.
    expect(d[0]).toBe(Infinity);
    expect(d[4]).toBe(Infinity);
    expect(d[1]).toBeCloseTo(0.22, 12);
    expect(d[2]).toBeCloseTo(0.8, 12);
    expect(d[3]).toBeCloseTo(1.78, 12);
  });

  it("handles one objective and constant objectives", () => {
    expect(crowdingDistance([[2], [0], [1], [5]])).toEqual([(5 - 1) / 5, Infinity, (2 - 0) / 5, Infinity]);
    // The second objective is constant: it is skipped, so only f1 decides the extremes.
    expect(
      crowdingDistance([
        [0, 7],
        [2, 7],
        [1, 7],
      ]),
    ).toEqual([Infinity, Infinity, 1]);
    expect(crowdingDistance([[3], [3], [3]])).toEqual([0, 0, 0]);
  });

  it("gives duplicates a zero gap on the shared side (three objectives)", () => {
    const d = crowdingDistance([
      [0, 0, 2],
      [1, 1, 1],
      [1, 1, 1],
      [2, 2, 0],
    ]);
    expect(d[0]).toBe(Infinity);
    expect(d[3]).toBe(Infinity);
    // Sorted by index on ties: [1] sits between [0] and [2]; [2] between [1] and [3] on f1, f2; f3 reversed.
    expect(d[1] + d[2]).toBeCloseTo(3 * (2 / 2), 12);
  });
});
