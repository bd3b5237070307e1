import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/math/rng.js";
import {
  averageRanks,
  bootstrapCI,
  iqm,
  mannWhitneyU,
  mean,
  median,
  quantile,
  rankWithTies,
  wilcoxonSignedRank,
} from "../../../src/bench/stats/index.js";
import { normalSurvival } from "../../../src/math/normal.js";

// Expected numbers below come from test/bench/stats/expected-values.py (Python standard
// library only: statistics module, brute-force enumeration of null distributions), unless
// a comment says they were worked by hand or come from R's documentation.

const data = [3.1, -2.0, 7.5, 0.4, 0.4, 12.0, 5.5, -1.25, 9.0, 2.2];

describe("descriptive statistics", () => {
  it("mean and median match Python's statistics.fmean / median", () => {
    expect(mean(data)).toBeCloseTo(3.685, 12);
    expect(median(data)).toBeCloseTo(2.65, 12);
    expect(median([5, 1, 3])).toBe(3);
  });

  it("quantile interpolates linearly like statistics.quantiles(method='inclusive') (type 7)", () => {
    expect(quantile(data, 0.25)).toBeCloseTo(0.4, 12);
    expect(quantile(data, 0.75)).toBeCloseTo(7.0, 12);
    expect(quantile(data, 0.1)).toBeCloseTo(-1.325, 12);
    expect(quantile(data, 0.2)).toBeCloseTo(0.07, 12);
    expect(quantile(data, 0.9)).toBeCloseTo(9.3, 12);
    expect(quantile(data, 0)).toBe(-2);
    expect(quantile(data, 1)).toBe(12);
    expect(() => quantile(data, 1.5)).toThrow(/\[0, 1\]/);
    expect(() => mean([])).toThrow(/empty/);
  });

  it("iqm drops floor(n/4) values at each end and averages the rest", () => {
    // By hand: sorted [-2, -1.25, 0.4, 0.4, 2.2, 3.1, 5.5, 7.5, 9, 12]; drop 2 each end;
    // (0.4 + 0.4 + 2.2 + 3.1 + 5.5 + 7.5) / 6 = 19.1 / 6.
    expect(iqm(data)).toBeCloseTo(19.1 / 6, 12);
    // n = 8: drop 2 each end, mean of [3, 4, 5, 6] = 4.5; an outlier does not move it.
    expect(iqm([1, 2, 3, 4, 5, 6, 7, 1000])).toBe(4.5);
    expect(iqm([7])).toBe(7);
  });

  it("does not reorder its input", () => {
    const copy = [...data];
    median(data);
    iqm(data);
    expect(data).toEqual(copy);
  });
});

describe("ranks", () => {
  it("gives tied values the mean of their ranks", () => {
    expect(rankWithTies([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(rankWithTies([3, 1, 2])).toEqual([3, 1, 2]);
    expect(rankWithTies([5, 5, 5])).toEqual([2, 2, 2]);
  });

  it("averages ranks per column, lower values ranking first", () => {
    // By hand: row ranks [1, 2, 3], [2, 1, 3], [1.5, 1.5, 3] -> column means [1.5, 1.5, 3].
    expect(averageRanks([
      [0.1, 0.2, 0.9],
      [0.5, 0.3, 0.7],
      [0.4, 0.4, 1.0],
    ])).toEqual([1.5, 1.5, 3]);
    expect(averageRanks([[0.1, 0.3], [0.2, 0.2]])).toEqual([1.25, 1.75]);
  });

  it("sums to k(k+1)/2 for k methods", () => {
    const rng = new Rng(3);
    const matrix = Array.from({ length: 20 }, () => Array.from({ length: 5 }, () => rng.int(4)));
    const ranks = averageRanks(matrix);
    expect(ranks.reduce((s, r) => s + r, 0)).toBeCloseTo(15, 12);
  });

  it("rejects ragged rows", () => {
    expect(() => averageRanks([[1, 2], [1]])).toThrow(/row 1 has 1/);
  });
});

describe("bootstrapCI", () => {
  const rng = new Rng(11);
  const values = Array.from({ length: 30 }, () => 5 + 2 * rng.normal());

  it("brackets the statistic of the original sample", () => {
    for (const statistic of [mean, median, iqm]) {
      const ci = bootstrapCI(values, statistic, { rng: new Rng(1) });
      expect(ci.estimate).toBe(statistic(values));
      expect(ci.low).toBeLessThan(ci.estimate);
      expect(ci.high).toBeGreaterThan(ci.estimate);
    }
  });

  it("is as wide as the normal theory interval for the mean, roughly", () => {
    const ci = bootstrapCI(values, mean, { resamples: 4000, rng: new Rng(2) });
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean(values)) ** 2, 0) / (values.length - 1));
    const halfWidth = (1.96 * sd) / Math.sqrt(values.length);
    expect((ci.high - ci.low) / 2).toBeGreaterThan(0.8 * halfWidth);
    expect((ci.high - ci.low) / 2).toBeLessThan(1.2 * halfWidth);
  });

  it("is deterministic by seed and varies across seeds", () => {
    const a = bootstrapCI(values, iqm, { rng: new Rng(42) });
    const b = bootstrapCI(values, iqm, { rng: new Rng(42) });
    const c = bootstrapCI(values, iqm, { rng: new Rng(43) });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(bootstrapCI(values, mean)).toEqual(bootstrapCI(values, mean));
  });

  it("narrows with lower confidence and collapses on constant data", () => {
    const wide = bootstrapCI(values, mean, { confidence: 0.99, rng: new Rng(5) });
    const narrow = bootstrapCI(values, mean, { confidence: 0.5, rng: new Rng(5) });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
    expect(bootstrapCI([2, 2, 2], mean, { resamples: 50 })).toEqual({ estimate: 2, low: 2, high: 2 });
  });
});

describe("normalSurvival", () => {
  it("matches 0.5 * math.erfc(z / sqrt(2)) in Python (absolute 1e-15; relative 1e-8 in the far tail)", () => {
    expect(normalSurvival(0)).toBeCloseTo(0.5, 15);
    expect(normalSurvival(0.5)).toBeCloseTo(0.3085375387259869, 14);
    expect(normalSurvival(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalSurvival(3)).toBeCloseTo(0.0013498980316300957, 15);
    expect(normalSurvival(8) / 6.220960574271819e-16).toBeCloseTo(1, 7);
    expect(normalSurvival(12) / 1.776482112077702e-33).toBeCloseTo(1, 7);
    expect(normalSurvival(-0.5)).toBeCloseTo(1 - 0.3085375387259869, 14);
  });
});

describe("wilcoxonSignedRank", () => {
  it("gives the exact p-value of R's ?wilcox.test paired example (Hollander & Wolfe)", () => {
    // R: wilcox.test(x, y, paired = TRUE) -> V = 40, p-value = 0.03906; min(W+, W-) = 45 - 40 = 5.
    // Enumerating all 2^9 sign patterns in Python gives p = 20 / 512 = 0.0390625.
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const result = wilcoxonSignedRank(x, y);
    expect(result).toMatchObject({ statistic: 5, method: "exact", n: 9 });
    expect(result.pValue).toBeCloseTo(0.0390625, 14);
    expect(wilcoxonSignedRank(y, x).pValue).toBeCloseTo(0.0390625, 14);
  });

  it("gives p = 2 / 2^n when every difference has the same sign (by hand)", () => {
    const result = wilcoxonSignedRank([2, 3, 4, 5, 6], [1, 1, 1, 1, 1]);
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBeCloseTo(2 / 32, 15);
  });

  it("uses the normal approximation with tie and continuity correction for ties or large n", () => {
    // 30 pairs, 3 zero differences dropped (n = 27), tied magnitudes.
    const a = Array.from({ length: 30 }, (_, i) => (i * 7) % 11);
    const b = Array.from({ length: 30 }, (_, i) => (i * 5) % 9);
    const result = wilcoxonSignedRank(a, b);
    expect(result).toMatchObject({ statistic: 112.5, method: "normal", n: 27 });
    expect(result.pValue).toBeCloseTo(0.06686366810178557, 12);
  });

  it("returns p = 1 when the samples are identical and rejects unequal lengths", () => {
    expect(wilcoxonSignedRank([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(/equal lengths/);
  });

  it("switches from the exact distribution at n = 25 to the normal approximation at n = 26", () => {
    // d_i = +-(i + 1), negative when i % 3 == 0, no ties. Python: exact by counting subsets of
    // {1..25} by sum -> T = 117, p = 0.23036134243011475; normal formula at n = 26 -> p = 0.14072874277056657.
    const differences = (n: number) => Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1) * (i + 1));
    const exact = wilcoxonSignedRank(differences(25), new Array(25).fill(0));
    const normal = wilcoxonSignedRank(differences(26), new Array(26).fill(0));
    expect(exact).toMatchObject({ statistic: 117, method: "exact", n: 25 });
    expect(exact.pValue).toBeCloseTo(0.23036134243011475, 14);
    expect(normal).toMatchObject({ statistic: 117, method: "normal", n: 26 });
    expect(normal.pValue).toBeCloseTo(0.14072874277056657, 12);
  });
});

describe("mannWhitneyU", () => {
  it("gives the exact p-value for small samples without ties", () => {
    // Python: enumeration of all C(13, 8) = 1287 splits -> U = 30, p = 0.17094017094017094.
    const result = mannWhitneyU([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64], [1.15, 0.88, 0.9, 0.74, 1.21]);
    expect(result).toMatchObject({ statistic: 30, method: "exact", n: 13 });
    expect(result.pValue).toBeCloseTo(0.17094017094017094, 14);
  });

  it("uses the normal approximation for larger samples (R's ?wilcox.test two-sample data)", () => {
    // R: W = 35 (the one-sided exact p is 0.1272); two-sided normal with continuity correction
    // from the Python script: 0.24462360512698345.
    const result = mannWhitneyU([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.9, 0.74, 1.21]);
    expect(result).toMatchObject({ statistic: 35, method: "normal" });
    expect(result.pValue).toBeCloseTo(0.24462360512698345, 12);
  });

  it("corrects the variance for ties", () => {
    const result = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5, 9, 9], [2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 10]);
    expect(result.statistic).toBe(32);
    expect(result.pValue).toBeCloseTo(0.1102892318996962, 12);
  });
});
