import { describe, expect, it } from "vitest";
import { logNormalMass } from "../../../src/math/normal.js";
import { Rng } from "../../../src/math/rng.js";
import { clipSigma, multivariateSigma, univariateSigmas } from "../../../src/samplers/tpe/bandwidth.js";
import { domainOf, type ParamDomain } from "../../../src/samplers/tpe/param-domain.js";
import { ParzenEstimator, type ParzenOptions } from "../../../src/samplers/tpe/parzen-estimator.js";
import type { Param } from "../../../src/space/index.js";

const multivariate: ParzenOptions = { priorWeight: 1, multivariate: true, considerMagicClip: true, considerEndpoints: false };
const univariate: ParzenOptions = { ...multivariate, multivariate: false };

function estimator(params: Param[], rows: number[][], options: ParzenOptions, weights?: number[]): { domains: ParamDomain[]; pe: ParzenEstimator } {
  const domains = params.map(domainOf);
  const observations = Float64Array.from(rows.flatMap((row) => row.map((v, j) => domains[j].encode(v))));
  const pe = new ParzenEstimator(domains, observations, rows.length, weights ?? rows.map(() => 1), options);
  return { domains, pe };
}

/** Total mass of a 1-D estimator: midpoint rule for continuous, sum over cells otherwise. */
function totalMass(domain: ParamDomain, pe: ParzenEstimator): number {
  if (domain.kind === "categorical") {
    const points = Float64Array.from({ length: domain.count }, (_, i) => i);
    return pe.logPdf(points, domain.count).reduce((sum, l) => sum + Math.exp(l), 0);
  }
  if (domain.grid) {
    const grid = domain.grid;
    const points = Float64Array.from({ length: grid.count }, (_, k) => grid.center(k));
    return pe.logPdf(points, grid.count).reduce((sum, l) => sum + Math.exp(l), 0);
  }
  const n = 20000;
  const h = (domain.high - domain.low) / n;
  const points = Float64Array.from({ length: n }, (_, i) => domain.low + (i + 0.5) * h);
  return pe.logPdf(points, n).reduce((sum, l) => sum + Math.exp(l) * h, 0);
}

describe("bandwidths", () => {
  it("univariate: the larger gap to a neighbour, outer kernels looking inward only", () => {
    // Sorted with the prior centre 0.5 and the ends: [0, 0.1, 0.5, 0.7, 1].
    expect(Array.from(univariateSigmas([0.1, 0.7], 0, 1, false)).map((s) => +s.toFixed(12))).toEqual([0.4, 0.2]);
    expect(Array.from(univariateSigmas([0.1, 0.7], 0, 1, true)).map((s) => +s.toFixed(12))).toEqual([0.4, 0.3]);
    expect(Array.from(univariateSigmas([0.7, 0.1], 0, 1, false)).map((s) => +s.toFixed(12))).toEqual([0.2, 0.4]);
  });

  it("multivariate: 0.2 · n^(-1/(d+4)) · range, clipped by the magic clip", () => {
    expect(multivariateSigma(16, 0, 0, 10)).toBeCloseTo(2 * 16 ** -0.25, 12);
    expect(multivariateSigma(0, 2, 0, 1)).toBeCloseTo(0.2, 12);
    expect(clipSigma(0.001, 0, 10, 9, true)).toBeCloseTo(1, 12); // range / (1 + 9)
    expect(clipSigma(0.001, 0, 10, 500, true)).toBeCloseTo(0.1, 12); // range / 100
    expect(clipSigma(0.001, 0, 10, 9, false)).toBe(0.001);
    expect(clipSigma(50, 0, 10, 9, true)).toBe(10);
  });
});

describe("ParzenEstimator densities", () => {
  const cases: [string, Param, number[]][] = [
    ["float", { type: "float", low: -2, high: 3 }, [-2, 0.1, 0.2, 2.9]],
    ["log float", { type: "float", low: 1e-4, high: 1, log: true }, [1e-4, 0.003, 0.5]],
    ["int", { type: "int", low: 1, high: 12 }, [1, 4, 4, 12]],
    ["stepped float", { type: "float", low: 0, high: 1, step: 0.25 }, [0, 0.25, 1]],
    ["log int", { type: "int", low: 1, high: 1000, log: true }, [1, 2, 900]],
    ["ordinal", { type: "ordinal", values: ["s", "m", "l", "xl"] }, ["m", "xl"] as unknown as number[]],
    ["categorical", { type: "categorical", choices: ["a", "b", "c"] }, ["a", "a", "c"] as unknown as number[]],
  ];
  for (const [label, param, values] of cases) {
    for (const [rule, options] of [["multivariate", multivariate], ["univariate", univariate]] as const) {
      it(`${label} (${rule}) integrates to 1 over the range`, () => {
        const { domains, pe } = estimator([param], values.map((v) => [v]), options);
        expect(totalMass(domains[0], pe)).toBeCloseTo(1, 4);
        const empty = estimator([param], [], options);
        expect(totalMass(empty.domains[0], empty.pe)).toBeCloseTo(1, 4);
      });
    }
  }

  it("is a product over dimensions: a float × categorical mixture integrates to 1", () => {
    const params: Param[] = [{ type: "float", low: 0, high: 1 }, { type: "categorical", choices: ["x", "y"] }];
    const { pe } = estimator(params, [[0.2, "x"], [0.8, "y"], [0.5, "x"]] as unknown as number[][], multivariate, [1, 2, 0.5]);
    const n = 4000;
    let total = 0;
    for (const choice of [0, 1]) {
      const points = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) [points[2 * i], points[2 * i + 1]] = [(i + 0.5) / n, choice];
      total += pe.logPdf(points, n).reduce((sum, l) => sum + Math.exp(l) / n, 0);
    }
    expect(total).toBeCloseTo(1, 4);
  });

  for (const [rule, options] of [["multivariate", multivariate], ["univariate", univariate]] as const) {
    it(`gives an int the weighted cell masses of truncated normals (${rule})`, () => {
      const values = [2, 2, 2, 5, 9, 9];
      const weights = [1, 0.5, 2, 1, 1, 3];
      const { pe } = estimator([{ type: "int", low: 0, high: 9 }], values.map((v) => [v]), options, weights);
      // The mixture by hand. Coordinates are indices, the range is [-0.5, 9.5]. Univariate widths:
      // sorted [-0.5 | 2 2 2 4.5(prior) 5 9 9 | 9.5], larger neighbour gap, outer kernels looking
      // inward only: 0 0 2.5 (2.5) 4 4 0. Magic clip floor: 10 / (1 + 7 kernels).
      const sigmas = options.multivariate ? values.map(() => 0.2 * 6 ** (-1 / 5) * 10) : [0, 0, 2.5, 4, 4, 0];
      const kernels = [...values.map((v, i) => ({ mu: v, sigma: Math.max(sigmas[i], 10 / 8), w: weights[i] })), { mu: 4.5, sigma: 10, w: 1 }];
      const total = kernels.reduce((sum, k) => sum + k.w, 0);
      for (const cell of [0, 2, 3, 7, 9]) {
        const expected = kernels.reduce((sum, k) => {
          const mass = Math.exp(logNormalMass((cell - 0.5 - k.mu) / k.sigma, (cell + 0.5 - k.mu) / k.sigma) - logNormalMass((-0.5 - k.mu) / k.sigma, (9.5 - k.mu) / k.sigma));
          return sum + (k.w / total) * mass;
        }, 0);
        expect(pe.logPdf(Float64Array.from([cell]), 1)[0]).toBeCloseTo(Math.log(expected), 6);
      }
    });
  }

  it("puts more density near heavily weighted observations", () => {
    const param: Param = { type: "float", low: 0, high: 10 };
    const { pe } = estimator([param], [[2], [8]], multivariate, [10, 1]);
    const [near2, near8] = pe.logPdf(Float64Array.from([2, 8]), 2);
    expect(near2).toBeGreaterThan(near8);
  });
});

describe("ParzenEstimator sampling", () => {
  it("draws inside the range, on cell centres for discrete parameters", () => {
    const params: Param[] = [
      { type: "float", low: -1, high: 1 },
      { type: "int", low: 0, high: 5, step: 5 },
      { type: "int", low: 2, high: 64, log: true },
      { type: "categorical", choices: [true, false, null] },
    ];
    const { domains, pe } = estimator(params, [[0.9, 5, 60, null], [-1, 0, 2, true]] as unknown as number[][], univariate);
    const samples = pe.sample(new Rng(1), 500);
    for (let i = 0; i < 500; i++) {
      domains.forEach((domain, j) => {
        const x = samples[i * 4 + j];
        if (domain.kind === "categorical") {
          expect([0, 1, 2]).toContain(x);
        } else {
          expect(x).toBeGreaterThanOrEqual(domain.low);
          expect(x).toBeLessThanOrEqual(domain.high);
          if (domain.grid) expect(domain.grid.center(domain.grid.cellOf(x))).toBe(x);
        }
      });
    }
  });

  it("draws choices with the frequencies of the density", () => {
    const { pe } = estimator([{ type: "categorical", choices: ["a", "b", "c", "d"] }], [["a"], ["a"], ["c"]] as unknown as number[][], multivariate);
    const n = 40000;
    const samples = pe.sample(new Rng(5), n);
    const expected = pe.logPdf(Float64Array.from([0, 1, 2, 3]), 4).map(Math.exp);
    for (let c = 0; c < 4; c++) {
      const observed = samples.filter((x) => x === c).length / n;
      expect(Math.abs(observed - expected[c])).toBeLessThan(0.01);
    }
  });

  it("draws integers with the frequencies of the discretised density", () => {
    const { pe } = estimator([{ type: "int", low: 0, high: 6 }], [[1], [5], [5]], univariate);
    const n = 40000;
    const samples = pe.sample(new Rng(9), n);
    const expected = pe.logPdf(Float64Array.from([0, 1, 2, 3, 4, 5, 6]), 7).map(Math.exp);
    for (let k = 0; k < 7; k++) {
      expect(Math.abs(samples.filter((x) => x === k).length / n - expected[k])).toBeLessThan(0.01);
    }
  });
});

describe("domainOf", () => {
  it("round-trips every kind of parameter and rejects foreign values", () => {
    const cases: [Param, unknown[]][] = [
      [{ type: "float", low: -1, high: 1 }, [-1, 0.25, 1]],
      [{ type: "float", low: 0.001, high: 10, log: true }, [0.001, 0.5, 10]],
      [{ type: "float", low: 0, high: 0.3, step: 0.1 }, [0, 0.1, 0.2, 0.3]],
      [{ type: "int", low: -3, high: 9, step: 3 }, [-3, 0, 9]],
      [{ type: "int", low: 1, high: 4096, log: true }, [1, 2, 77, 4096]],
      [{ type: "ordinal", values: ["lo", 3, null] }, ["lo", 3, null]],
      [{ type: "categorical", choices: ["a", false, 2] }, ["a", false, 2]],
      [{ type: "float", low: 2, high: 2 }, [2]],
    ];
    for (const [param, values] of cases) {
      const domain = domainOf(param);
      for (const value of values) {
        const back = domain.decode(domain.encode(value as never));
        if (typeof value === "number" && param.type === "float" && param.log) expect(back).toBeCloseTo(value, 12);
        else expect(back).toBe(value);
      }
      expect(domain.encode("nope")).toBeNaN();
    }
    expect(domainOf({ type: "int", low: 0, high: 5 }).encode(9)).toBeNaN();
  });
});
