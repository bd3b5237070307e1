// Tests src/math/normal.ts (kept here beside its only user, the TPE sampler).
import { describe, expect, it } from "vitest";
import {
  erf,
  erfc,
  logCentralMass,
  logNormalCdf,
  logNormalMass,
  normalCdf,
  normalQuantile,
  normalTail,
  sampleTruncatedNormal,
} from "../../../src/math/normal.js";
import { Rng } from "../../../src/math/rng.js";

// Reference values from mpmath at 30 digits.
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("error functions", () => {
  it("match reference values", () => {
    const erfs: [number, number][] = [[0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [3.5, 0.9999992569016276]];
    for (const [x, expected] of erfs) {
      expect(relative(erf(x), expected)).toBeLessThan(1e-14);
      expect(relative(erf(-x), -expected)).toBeLessThan(1e-14);
    }
    const erfcs: [number, number][] = [[-1, 1.8427007929497148], [0.3, 0.6713732405408726], [1, 0.15729920705028513], [3, 2.209049699858544e-5], [5, 1.537459794428035e-12], [10, 2.088487583762545e-45], [26, 5.663192408856143e-296]];
    for (const [x, expected] of erfcs) expect(relative(erfc(x), expected)).toBeLessThan(1e-13);
  });

  it("keep relative precision deep in the lower tail", () => {
    expect(relative(logNormalCdf(-5), -15.064998393988725)).toBeLessThan(1e-12);
    expect(relative(logNormalCdf(-40), -804.6084420137538)).toBeLessThan(1e-12);
    expect(normalCdf(0)).toBe(0.5);
  });

  it("give the log-mass of intervals in either tail, straddling zero, or narrow", () => {
    expect(logNormalMass(8, 9)).toBeCloseTo(-35.01361859343715, 10);
    expect(logNormalMass(-9, -8)).toBeCloseTo(-35.01361859343715, 10);
    expect(logNormalMass(-30, -29)).toBeCloseTo(-424.7874199097303, 9);
    expect(logNormalMass(-0.1, 0.2)).toBeCloseTo(-2.1278963696652227, 12);
    expect(logNormalMass(1, 1 + 1e-9)).toBeCloseTo(-22.142204370651083, 5);
    expect(logNormalMass(2, 2)).toBe(-Infinity);
  });

  it("interpolate the upper tail to 1e-10 and the central mass to match the exact one", () => {
    for (let u = 0; u < 9; u += 0.0137) expect(Math.abs(normalTail(u) - 0.5 * erfc(u / Math.SQRT2))).toBeLessThan(1e-10);
    expect(normalTail(-1)).toBeCloseTo(normalCdf(1), 10);
    for (const [a, b] of [[-0.5, 0.5], [-3, 7], [-0.01, 12], [0, 0.2], [-20, 20]]) {
      expect(logCentralMass(a, b)).toBeCloseTo(logNormalMass(a, b), 9);
    }
  });
});

describe("normalQuantile", () => {
  it("inverts the CDF from the far tails to the centre", () => {
    const cases: [number, number][] = [[1e-10, -6.361340902404057], [0.01, -2.326347874040841], [0.3, -0.5244005127080408], [0.5, 0], [0.9, 1.2815515655446006], [0.999999, 4.753424308817087]];
    for (const [p, expected] of cases) expect(normalQuantile(p)).toBeCloseTo(expected, 9);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const p of [1e-300, 1e-50, 1e-5, 0.2, 0.77]) expect(relative(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-9);
  });
});

describe("sampleTruncatedNormal", () => {
  // Means of the truncated standard normal, from scipy.stats.truncnorm.
  const cases: [number, number, number][] = [[-0.5, 2, 0.4457437782725149], [3, 4, 3.2604542855900243], [-12, -10, -10.098093233499963]];
  for (const [a, b, mean] of cases) {
    it(`stays in [${a}, ${b}] with the right mean`, () => {
      const rng = new Rng(7);
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      const n = 20000;
      for (let i = 0; i < n; i++) {
        const x = sampleTruncatedNormal(a, b, rng);
        [min, max, sum] = [Math.min(min, x), Math.max(max, x), sum + x];
      }
      expect(min).toBeGreaterThanOrEqual(a);
      expect(max).toBeLessThanOrEqual(b);
      expect(Math.abs(sum / n - mean)).toBeLessThan(0.02);
    });
  }

  it("samples beyond the range of doubles with the exponential tail law", () => {
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) {
      const x = sampleTruncatedNormal(-60, -40, rng);
      expect(x).toBeGreaterThanOrEqual(-60);
      expect(x).toBeLessThanOrEqual(-40);
      expect(x).toBeGreaterThan(-40.5); // mass concentrates within ~1/40 of the upper end
    }
  });
});
