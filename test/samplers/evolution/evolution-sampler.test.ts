import { describe, expect, it } from "vitest";
import { Rng, rngFor } from "../../../src/math/rng.js";
import { evolutionSampler } from "../../../src/samplers/evolution/index.js";
import { mutateConfig, mutateCoordinate } from "../../../src/samplers/evolution/mutate-config.js";
import { randomSampler } from "../../../src/samplers/random.js";
import type { Sampler } from "../../../src/samplers/spec.js";
import { Space, decodeValue, encodeValue, type Config, type Param, type SpaceDefinition } from "../../../src/space/index.js";
import type { Objective, TrialRecord } from "../../../src/storage/spec.js";
import { makeTrial, runSampler } from "../../../src/testing/index.js";

const minimize: Objective[] = [{ name: "value", direction: "minimize" }];

function ask(sampler: Sampler, space: Space, trials: readonly TrialRecord[], trialNumber: number, objectives = minimize): Config {
  const proposal = sampler.doAsk({ space, objectives, trials, trialNumber, rng: rngFor(sampler.seed, "sampler", trialNumber) });
  return (proposal as { config: Config }).config;
}

const conditional: SpaceDefinition = {
  lr: { type: "float", low: 1e-5, high: 1e-1, log: true },
  top_k: { type: "int", low: 1, high: 20 },
  temperature: { type: "float", low: 0, high: 1, step: 0.1 },
  size: { type: "ordinal", values: ["0.5B", "3B", "7B"] },
  retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid"] },
  alpha: { type: "float", low: 0, high: 1, when: { retriever: "hybrid" } },
  rerank: { type: "categorical", choices: [true, false], when: { retriever: ["dense", "hybrid"] } },
  depth: { type: "int", low: 1, high: 4, when: { rerank: true } },
};

describe("evolutionSampler", () => {
  it("is named evolution and checks its options", () => {
    expect(evolutionSampler().name).toBe("evolution");
    expect(() => evolutionSampler({ populationSize: 0 })).toThrow(/populationSize: expected a positive integer, received 0/);
    expect(() => evolutionSampler({ populationSize: 4, sampleSize: 5 })).toThrow(/sampleSize: expected an integer from 1 to populationSize \(4\), received 5/);
    expect(() => evolutionSampler({ mutationScale: -1 })).toThrow(/mutationScale/);
    expect(evolutionSampler({ populationSize: 3 })).toBeDefined(); // sampleSize defaults to min(5, P)
  });

  it("refuses several objectives with a clear error", () => {
    const objectives: Objective[] = [
      { name: "a", direction: "minimize" },
      { name: "b", direction: "minimize" },
    ];
    const space = Space.parse({ x: { type: "float", low: 0, high: 1 } });
    expect(() => ask(evolutionSampler(), space, [], 0, objectives)).toThrow(expect.objectContaining({ code: "unsupported_objectives" }));
  });

  it("draws uniformly until P trials have completed", async () => {
    const space = Space.parse(conditional);
    const history = await runSampler({ sampler: evolutionSampler({ seed: 3, populationSize: 10 }), space, evaluate: () => 0, trials: 10 });
    history.forEach((t, n) => expect(t.config).toEqual(space.sample(rngFor(3, "sampler", n))));
  });

  it("beats random search on a quadratic with a categorical", async () => {
    const space = Space.parse({
      x: { type: "float", low: -5, high: 5 },
      y: { type: "float", low: -5, high: 5 },
      n: { type: "int", low: 0, high: 50 },
      kind: { type: "categorical", choices: ["a", "b", "c", "d"] },
    });
    const evaluate = (c: Config) => ((c.x as number) - 1) ** 2 + ((c.y as number) + 2) ** 2 + (((c.n as number) - 17) / 5) ** 2 + (c.kind === "c" ? 0 : 3);
    for (const seed of [0, 1, 2, 3]) {
      const evo = await runSampler({ sampler: evolutionSampler({ seed }), space, evaluate, trials: 200 });
      const random = await runSampler({ sampler: randomSampler({ seed }), space, evaluate, trials: 200 });
      const best = (h: TrialRecord[]) => Math.min(...h.map((t) => t.values![0]));
      expect(best(evo)).toBeLessThan(0.5);
      expect(best(evo)).toBeLessThan(best(random) / 3);
      // The population concentrates on the right category (1 in 4 at random; mutations keep changing it).
      expect(evo.slice(100).filter((t) => t.config.kind === "c").length).toBeGreaterThan(40);
    }
  });

  it("keeps conditional configurations valid while it mutates them", async () => {
    const space = Space.parse(conditional);
    const evaluate = (c: Config) => (c.retriever === "hybrid" ? 0 : 1) + (c.rerank === true ? (c.depth as number) : 2) + Math.abs((c.alpha as number | undefined) ?? 1 - 0.3);
    const history = await runSampler({ sampler: evolutionSampler({ seed: 1, populationSize: 10, sampleSize: 3 }), space, evaluate, trials: 200 }); // validates
    const late = history.slice(100).map((t) => t.config);
    // The best branch is 1 configuration in 24 at random.
    expect(late.filter((c) => c.retriever === "hybrid" && c.rerank === true && c.depth === 1).length).toBeGreaterThan(15);
  });

  it("takes parents from the most recent P completed trials only (aging)", () => {
    const space = Space.parse({ x: { type: "float", low: 0, high: 1 } });
    // Trial 0 is the best ever but older than the last P = 3 complete trials; trial 4 failed.
    const trials = [
      makeTrial({ number: 0, config: { x: 0.9 }, values: [0] }),
      makeTrial({ number: 1, config: { x: 0.1 }, values: [5] }),
      makeTrial({ number: 2, config: { x: 0.2 }, values: [4] }),
      makeTrial({ number: 3, config: { x: 0.3 }, values: [3] }),
      makeTrial({ number: 4, config: { x: 0.95 }, state: "failed" }),
    ];
    const sampler = evolutionSampler({ seed: 2, populationSize: 3, sampleSize: 3, mutationScale: 0.02 });
    const children = Array.from({ length: 40 }, (_, k) => ask(sampler, space, trials, 5 + k).x as number);
    for (const x of children) expect(Math.abs(x - 0.3)).toBeLessThan(0.15);
    // With P = 5 the old best is back in the population.
    const wider = evolutionSampler({ seed: 2, populationSize: 4, sampleSize: 4, mutationScale: 0.02 });
    expect(Math.abs((ask(wider, space, trials, 5).x as number) - 0.9)).toBeLessThan(0.15);
  });

  it("prefers feasible parents, then lower violation", () => {
    const space = Space.parse({ x: { type: "float", low: 0, high: 1 } });
    const trials = [
      makeTrial({ number: 0, config: { x: 0.1 }, values: [0], constraints: [2] }),
      makeTrial({ number: 1, config: { x: 0.5 }, values: [9], constraints: [0] }),
      makeTrial({ number: 2, config: { x: 0.9 }, values: [1], constraints: [1] }),
    ];
    const sampler = evolutionSampler({ seed: 0, populationSize: 3, sampleSize: 3, mutationScale: 0.02 });
    for (let n = 3; n < 20; n++) expect(Math.abs((ask(sampler, space, trials, n).x as number) - 0.5)).toBeLessThan(0.15);
    const infeasibleOnly = trials.filter((t) => t.number !== 1);
    const twoOfThem = evolutionSampler({ seed: 0, populationSize: 2, sampleSize: 2, mutationScale: 0.02 });
    expect(Math.abs((ask(twoOfThem, space, infeasibleOnly, 3).x as number) - 0.9)).toBeLessThan(0.15);
  });

  it("gives the same trajectory for the same seed, and depends only on the history", async () => {
    const space = Space.parse(conditional);
    const evaluate = (c: Config) => (c.top_k as number) + (c.retriever === "dense" ? 0 : 5);
    const run = async (seed: number) => runSampler({ sampler: evolutionSampler({ seed }), space, evaluate, trials: 80 });
    const first = await run(7);
    expect((await run(7)).map((t) => t.config)).toEqual(first.map((t) => t.config));
    expect((await run(8)).map((t) => t.config)).not.toEqual(first.map((t) => t.config));
    expect(ask(evolutionSampler({ seed: 7 }), space, first.slice(0, 60), 60)).toEqual(first[60].config);
  });
});

describe("mutateConfig", () => {
  const space = Space.parse(conditional);

  it("changes at least one parameter and returns a valid configuration", () => {
    const rng = new Rng(4);
    for (let k = 0; k < 300; k++) {
      const parent = space.sample(rng);
      const child = mutateConfig(space, parent, rng, 0.1);
      expect(space.check(child)).toEqual([]);
      expect(child).not.toEqual(parent);
    }
  });

  it("draws parameters that a mutation activates, and drops those it deactivates", () => {
    const rng = new Rng(9);
    let activated = 0;
    let dropped = 0;
    for (let k = 0; k < 400; k++) {
      const parent: Config = { lr: 0.001, top_k: 5, temperature: 0.5, size: "3B", retriever: "bm25" };
      const child = mutateConfig(space, parent, rng, 0.1);
      if (child.retriever === "hybrid") {
        expect(typeof child.alpha).toBe("number");
        activated++;
      }
      const hybrid: Config = { ...parent, retriever: "hybrid", alpha: 0.4, rerank: true, depth: 2 };
      const next = mutateConfig(space, hybrid, rng, 0.1);
      if (next.retriever === "bm25") {
        expect(Object.keys(next).sort()).toEqual(["lr", "retriever", "size", "temperature", "top_k"]);
        dropped++;
      }
    }
    expect(activated).toBeGreaterThan(10);
    expect(dropped).toBeGreaterThan(10);
  });

  it("moves numbers by small steps in the unit cube and always changes discrete values", () => {
    const rng = new Rng(1);
    const int: Param = { type: "int", low: 0, high: 100 };
    const logFloat: Param = { type: "float", low: 1e-6, high: 1, log: true };
    const categorical: Param = { type: "categorical", choices: ["a", "b", "c"] };
    for (let k = 0; k < 200; k++) {
      const u = encodeValue(int, 50);
      const v = mutateCoordinate(int, u, rng, 0.05);
      expect(decodeValue(int, v)).not.toBe(50);
      expect(Math.abs((decodeValue(int, v) as number) - 50)).toBeLessThan(50);
      const w = mutateCoordinate(logFloat, encodeValue(logFloat, 1e-3), rng, 0.05);
      expect(Math.abs(Math.log10(decodeValue(logFloat, w) as number) + 3)).toBeLessThan(1.8); // ≈ 6 decades × 0.05 × up to 6 sd
      expect(decodeValue(categorical, mutateCoordinate(categorical, encodeValue(categorical, "b"), rng, 0.05))).not.toBe("b");
    }
    // A value at the top end reflects back into the range.
    for (let k = 0; k < 50; k++) {
      const v = mutateCoordinate(int, encodeValue(int, 100), rng, 0.05);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});
