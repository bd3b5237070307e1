import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOptimizer, optimizerNames } from "../../src/optimizers/index.js";
import { categorical, float, simplex, Space, type Config, type Weights } from "../../src/space/index.js";
import { runSampler } from "../../src/testing/index.js";

/** A mixed space: a simplex, a float, and a second simplex active only on one branch. */
const space = Space.parse({
  mix: simplex(["web", "code", "books", "math"], { concentration: 0.5 }),
  lr: float(1e-4, 1e-1, { log: true }),
  arm: categorical(["a", "b"]),
  shares: simplex(["draft", "verify", "vote"], { floor: 0.05, when: { arm: "b" } }),
});

/** A loss that rewards a sparse corner of `mix` (mostly code) so model-based samplers move towards it. */
function loss(config: Config): number {
  const mix = config.mix as Weights;
  return (1 - mix.code) ** 2 + Math.abs(Math.log10(config.lr as number) + 2) * 0.1 + (config.arm === "b" ? (config.shares as Weights).verify : 0.5);
}

function onSimplex(weights: Weights, components: string[], floor: number): boolean {
  const values = components.map((c) => weights[c]);
  const total = values.reduce((a, b) => a + b, 0);
  return Object.keys(weights).length === components.length && values.every((w) => Number.isFinite(w) && w >= floor - 1e-9) && Math.abs(total - 1) < 1e-9;
}

const OPTIONS: Record<string, Record<string, unknown>> = {
  grid: { pointsPerFloat: 3 },
  tpe: { startupTrials: 5 },
  motpe: { startupTrials: 5 },
  gp: { startupTrials: 5 },
  evolution: { populationSize: 6 },
  nsga2: { populationSize: 6 },
};

describe("every sampler proposes mixtures on the simplex", () => {
  for (const name of optimizerNames("sampler")) {
    it(`${name}: weights >= floor, summing to 1, only when active; the same seed gives the same proposals`, { timeout: 60_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), async (seed) => {
          const make = () => createOptimizer(name, { seed, ...(OPTIONS[name] ?? {}) });
          // runSampler validates each proposal against the space (sum within tolerance, floor, components).
          const trials = await runSampler({ sampler: make(), space, evaluate: loss, trials: 14 });
          for (const { config } of trials) {
            expect(onSimplex(config.mix as Weights, ["web", "code", "books", "math"], 0)).toBe(true);
            if (config.arm === "b") expect(onSimplex(config.shares as Weights, ["draft", "verify", "vote"], 0.05)).toBe(true);
            else expect(config.shares).toBeUndefined();
          }
          const again = await runSampler({ sampler: make(), space, evaluate: loss, trials: 14 });
          expect(again.map((t) => t.config)).toEqual(trials.map((t) => t.config));
        }),
        { numRuns: 3 },
      );
    });
  }
});

describe("gp option simplexCoordinates", () => {
  it("takes ilr, alr or stick-breaking and names the option otherwise", async () => {
    for (const system of ["ilr", "alr", "stick-breaking"]) {
      const trials = await runSampler({ sampler: createOptimizer("gp", { seed: 1, startupTrials: 3, simplexCoordinates: system }), space, evaluate: loss, trials: 5 });
      expect(trials).toHaveLength(5);
    }
    expect(() => createOptimizer("gp", { simplexCoordinates: "clr" })).toThrow(/simplexCoordinates.*"stick-breaking", "ilr", "alr"/);
  });
});
