import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/math/rng.js";
import { constrainedFronts, rankSolutions, selectSurvivors, winsTournament, type Ranked } from "../../../src/samplers/nsga2/survivor-selection.js";
import { polynomialMutation, sbxCoordinate } from "../../../src/samplers/nsga2/variation.js";

const solution = (number: number, losses: number[], violation = 0): Ranked => ({ number, losses, violation });

describe("constrainedFronts", () => {
  it("puts feasible Pareto fronts first, then infeasible solutions by violation", () => {
    const pool = [
      solution(0, [1, 5]),
      solution(1, [0, 0], 3), // dominates everything but is infeasible
      solution(2, [2, 2]),
      solution(3, [3, 3]),
      solution(4, [5, 1]),
      solution(5, [0, 0], 1),
      solution(6, [9, 9], 1),
    ];
    expect(constrainedFronts(pool)).toEqual([[0, 2, 4], [3], [5, 6], [1]]);
  });

  it("ranks one objective by value", () => {
    expect(constrainedFronts([solution(0, [3]), solution(1, [1]), solution(2, [2]), solution(3, [1])])).toEqual([[1, 3], [2], [0]]);
  });
});

describe("selectSurvivors", () => {
  it("keeps whole fronts, then the most spread-out members of the overflowing front", () => {
    const pool = [
      solution(10, [0, 10]),
      solution(11, [1, 9]),
      solution(12, [1.1, 8.9]),
      solution(13, [5, 5]),
      solution(14, [10, 0]),
      solution(15, [6, 6]), // second front
    ];
    // Front 1 has 5 members; 4 survive: the extremes, then [5,5] (1.78) and [1.1,8.9] (0.8) over [1,9] (0.22).
    expect(selectSurvivors(pool, 4).map((s) => s.number)).toEqual([10, 12, 13, 14]);
    expect(selectSurvivors(pool, 6).map((s) => s.number)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(selectSurvivors(pool, 5).map((s) => s.number)).toEqual([10, 11, 12, 13, 14]);
  });

  it("prefers feasible solutions and breaks crowding ties by trial number", () => {
    const pool = [solution(1, [0, 0], 0.5), solution(2, [4, 4]), solution(3, [4, 4]), solution(4, [4, 4])];
    expect(selectSurvivors(pool, 2).map((s) => s.number)).toEqual([2, 3]);
  });
});

describe("winsTournament", () => {
  it("compares rank first, then crowding distance", () => {
    const pool = [solution(0, [0, 10]), solution(1, [5, 5]), solution(2, [10, 0]), solution(3, [6, 6]), solution(4, [4, 6])];
    const ranking = rankSolutions(pool);
    expect(ranking.rank).toEqual([0, 0, 0, 1, 0]);
    expect(winsTournament(ranking, 1, 3)).toBe(true);
    expect(winsTournament(ranking, 3, 1)).toBe(false);
    expect(winsTournament(ranking, 0, 1)).toBe(true); // extreme point: infinite crowding distance
    expect(winsTournament(ranking, 1, 0)).toBe(false);
  });
});

describe("variation operators", () => {
  it("SBX keeps children in [0, 1], centred on the parents, mostly near them", () => {
    const rng = new Rng(3);
    let sum = 0;
    let near = 0;
    let low = Infinity;
    let high = -Infinity;
    const count = 20000;
    for (let k = 0; k < count; k++) {
      const child = sbxCoordinate(0.3, 0.6, rng);
      low = Math.min(low, child);
      high = Math.max(high, child);
      sum += child;
      if (Math.abs(child - 0.3) < 0.05 || Math.abs(child - 0.6) < 0.05) near++;
    }
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThanOrEqual(1);
    expect(sum / count).toBeCloseTo(0.45, 2);
    expect(near / count).toBeGreaterThan(0.8);
    expect(sbxCoordinate(0.4, 0.4, rng)).toBe(0.4);
  });

  it("polynomial mutation stays in [0, 1] and mostly makes small moves", () => {
    const rng = new Rng(8);
    let small = 0;
    let outside = 0;
    for (let k = 0; k < 5000; k++) {
      for (const y of [0, 0.5, 1]) {
        const z = polynomialMutation(y, rng);
        if (!(z >= 0 && z <= 1)) outside++;
        if (y === 0.5 && Math.abs(z - 0.5) < 0.1) small++;
      }
    }
    expect(outside).toBe(0);
    expect(small / 5000).toBeGreaterThan(0.85);
  });
});
