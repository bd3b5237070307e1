import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aitchisonDistance,
  alr,
  alrInverse,
  betaCdf,
  betaQuantile,
  ilr,
  ilrInverse,
  Rng,
  sampleSymmetricDirichlet,
  simplexLattice,
  simplexLatticeSize,
  simplexToStickBreaking,
  stickBreakingToSimplex,
  withPseudoCount,
} from "../../src/math/index.js";

const composition = (k: number) => fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: k, maxLength: k }).map((v) => withPseudoCount(v, 0));

describe("simplex maths", () => {
  it("ilr and alr invert, and ilr is an isometry for the Aitchison distance", () => {
    fc.assert(
      fc.property(composition(5), composition(5), (a, b) => {
        ilrInverse(ilr(a)).forEach((v, i) => expect(v).toBeCloseTo(a[i], 10));
        alrInverse(alr(a)).forEach((v, i) => expect(v).toBeCloseTo(a[i], 10));
        const za = ilr(a);
        const zb = ilr(b);
        const euclid = Math.hypot(...za.map((v, i) => v - zb[i]));
        expect(euclid).toBeCloseTo(aitchisonDistance(a, b, 0), 9);
      }),
    );
  });

  it("stick-breaking maps the cube onto the simplex and back, for concentration 1 and small ones", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.constantFrom(1, 0.3, 2), (u, c) => {
        const x = stickBreakingToSimplex(u, c);
        expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        expect(x.every((v) => v >= 0)).toBe(true);
        simplexToStickBreaking(x, c).forEach((v, i) => expect(v).toBeCloseTo(u[i], 6));
      }),
    );
  });

  it("a uniform cube point through stick-breaking has the Dirichlet's moments", () => {
    const rng = new Rng(1);
    const k = 5;
    const c = 0.5;
    let viaCube = 0;
    let direct = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const x = stickBreakingToSimplex(Array.from({ length: k - 1 }, () => rng.random()), c);
      viaCube += x[k - 1] ** 2;
      direct += sampleSymmetricDirichlet(rng, k, c)[k - 1] ** 2;
    }
    // E[x^2] = c (c + 1) / (kc (kc + 1)) = 0.5 * 1.5 / (2.5 * 3.5) = 0.0857.
    expect(viaCube / n).toBeCloseTo(0.0857, 1);
    expect(direct / n).toBeCloseTo(0.0857, 1);
  });

  it("the Beta quantile inverts the CDF down to tiny quantiles", () => {
    for (const [a, b] of [[0.1, 1.6], [2, 3], [1, 4]]) {
      for (const p of [1e-6, 0.1, 0.5, 0.9]) expect(betaCdf(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 8);
    }
  });

  it("Dirichlet draws with tiny concentrations are sparse, not NaN, and seeded", () => {
    const a = sampleSymmetricDirichlet(new Rng(7), 17, 0.01);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(Math.max(...a)).toBeGreaterThan(0.9);
    expect(sampleSymmetricDirichlet(new Rng(7), 17, 0.01)).toEqual(a);
  });

  it("the simplex lattice has C(d + k - 1, k - 1) points, all on the simplex", () => {
    const lattice = simplexLattice(3, 2);
    expect(lattice).toEqual([[1, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 1, 0], [0, 0.5, 0.5], [0, 0, 1]]);
    expect(simplexLattice(17, 2)).toHaveLength(simplexLatticeSize(17, 2));
    expect(simplexLatticeSize(17, 2)).toBe(153);
  });
});
