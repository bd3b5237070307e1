import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeatureEncoder, RowIndex } from "../../../src/bench/tabular/index.js";
import { rngFor } from "../../../src/math/rng.js";
import { Space, categorical, float, int } from "../../../src/space/index.js";

const space = Space.parse({ x: float(0, 10), n: int(1, 1000, { log: true }), kind: categorical(["a", "b", "c"]) });

describe("RowIndex", () => {
  it("finds exactly the brute-force nearest row (earliest on ties)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const rng = rngFor(seed, "rows");
        const configs = Array.from({ length: 60 }, () => space.sample(rng));
        const index = new RowIndex(space, configs, configs.map((_, i) => i));
        const encoder = new FeatureEncoder(space);
        const query = space.sample(rng);
        const q = encoder.encode(query);
        let best = Infinity;
        let bestRow = -1;
        configs.forEach((config, i) => {
          const p = encoder.encode(config);
          const d = p.reduce((sum, v, j) => sum + (v - q[j]) ** 2, 0);
          if (d < best) {
            best = d;
            bestRow = i;
          }
        });
        expect(index.nearest(query)).toBe(bestRow);
      }),
      { numRuns: 50 },
    );
  });

  it("puts two different categorical choices at distance 1, whatever their order", () => {
    const encoder = new FeatureEncoder(space);
    const distance = (a: string, b: string) => {
      const p = encoder.encode({ x: 1, n: 10, kind: a });
      const q = encoder.encode({ x: 1, n: 10, kind: b });
      return Math.sqrt(p.reduce((sum, v, j) => sum + (v - q[j]) ** 2, 0));
    };
    expect(distance("a", "b")).toBeCloseTo(1, 12);
    expect(distance("a", "c")).toBeCloseTo(1, 12);
    expect(distance("a", "a")).toBe(0);
  });

  it("groups exact repeats of a configuration", () => {
    const configs = [
      { x: 1, n: 2, kind: "a" },
      { x: 1, n: 2, kind: "a" },
      { x: 2, n: 2, kind: "a" },
    ];
    const index = new RowIndex(space, configs, [0, 1, 2]);
    expect(index.exact({ kind: "a", n: 2, x: 1 })).toEqual([0, 1]);
    expect(index.exact({ x: 1.5, n: 2, kind: "a" })).toBeUndefined();
  });
});
