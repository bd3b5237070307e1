import { describe, expect, it } from "vitest";
import { rngFor } from "../../../src/math/rng.js";
import {
  ackley10,
  branin,
  conditional,
  getSyntheticFunction,
  hartmann6,
  levy10,
  mixed5,
  rosenbrock10,
  syntheticFunctions,
  type SyntheticFunction,
} from "../../../src/bench/synthetic/index.js";
import type { Config } from "../../../src/space/index.js";

/** Moves each float of `config` by up to `radius` of its range, staying in bounds. */
function perturb(f: SyntheticFunction, config: Config, radius: number, seed: number): Config {
  const rng = rngFor(seed, "perturb");
  const out: Config = { ...config };
  for (const [name, value] of Object.entries(config)) {
    const param = f.space.params[name];
    if (param.type !== "float") continue;
    const moved = (value as number) + rng.uniform(-radius, radius) * (param.high - param.low);
    out[name] = Math.min(param.high, Math.max(param.low, moved));
  }
  return out;
}

describe("synthetic functions", () => {
  it("are listed once each, marked synthetic, and found by id", () => {
    const ids = syntheticFunctions.map((f) => f.id);
    expect(ids).toEqual(["branin", "hartmann6", "rosenbrock10", "ackley10", "levy10", "mixed5", "conditional"]);
    for (const f of syntheticFunctions) {
      expect(f.synthetic).toBe(true);
      expect(getSyntheticFunction(f.id)).toBe(f);
      expect(f.description.length).toBeGreaterThan(10);
    }
    expect(() => getSyntheticFunction("sphere")).toThrow(/unknown synthetic function "sphere": expected one of branin, /);
  });

  it("have the documented dimensions and domains", () => {
    expect(branin.space.params.x1).toMatchObject({ low: -5, high: 10 });
    expect(branin.space.params.x2).toMatchObject({ low: 0, high: 15 });
    expect(hartmann6.space.size).toBe(6);
    expect(rosenbrock10.space.size).toBe(10);
    expect(rosenbrock10.space.params.x10).toMatchObject({ low: -5, high: 10 });
    expect(ackley10.space.params.x1).toMatchObject({ low: -32.768, high: 32.768 });
    expect(levy10.space.params.x7).toMatchObject({ low: -10, high: 10 });
    expect(mixed5.space.params.encoder.type).toBe("categorical");
    expect(mixed5.space.params.n.type).toBe("int");
    expect(conditional.space.isConditional).toBe(true);
  });

  it("have the optima the literature gives", () => {
    expect(branin.optimum).toBeCloseTo(0.397887, 6);
    expect(hartmann6.optimum).toBeCloseTo(-3.32237, 5);
    expect(rosenbrock10.optimum).toBe(0);
    expect(ackley10.optimum).toBe(0);
    expect(levy10.optimum).toBe(0);
    expect(mixed5.optimum).toBe(0.25);
    expect(conditional.optimum).toBe(0.2);
  });

  for (const f of syntheticFunctions) {
    describe(f.id, () => {
      it("attains its optimum at optimumConfig, which belongs to the space", () => {
        expect(f.optimumConfig).toBeDefined();
        const config = f.optimumConfig as Config;
        f.space.validate(config);
        expect(Math.abs(f.evaluate(config) - f.optimum)).toBeLessThan(1e-4);
      });

      it("is never below its optimum at 1000 random configurations", () => {
        const rng = rngFor(7, "synthetic-test", f.id);
        for (let i = 0; i < 1000; i++) {
          const value = f.evaluate(f.space.sample(rng));
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(f.optimum);
        }
      });

      it("is never below its optimum near optimumConfig", () => {
        for (let i = 0; i < 200; i++) {
          const config = perturb(f, f.optimumConfig as Config, 0.01, i);
          expect(f.evaluate(config)).toBeGreaterThanOrEqual(f.optimum - 1e-12);
        }
      });
    });
  }

  it("match an independent Python transcription of the definitions", () => {
    // Values from test/bench/synthetic/reference-values.py.
    const point10 = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i + 1}`, 0.5 * i - 2]));
    expect(branin.evaluate({ x1: 1, x2: 2 })).toBeCloseTo(21.62763539206238, 12);
    expect(branin.evaluate({ x1: -Math.PI, x2: 12.275 })).toBeCloseTo(0.39788735772973816, 12);
    expect(branin.evaluate({ x1: 9.42478, x2: 2.475 })).toBeCloseTo(0.39788735775266204, 12);
    expect(hartmann6.evaluate({ x1: 0.1, x2: 0.2, x3: 0.3, x4: 0.4, x5: 0.5, x6: 0.6 })).toBeCloseTo(-1.4069105761385297, 12);
    expect(hartmann6.evaluate(hartmann6.optimumConfig as Config)).toBeCloseTo(-3.3223680114155116, 12);
    expect(rosenbrock10.evaluate(point10)).toBeCloseTo(4674, 9);
    expect(ackley10.evaluate(point10)).toBeCloseTo(6.776152740106655, 12);
    expect(levy10.evaluate(point10)).toBeCloseTo(11.816215312813663, 12);
  });

  it("mixed5: each encoder's best is its offset, and the global minimum is beta's", () => {
    // By hand: at the encoder's centre and n = 8 the bowl and the int term vanish.
    const centers: Record<string, number[]> = { alpha: [1, 1, 1], beta: [2.5, -1.5, 0.5], gamma: [-3, 0, 3], delta: [0, 0, 0] };
    const offsets: Record<string, number> = { alpha: 0.6, beta: 0.25, gamma: 1.2, delta: 0.4 };
    for (const [encoder, [x1, x2, x3]] of Object.entries(centers)) {
      expect(mixed5.evaluate({ x1, x2, x3, n: 8, encoder })).toBeCloseTo(offsets[encoder], 15);
      for (let n = 1; n <= 32; n++) {
        expect(mixed5.evaluate({ x1, x2, x3, n, encoder })).toBeGreaterThanOrEqual(offsets[encoder]);
      }
    }
    // By hand: beta at alpha's centre, n = 4: (1.5^2 + 2.5^2 + 0.5^2) + (2 - 3)^2 + 0.25 = 8.75 + 1 + 0.25 = 10.
    expect(mixed5.evaluate({ x1: 1, x2: 1, x3: 1, n: 4, encoder: "beta" })).toBeCloseTo(10, 12);
  });

  it("conditional: each branch reaches its own optimum with only its parameters", () => {
    expect(conditional.evaluate(conditional.space.validate({ kind: "bowl", b1: 1, b2: -2 }))).toBe(1);
    expect(conditional.evaluate(conditional.space.validate({ kind: "valley", v1: 1, v2: 1 }))).toBeCloseTo(0.2, 15);
    expect(conditional.evaluate(conditional.space.validate({ kind: "steps", k: 13, tie: "y" }))).toBe(0.5);
    // By hand: 0.5 + 0.1 * |3 - 13| + 0.6 = 2.1.
    expect(conditional.evaluate({ kind: "steps", k: 3, tie: "z" })).toBeCloseTo(2.1, 12);
    const sampled = conditional.space.sample(rngFor(1, "conditional"));
    const branchParams: Record<string, string[]> = { bowl: ["b1", "b2"], valley: ["v1", "v2"], steps: ["k", "tie"] };
    expect(Object.keys(sampled).sort()).toEqual(["kind", ...branchParams[sampled.kind as string]].sort());
  });
});
