import { describe, expect, it } from "vitest";
import { rngFor } from "../../../src/math/rng.js";
import { cmaesSampler } from "../../../src/samplers/cmaes/index.js";
import { randomSampler } from "../../../src/samplers/random.js";
import type { Sampler } from "../../../src/samplers/spec.js";
import { Space, type Config, type SpaceDefinition } from "../../../src/space/index.js";
import type { Objective, TrialRecord } from "../../../src/storage/spec.js";
import { makeTrial, runSampler } from "../../../src/testing/index.js";

const minimize: Objective[] = [{ name: "value", direction: "minimize" }];

function floats(dimensions: number, low = -5, high = 5): Space {
  const definition: SpaceDefinition = {};
  for (let i = 0; i < dimensions; i++) definition[`x${i}`] = { type: "float", low, high };
  return Space.parse(definition);
}

const vector = (space: Space, config: Config) => space.names.map((name) => config[name] as number);
const sphere = (space: Space) => (config: Config) => vector(space, config).reduce((s, x) => s + (x - 1.3) ** 2, 0);
const rosenbrock = (space: Space) => (config: Config) => {
  const x = vector(space, config);
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
};

async function best(sampler: Sampler, space: Space, evaluate: (config: Config) => number, trials: number): Promise<number> {
  const history = await runSampler({ sampler, space, evaluate, trials });
  return Math.min(...history.map((t) => t.values![0]));
}

function ask(sampler: Sampler, space: Space, trials: readonly TrialRecord[], trialNumber: number, objectives = minimize): Config {
  const proposal = sampler.doAsk({ space, objectives, trials, trialNumber, rng: rngFor(sampler.seed, "sampler", trialNumber) });
  return (proposal as { config: Config }).config;
}

const mixed: SpaceDefinition = {
  lr: { type: "float", low: 1e-5, high: 1e-1, log: true },
  top_k: { type: "int", low: 1, high: 20 },
  chunk: { type: "int", low: 64, high: 1024, step: 64 },
  temperature: { type: "float", low: 0, high: 1, step: 0.1 },
  size: { type: "ordinal", values: ["0.5B", "3B", "7B"] },
  retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid"] },
  alpha: { type: "float", low: 0, high: 1, when: { retriever: "hybrid" } },
};

describe("cmaesSampler", () => {
  it("is named cmaes and checks its options", () => {
    expect(cmaesSampler().name).toBe("cmaes");
    expect(cmaesSampler({ seed: 4 }).seed).toBe(4);
    expect(() => cmaesSampler({ sigma0: 0 })).toThrow(/sigma0: expected a finite number > 0, received 0/);
    expect(() => cmaesSampler({ popsize: 1.5 })).toThrow(/popsize: expected an integer >= 2, received 1.5/);
  });

  it("refuses several objectives with a clear error", () => {
    const objectives: Objective[] = [
      { name: "a", direction: "minimize" },
      { name: "b", direction: "maximize" },
    ];
    expect(() => ask(cmaesSampler(), floats(2), [], 0, objectives)).toThrow(expect.objectContaining({ code: "unsupported_objectives" }));
    expect(() => ask(cmaesSampler(), floats(2), [], 0, objectives)).toThrow(/single objective, but the study has 2: use nsga2/);
  });

  it("beats random search clearly on a 5-D sphere and Rosenbrock at 300 trials", async () => {
    const space = floats(5);
    for (const seed of [0, 1, 2]) {
      const cmaSphere = await best(cmaesSampler({ seed }), space, sphere(space), 300);
      const randomSphere = await best(randomSampler({ seed }), space, sphere(space), 300);
      expect(cmaSphere).toBeLessThan(0.01);
      expect(cmaSphere).toBeLessThan(randomSphere / 100);
      const cmaRosenbrock = await best(cmaesSampler({ seed }), space, rosenbrock(space), 300);
      const randomRosenbrock = await best(randomSampler({ seed }), space, rosenbrock(space), 300);
      expect(cmaRosenbrock).toBeLessThan(randomRosenbrock / 50);
    }
  });

  it("maximizes when the objective says so", async () => {
    const space = floats(3);
    const history = await runSampler({
      sampler: cmaesSampler({ seed: 3 }),
      space,
      evaluate: (c) => -sphere(space)(c),
      trials: 200,
      objectives: [{ name: "score", direction: "maximize" }],
    });
    expect(Math.max(...history.map((t) => t.values![0]))).toBeGreaterThan(-0.01);
  });

  it("proposes valid configurations of a mixed conditional space and draws categoricals at random", async () => {
    const space = Space.parse(mixed);
    const evaluate = (c: Config) =>
      (Math.log10(c.lr as number) + 3) ** 2 + ((c.top_k as number) - 7) ** 2 / 10 + ((c.chunk as number) - 512) ** 2 / 1e5 + (c.retriever === "dense" ? 0 : 0.5);
    const history = await runSampler({ sampler: cmaesSampler({ seed: 1 }), space, evaluate, trials: 200 }); // validates each proposal
    const late = history.slice(100).map((t) => t.config);
    expect(new Set(late.map((c) => c.retriever)).size).toBe(3); // categoricals stay random
    expect(late.filter((c) => "alpha" in c).length).toBeGreaterThan(10);
    // The driven parameters concentrate: top_k near 7, lr near 1e-3.
    const medianOf = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    expect(Math.abs(medianOf(late.map((c) => c.top_k as number)) - 7)).toBeLessThanOrEqual(1);
    expect(Math.abs(Math.log10(medianOf(late.map((c) => c.lr as number))) + 3)).toBeLessThan(0.3);
  });

  it("draws everything at random when no parameter can be driven", async () => {
    const space = Space.parse({ kind: { type: "categorical", choices: ["a", "b", "c"] }, x: { type: "float", low: 0, high: 1, when: { kind: "a" } } });
    const history = await runSampler({ sampler: cmaesSampler({ seed: 2 }), space, evaluate: () => 0, trials: 30 });
    expect(new Set(history.map((t) => t.config.kind)).size).toBe(3);
  });

  it("gives the same trajectory for the same seed and another for another seed", async () => {
    const space = Space.parse(mixed);
    const run = async (seed: number) => (await runSampler({ sampler: cmaesSampler({ seed }), space, evaluate: (c) => c.top_k as number, trials: 60 })).map((t) => t.config);
    expect(await run(5)).toEqual(await run(5));
    expect(await run(5)).not.toEqual(await run(6));
  });

  it("gives a fresh sampler (a resumed study, another process) the same proposal as the incremental one", async () => {
    const space = floats(4);
    const history = await runSampler({ sampler: cmaesSampler({ seed: 8 }), space, evaluate: sphere(space), trials: 120 });
    for (const n of [0, 3, 8, 9, 31, 64, 119]) {
      expect(ask(cmaesSampler({ seed: 8 }), space, history.slice(0, n), n)).toEqual(history[n].config);
    }
    // One sampler asked out of order still answers from the history it is given.
    const jumping = cmaesSampler({ seed: 8 });
    for (const n of [119, 17, 64, 0, 118]) expect(ask(jumping, space, history.slice(0, n), n)).toEqual(history[n].config);
  });

  it("does not depend on worker timing: in-flight or failed trials do not change a proposal", async () => {
    const space = floats(3);
    const history = await runSampler({ sampler: cmaesSampler({ seed: 2 }), space, evaluate: sphere(space), trials: 40 });
    // Trials 40 and 41 in flight, then proposals for 42: same whether 41 is running or failed.
    const inFlight = [...history, makeTrial({ number: 40, config: history[0].config, state: "running" }), makeTrial({ number: 41, config: history[1].config, state: "running" })];
    const failed = [...inFlight.slice(0, 41), { ...inFlight[41], state: "failed" as const }];
    const sampler = cmaesSampler({ seed: 2 });
    expect(ask(sampler, space, inFlight, 42)).toEqual(ask(cmaesSampler({ seed: 2 }), space, failed, 42));
  });

  it("rebuilds consistently when trials complete out of order (parallel workers)", () => {
    const space = floats(4);
    const evaluate = sphere(space);
    const sampler = cmaesSampler({ seed: 11 });
    const trials: TrialRecord[] = [];
    const order = rngFor(11, "completion order");
    for (let n = 0; n < 200; n++) {
      const config = ask(sampler, space, trials, n);
      expect(space.check(config)).toEqual([]);
      // Keeps 4 trials in flight and completes a random one of them.
      trials.push(makeTrial({ number: n, config, state: "running" }));
      const running = trials.filter((t) => t.state === "running");
      if (running.length >= 4) {
        const done = running[order.int(running.length)];
        trials[done.number] = { ...done, state: "complete", values: [evaluate(done.config)] };
      }
      // The incremental (cached, rolled back) state agrees with a replay from scratch.
      if (n % 23 === 0) expect(ask(sampler, space, trials, n + 1)).toEqual(ask(cmaesSampler({ seed: 11 }), space, trials, n + 1));
    }
    const best = Math.min(...trials.filter((t) => t.values).map((t) => t.values![0]));
    expect(best).toBeLessThan(0.05);
  });

  it("ranks feasible trials first, then by violation", async () => {
    const space = floats(2);
    // Minimize the sphere around (1.3, 1.3) subject to x0 <= 0: the constrained optimum is x0 = 0.
    const history = await runSampler({
      sampler: cmaesSampler({ seed: 4 }),
      space,
      evaluate: (c) => ({ values: [sphere(space)(c)], constraints: [c.x0 as number] }),
      trials: 250,
    });
    const feasible = history.slice(150).filter((t) => (t.config.x0 as number) <= 0);
    expect(feasible.length).toBeGreaterThan(20);
    const bestFeasible = Math.min(...history.filter((t) => (t.config.x0 as number) <= 0).map((t) => t.values![0]));
    expect(bestFeasible).toBeLessThan(1.3 ** 2 + 0.01);
  });

  it("finds the exact optimum of an integer-only problem (the margin keeps neighbours in reach)", async () => {
    const space = Space.parse({
      a: { type: "int", low: -10, high: 40 },
      b: { type: "int", low: -10, high: 40 },
      c: { type: "int", low: -10, high: 40 },
    });
    const evaluate = (c: Config) => ((c.a as number) - 17) ** 2 + ((c.b as number) - 3) ** 2 + ((c.c as number) - 29) ** 2;
    for (const seed of [0, 1, 2, 3, 4]) {
      const history = await runSampler({ sampler: cmaesSampler({ seed }), space, evaluate, trials: 300 });
      expect(history.find((t) => t.values![0] === 0)?.config).toEqual({ a: 17, b: 3, c: 29 });
    }
  });

  it("gets every integer right when continuous parameters shrink σ (mixed-integer problem)", async () => {
    const definition: SpaceDefinition = {};
    for (let i = 0; i < 3; i++) definition[`x${i}`] = { type: "float", low: -5, high: 5 };
    for (let i = 0; i < 3; i++) definition[`z${i}`] = { type: "int", low: -10, high: 10 };
    const space = Space.parse(definition);
    const target = [3, -2, 5];
    const evaluate = (c: Config) =>
      target.reduce((s, t, i) => s + ((c[`z${i}`] as number) - t) ** 2, 0) + [0, 1, 2].reduce((s, i) => s + 100 * ((c[`x${i}`] as number) - 0.3) ** 2, 0);
    for (const seed of [0, 1, 2]) {
      const history = await runSampler({ sampler: cmaesSampler({ seed, restarts: false }), space, evaluate, trials: 800 });
      const bestTrial = history.reduce((a, b) => (a.values![0] <= b.values![0] ? a : b));
      expect([0, 1, 2].map((i) => bestTrial.config[`z${i}`])).toEqual(target);
    }
  });

  it("restarts after converging on a multimodal function instead of freezing", async () => {
    // 2-D Rastrigin: CMA-ES with a small population settles in a local minimum within a few hundred trials.
    const space = floats(2, -5.12, 5.12);
    const rastrigin = (c: Config) => vector(space, c).reduce((s, x) => s + x * x - 10 * Math.cos(2 * Math.PI * x) + 10, 0);
    // Rastrigin's local minima sit at integer points: count the cells visited.
    const cells = (configs: Config[]) => new Set(configs.map((c) => vector(space, c).map(Math.round).join(","))).size;
    const trials = 1500;
    const frozen = await runSampler({ sampler: cmaesSampler({ seed: 0, restarts: false }), space, evaluate: rastrigin, trials });
    const restarting = await runSampler({ sampler: cmaesSampler({ seed: 0 }), space, evaluate: rastrigin, trials });
    // Identical until the first run stops; then one freezes and the other starts again.
    const split = restarting.findIndex((t, n) => JSON.stringify(t.config) !== JSON.stringify(frozen[n].config));
    expect(split).toBeGreaterThan(100);
    expect(split).toBeLessThan(1000);
    const after = (history: TrialRecord[]) => history.slice(split + 50).map((t) => t.config);
    expect(cells(after(frozen))).toBe(1);
    expect(cells(after(restarting))).toBeGreaterThan(10);
    expect(Math.min(...restarting.map((t) => t.values![0]))).toBeLessThanOrEqual(Math.min(...frozen.map((t) => t.values![0])));
  });
});
