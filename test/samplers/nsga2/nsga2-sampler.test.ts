import { describe, expect, it } from "vitest";
import { paretoFrontIndices } from "../../../src/math/pareto.js";
import { rngFor } from "../../../src/math/rng.js";
import { nsga2Sampler } from "../../../src/samplers/nsga2/index.js";
import { randomSampler } from "../../../src/samplers/random.js";
import type { Sampler } from "../../../src/samplers/spec.js";
import { Space, type Config, type SpaceDefinition } from "../../../src/space/index.js";
import type { Objective, TrialRecord } from "../../../src/storage/spec.js";
import { makeTrial, runSampler } from "../../../src/testing/index.js";

const twoObjectives: Objective[] = [
  { name: "f1", direction: "minimize" },
  { name: "f2", direction: "minimize" },
];

function ask(sampler: Sampler, space: Space, trials: readonly TrialRecord[], trialNumber: number, objectives = twoObjectives): Config {
  const proposal = sampler.doAsk({ space, objectives, trials, trialNumber, rng: rngFor(sampler.seed, "sampler", trialNumber) });
  return (proposal as { config: Config }).config;
}

/** Area dominated by a 2-D set of minimized points and bounded by `reference`. */
function hypervolume2d(points: number[][], reference: [number, number]): number {
  const front = paretoFrontIndices(points)
    .map((i) => points[i])
    .filter(([a, b]) => a < reference[0] && b < reference[1])
    .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  let area = 0;
  let ceiling = reference[1];
  for (const [a, b] of front) {
    if (b >= ceiling) continue;
    area += (reference[0] - a) * (ceiling - b);
    ceiling = b;
  }
  return area;
}

function unitFloats(dimensions: number): Space {
  const definition: SpaceDefinition = {};
  for (let i = 0; i < dimensions; i++) definition[`x${i}`] = { type: "float", low: 0, high: 1 };
  return Space.parse(definition);
}

/** ZDT1 (Zitzler, Deb & Thiele 2000): convex Pareto front f2 = 1 - √f1 where x1..x(n-1) = 0. */
const zdt1 = (space: Space) => (config: Config) => {
  const x = space.names.map((name) => config[name] as number);
  const g = 1 + (9 * x.slice(1).reduce((s, v) => s + v, 0)) / (x.length - 1);
  return [x[0], g * (1 - Math.sqrt(x[0] / g))];
};

const mixed: SpaceDefinition = {
  lr: { type: "float", low: 1e-5, high: 1e-1, log: true },
  top_k: { type: "int", low: 1, high: 20 },
  temperature: { type: "float", low: 0, high: 1, step: 0.1 },
  size: { type: "ordinal", values: ["0.5B", "3B", "7B"] },
  retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid"] },
  alpha: { type: "float", low: 0, high: 1, when: { retriever: "hybrid" } },
};

describe("hypervolume2d (test helper)", () => {
  it("measures the dominated area", () => {
    expect(hypervolume2d([[0.5, 0.5]], [1, 1])).toBeCloseTo(0.25, 14);
    expect(hypervolume2d([[0, 0.5], [0.5, 0], [0.6, 0.6]], [1, 1])).toBeCloseTo(0.75, 14);
    expect(hypervolume2d([[2, 0]], [1, 1])).toBe(0);
  });
});

describe("nsga2Sampler", () => {
  it("is named nsga2 and checks its options", () => {
    expect(nsga2Sampler().name).toBe("nsga2");
    expect(() => nsga2Sampler({ populationSize: 1 })).toThrow(/populationSize: expected an integer >= 2, received 1/);
    expect(() => nsga2Sampler({ crossoverProbability: 2 })).toThrow(/crossoverProbability: expected a number from 0 to 1, received 2/);
    expect(() => nsga2Sampler({ mutationProbability: -0.1 })).toThrow(/mutationProbability/);
  });

  it("draws the first generation uniformly", async () => {
    const space = Space.parse(mixed);
    const history = await runSampler({ sampler: nsga2Sampler({ seed: 3, populationSize: 8 }), space, evaluate: () => [0, 0], trials: 8, objectives: twoObjectives });
    history.forEach((t, n) => expect(t.config).toEqual(space.sample(rngFor(3, "sampler", n))));
  });

  it("improves the ZDT1 front over random search (hypervolume)", async () => {
    const space = unitFloats(10);
    const reference: [number, number] = [1.1, 6];
    for (const seed of [0, 1, 2]) {
      const nsga = await runSampler({ sampler: nsga2Sampler({ seed, populationSize: 20 }), space, evaluate: zdt1(space), trials: 500, objectives: twoObjectives });
      const random = await runSampler({ sampler: randomSampler({ seed }), space, evaluate: zdt1(space), trials: 500, objectives: twoObjectives });
      const hvNsga = hypervolume2d(nsga.map((t) => t.values!), reference);
      const hvRandom = hypervolume2d(random.map((t) => t.values!), reference);
      // The true front's hypervolume for this reference is 1.1 · 6 - 1/3 ≈ 6.27.
      expect(hvNsga).toBeGreaterThan(hvRandom + 1);
      expect(hvNsga).toBeGreaterThan(5.5);
      // The last generation lies much closer to the front than random points (g = 1 on the front).
      const gOf = (c: Config) => 1 + (9 * space.names.slice(1).reduce((s, n) => s + (c[n] as number), 0)) / 9;
      const meanG = (h: TrialRecord[]) => h.slice(-20).reduce((s, t) => s + gOf(t.config), 0) / 20;
      expect(meanG(nsga)).toBeLessThan(0.5 * meanG(random));
    }
  });

  it("works for one objective too", async () => {
    const space = unitFloats(4);
    const sphere = (c: Config) => space.names.reduce((s, n) => s + ((c[n] as number) - 0.3) ** 2, 0);
    const objectives: Objective[] = [{ name: "loss", direction: "minimize" }];
    for (const seed of [0, 1]) {
      const nsga = await runSampler({ sampler: nsga2Sampler({ seed, populationSize: 20 }), space, evaluate: sphere, trials: 300, objectives });
      const random = await runSampler({ sampler: randomSampler({ seed }), space, evaluate: sphere, trials: 300, objectives });
      const best = (h: TrialRecord[]) => Math.min(...h.map((t) => t.values![0]));
      const lastGeneration = (h: TrialRecord[]) => h.slice(-20).reduce((s, t) => s + t.values![0], 0) / 20;
      expect(best(nsga)).toBeLessThan(best(random));
      expect(lastGeneration(nsga)).toBeLessThan(lastGeneration(random) / 10);
    }
  });

  it("reads maximized objectives as such", async () => {
    const space = unitFloats(2);
    const objectives: Objective[] = [
      { name: "up", direction: "maximize" },
      { name: "down", direction: "minimize" },
    ];
    // Maximize x0 and minimize x1: the single best point is (1, 0).
    const history = await runSampler({ sampler: nsga2Sampler({ seed: 1, populationSize: 10 }), space, evaluate: (c) => [c.x0 as number, c.x1 as number], trials: 150, objectives });
    const last = history.slice(-10);
    expect(last.reduce((s, t) => s + (t.config.x0 as number), 0) / 10).toBeGreaterThan(0.9);
    expect(last.reduce((s, t) => s + (t.config.x1 as number), 0) / 10).toBeLessThan(0.1);
  });

  it("moves the population into the feasible region (constraint domination)", async () => {
    const space = unitFloats(3);
    // Feasible only when x0 + x1 >= 1.5 (an eighth of the square), while both objectives pull toward 0.
    const evaluate = (c: Config) => ({ values: [c.x0 as number, c.x1 as number], constraints: [1.5 - (c.x0 as number) - (c.x1 as number)] });
    const history = await runSampler({ sampler: nsga2Sampler({ seed: 2, populationSize: 20 }), space, evaluate, trials: 300, objectives: twoObjectives });
    const feasible = (h: TrialRecord[]) => h.filter((t) => t.constraints![0] <= 0).length;
    expect(feasible(history.slice(0, 20))).toBeLessThan(10);
    expect(feasible(history.slice(-60))).toBeGreaterThan(30);
    // And along the constraint boundary x0 + x1 = 1.5 the front spreads out.
    const lastFeasible = history.slice(-60).filter((t) => t.constraints![0] <= 0);
    const sums = lastFeasible.map((t) => (t.config.x0 as number) + (t.config.x1 as number));
    expect(sums.reduce((s, v) => s + v, 0) / sums.length).toBeLessThan(1.6);
    const x0s = lastFeasible.map((t) => t.config.x0 as number);
    expect(Math.max(...x0s) - Math.min(...x0s)).toBeGreaterThan(0.2);
  });

  it("proposes valid configurations of a mixed conditional space", async () => {
    const space = Space.parse(mixed);
    const evaluate = (c: Config) => [(c.top_k as number) + (c.retriever === "hybrid" ? (c.alpha as number) : 1), -Math.log10(c.lr as number)];
    const history = await runSampler({ sampler: nsga2Sampler({ seed: 4, populationSize: 12 }), space, evaluate, trials: 150, objectives: twoObjectives });
    expect(history.slice(12).some((t) => "alpha" in t.config)).toBe(true);
  });

  it("gives the same trajectory for the same seed and rebuilds the same from scratch", async () => {
    const space = unitFloats(5);
    const run = (seed: number) => runSampler({ sampler: nsga2Sampler({ seed, populationSize: 10 }), space, evaluate: zdt1(space), trials: 80, objectives: twoObjectives });
    const first = await run(6);
    expect((await run(6)).map((t) => t.config)).toEqual(first.map((t) => t.config));
    expect((await run(7)).map((t) => t.config)).not.toEqual(first.map((t) => t.config));
    for (const n of [10, 37, 79]) expect(ask(nsga2Sampler({ seed: 6, populationSize: 10 }), space, first.slice(0, n), n)).toEqual(first[n].config);
  });

  it("forms generations from completed trials in number order, whatever the completion order", () => {
    const space = unitFloats(3);
    const evaluate = zdt1(space);
    const sampler = nsga2Sampler({ seed: 5, populationSize: 6 });
    const order = rngFor(5, "completion order");
    const trials: TrialRecord[] = [];
    for (let n = 0; n < 120; n++) {
      trials.push(makeTrial({ number: n, config: ask(sampler, space, trials, n), state: "running" }));
      const running = trials.filter((t) => t.state === "running");
      if (running.length >= 3) {
        const done = running[order.int(running.length)];
        trials[done.number] = { ...done, state: order.random() < 0.1 ? "failed" : "complete", values: [...evaluate(done.config)] };
      }
      if (n % 17 === 0) expect(ask(sampler, space, trials, n + 1)).toEqual(ask(nsga2Sampler({ seed: 5, populationSize: 6 }), space, trials, n + 1));
    }
  });
});
