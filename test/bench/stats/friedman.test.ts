import { describe, expect, it } from "vitest";
import { chiSquareSurvival, friedmanTest, nemenyiCriticalDifference } from "../../../src/bench/stats/index.js";

describe("Friedman and Nemenyi", () => {
  it("chi-square survival matches closed forms", () => {
    // Even df: Q(df/2, x/2) = exp(-x/2) * sum_{i < df/2} (x/2)^i / i!
    expect(chiSquareSurvival(3, 2)).toBeCloseTo(Math.exp(-1.5), 12);
    expect(chiSquareSurvival(5, 4)).toBeCloseTo(Math.exp(-2.5) * 3.5, 12);
    expect(chiSquareSurvival(40, 4)).toBeCloseTo(Math.exp(-20) * 21, 20);
    // df = 1: the 95% quantile 3.841458820694124 leaves 0.05 (python: math.erfc(sqrt(x/2))).
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it("computes the statistic of a hand example", () => {
    // Ranks per row: [1,2,3], [1,3,2], [1,2,3], [2,1,3]; averages 1.25, 2, 2.75;
    // chi2 = 12n/(k(k+1)) * (sum R^2 - k(k+1)^2/4) = 4 * (13.125 - 12) = 4.5; p = exp(-2.25).
    const result = friedmanTest([
      [1, 2, 3],
      [1, 3, 2],
      [1, 2, 3],
      [2, 1, 3],
    ]);
    expect(result.ranks).toEqual([1.25, 2, 2.75]);
    expect(result.statistic).toBeCloseTo(4.5, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-2.25), 12);
  });

  it("corrects for ties and gives p = 1 when all methods tie", () => {
    expect(friedmanTest([[1, 1], [2, 2], [3, 3]]).pValue).toBe(1);
  });

  it("gives Demšar's critical difference", () => {
    // Demšar 2006, section 3.2.2 example: k = 4, N = 14 -> CD = 2.569 * sqrt(4*5/(6*14)) = 1.25.
    expect(nemenyiCriticalDifference(4, 14)).toBeCloseTo(1.2535, 3);
    expect(() => nemenyiCriticalDifference(11, 5)).toThrow("the Nemenyi table covers 2 to 10 methods, got 11");
  });
});
