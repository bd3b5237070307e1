import { describe, expect, it } from "vitest";
import { logExpectedImprovement, logExpectedImprovementWithGradient, logH } from "../../../src/samplers/gp/log-ei.js";
import { erfc, erfcx, logNormalCdf, normalCdf, normalPdf } from "../../../src/samplers/gp/normal.js";

describe("normal distribution helpers", () => {
  it("erfc matches reference values, relative error below 1e-14", () => {
    const reference: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [3, 2.209049699858544e-5],
      [5, 1.5374597944280349e-12],
      [10, 2.088487583762545e-45],
      [-1, 1.8427007929497148],
    ];
    for (const [x, value] of reference) expect(Math.abs(erfc(x) / value - 1)).toBeLessThan(1e-14);
    // erfcx stays finite where erfc underflows: ~1 / (x √π).
    expect(erfcx(1e6) * 1e6 * Math.sqrt(Math.PI)).toBeCloseTo(1, 10);
  });

  it("log Φ matches log(Φ) where Φ is representable and the asymptotic series far in the tail", () => {
    for (const z of [-30, -10, -3, -1, -0.5, 0, 1, 5]) {
      expect(logNormalCdf(z)).toBeCloseTo(Math.log(normalCdf(z)), 10);
    }
    expect(logNormalCdf(-10)).toBeCloseTo(Math.log(7.619853024160527e-24), 10);
    // Φ(z) ≈ φ(z) / |z| · (1 - 1/z² + 3/z⁴ - 15/z⁶) for z ≪ 0.
    const z = -200;
    const asymptotic = -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - Math.log(-z) + Math.log1p(-1 / z ** 2 + 3 / z ** 4 - 15 / z ** 6);
    expect(Math.abs(logNormalCdf(z) / asymptotic - 1)).toBeLessThan(1e-14);
    expect(Number.isFinite(logNormalCdf(-1e8))).toBe(true);
  });
});

describe("log expected improvement", () => {
  /** EI by the textbook formula, fine where it does not underflow. */
  function directLogEI(mean: number, stddev: number, best: number): number {
    const z = (mean - best) / stddev;
    return Math.log(stddev * (z * normalCdf(z) + normalPdf(z)));
  }

  it("agrees with the direct formula where that is stable", () => {
    for (const z of [-5, -3, -1.5, -1, -0.999, -0.5, 0, 0.5, 1, 3, 8]) {
      for (const stddev of [0.01, 1, 7]) {
        const best = 0.3;
        const mean = best + z * stddev;
        expect(logExpectedImprovement(mean, stddev, best)).toBeCloseTo(directLogEI(mean, stddev, best), 9);
      }
    }
  });

  it("matches the tail series φ(z)/z² (1 - 3/z² + 15/z⁴ - 105/z⁶) where the direct formula underflows", () => {
    for (const z of [-50, -500, -999, -1001, -5000]) {
      const series = -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(-z) + Math.log1p(-3 / z ** 2 + 15 / z ** 4 - 105 / z ** 6);
      expect(Math.abs(logH(z) / series - 1)).toBeLessThan(1e-12);
    }
    expect(directLogEI(-50, 1, 0)).toBe(-Infinity); // what the stable form avoids
  });

  it("is finite and strictly increasing in the mean, from far below the best to far above", () => {
    let previous = -Infinity;
    for (let z = -1e5; z <= 20; z = z < -10 ? z / 1.05 : z + 0.01) {
      const value = logExpectedImprovement(z, 1, 0);
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });

  it("is continuous across the branch points z = -1 and z = -1000", () => {
    for (const z of [-1, -1000]) {
      const below = logH(z * (1 + 1e-12));
      const above = logH(z * (1 - 1e-12));
      expect(Math.abs(below - above)).toBeLessThan(1e-8 * Math.max(1, Math.abs(above)));
    }
  });

  it("reports partial derivatives that match finite differences", () => {
    const gradient = { mean: 0, stddev: 0 };
    for (const [mean, stddev] of [
      [0.2, 1],
      [-0.7, 0.5],
      [-3, 0.2],
      [-30, 1],
      [-2500, 2],
      [4, 0.3],
    ]) {
      const best = 0.1;
      logExpectedImprovementWithGradient(mean, stddev, best, gradient);
      const h = 1e-6 * Math.max(1, Math.abs(mean));
      const dMean = (logExpectedImprovement(mean + h, stddev, best) - logExpectedImprovement(mean - h, stddev, best)) / (2 * h);
      const k = 1e-6 * stddev;
      const dStddev = (logExpectedImprovement(mean, stddev + k, best) - logExpectedImprovement(mean, stddev - k, best)) / (2 * k);
      expect(gradient.mean).toBeCloseTo(dMean, 4);
      expect(Math.abs(gradient.stddev - dStddev)).toBeLessThan(1e-4 * Math.max(1, Math.abs(dStddev)));
    }
  });
});
