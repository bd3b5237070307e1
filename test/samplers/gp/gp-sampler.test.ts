import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors/index.js";
import { rngFor } from "../../../src/math/rng.js";
import { gpSampler } from "../../../src/samplers/gp/index.js";
import { randomSampler } from "../../../src/samplers/random.js";
import type { Sampler } from "../../../src/samplers/spec.js";
import { Space, type Config, type SpaceDefinition } from "../../../src/space/index.js";
import { makeTrial, runSampler } from "../../../src/testing/index.js";

const braninSpace = Space.parse({ x1: { type: "float", low: -5, high: 10 }, x2: { type: "float", low: 0, high: 15 } });

/** Branin-Hoo: global minimum 0.397887 at three points. */
function branin(config: Config): number {
  const x1 = config.x1 as number;
  const x2 = config.x2 as number;
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

async function meanBest(make: (seed: number) => Sampler, trials: number): Promise<number> {
  let total = 0;
  for (let seed = 0; seed < 5; seed++) {
    const history = await runSampler({ sampler: make(seed), space: braninSpace, evaluate: branin, trials });
    total += Math.min(...history.map((trial) => trial.values![0]));
  }
  return total / 5;
}

const mixed: SpaceDefinition = {
  lr: { type: "float", low: 1e-4, high: 1, log: true },
  layers: { type: "int", low: 1, high: 6 },
  batch: { type: "int", low: 8, high: 128, step: 8 },
  width: { type: "int", low: 2, high: 4096, log: true },
  temperature: { type: "float", low: 0, high: 1, step: 0.1 },
  optimizer: { type: "categorical", choices: ["adam", "sgd", "rmsprop"] },
  size: { type: "ordinal", values: ["small", "medium", "large"] },
};

/** Best at lr = 0.01, layers = 4, batch = 64, width = 256, temperature = 0.3, optimizer = sgd, size = medium. */
function mixedLoss(config: Config): number {
  return (
    (Math.log10(config.lr as number) + 2) ** 2 +
    ((config.layers as number) - 4) ** 2 / 4 +
    ((config.batch as number) - 64) ** 2 / 2000 +
    (Math.log2(config.width as number) - 8) ** 2 / 10 +
    ((config.temperature as number) - 0.3) ** 2 * 4 +
    (config.optimizer === "sgd" ? 0 : 1) +
    (config.size === "medium" ? 0 : 0.5)
  );
}

describe("gpSampler", () => {
  it("is named gp and starts with the same random trials as randomSampler", async () => {
    const sampler = gpSampler({ seed: 4 });
    expect(sampler.name).toBe("gp");
    expect(sampler.seed).toBe(4);
    const gp = await runSampler({ sampler, space: braninSpace, evaluate: branin, trials: 10 });
    const random = await runSampler({ sampler: randomSampler({ seed: 4 }), space: braninSpace, evaluate: branin, trials: 10 });
    expect(gp.map((t) => t.config)).toEqual(random.map((t) => t.config));
  });

  it("finds the Branin minimum far better than random search in 30 trials (mean best of 5 seeds)", async () => {
    const gp = await meanBest((seed) => gpSampler({ seed }), 30);
    const random = await meanBest((seed) => randomSampler({ seed }), 30);
    expect(gp).toBeLessThan(0.6);
    expect(gp).toBeLessThan(random / 2);
  });

  it("proposes valid ints, steps, log ints, ordinals and categoricals and learns which are best", async () => {
    // runSampler validates every proposal against the space.
    const history = await runSampler({ sampler: gpSampler({ seed: 1 }), space: Space.parse(mixed), evaluate: mixedLoss, trials: 40 });
    const modelled = history.slice(10);
    for (const trial of modelled) {
      expect(Number.isInteger(trial.config.layers)).toBe(true);
      expect((trial.config.batch as number) % 8).toBe(0);
      expect(Math.round((trial.config.temperature as number) * 10) / 10).toBe(trial.config.temperature);
    }
    const best = Math.min(...history.map((t) => t.values![0]));
    const bestRandom = Math.min(
      ...(await runSampler({ sampler: randomSampler({ seed: 1 }), space: Space.parse(mixed), evaluate: mixedLoss, trials: 40 })).map((t) => t.values![0]),
    );
    expect(best).toBeLessThan(bestRandom);
    expect(modelled.slice(-15).filter((t) => t.config.optimizer === "sgd").length).toBeGreaterThan(10);
  });

  it("gives the same trajectory for the same seed, and another for another seed", async () => {
    const run = (seed: number) => runSampler({ sampler: gpSampler({ seed }), space: Space.parse(mixed), evaluate: mixedLoss, trials: 16 });
    const first = await run(7);
    const second = await run(7);
    const other = await run(8);
    expect(second.map((t) => t.config)).toEqual(first.map((t) => t.config));
    expect(other.map((t) => t.config)).not.toEqual(first.map((t) => t.config));
  });

  it("proposes from the history alone: a fresh sampler asked at trial n agrees with the one that ran", async () => {
    const history = await runSampler({ sampler: gpSampler({ seed: 2 }), space: braninSpace, evaluate: branin, trials: 14 });
    const ask = (sampler: Sampler, n: number) =>
      sampler.doAsk({ space: braninSpace, objectives: [{ name: "value", direction: "minimize" }], trials: history.slice(0, n), trialNumber: n, rng: rngFor(2, "sampler", n) });
    for (const n of [11, 13]) expect((await ask(gpSampler({ seed: 2 }), n)).config).toEqual(history[n].config);
    // Asked twice with one history (as parallel workers would be), it answers the same.
    const sampler = gpSampler({ seed: 2 });
    expect(await ask(sampler, 12)).toEqual(await ask(sampler, 12));
  });

  it("maximizes when the objective says so", async () => {
    const history = await runSampler({
      sampler: gpSampler({ seed: 3 }),
      space: braninSpace,
      evaluate: (config) => -branin(config),
      trials: 25,
      objectives: [{ name: "score", direction: "maximize" }],
    });
    expect(Math.max(...history.map((t) => t.values![0]))).toBeGreaterThan(-1.5);
  });

  it("steers toward the feasible region when trials report constraints", async () => {
    // Feasible only where x1 >= 5: the unconstrained minima at x1 = -π and π are excluded.
    const history = await runSampler({
      sampler: gpSampler({ seed: 5 }),
      space: braninSpace,
      evaluate: (config) => ({ values: [branin(config)], constraints: [5 - (config.x1 as number)] }),
      trials: 30,
    });
    const modelled = history.slice(10);
    const feasible = modelled.filter((t) => t.constraints![0] <= 0);
    expect(feasible.length).toBeGreaterThan(14);
    // The constrained optimum is near (9.42, 2.47) with value 0.398.
    expect(Math.min(...feasible.map((t) => t.values![0]))).toBeLessThan(2);
  });

  it("works on a conditional space, ignoring failed and pruned trials", async () => {
    const space = Space.parse({
      retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid"] },
      alpha: { type: "float", low: 0, high: 1, when: { retriever: "hybrid" } },
      top_k: { type: "int", low: 1, high: 20 },
    });
    const loss = (config: Config) =>
      (config.retriever === "hybrid" ? ((config.alpha as number) - 0.7) ** 2 : 0.5) + ((config.top_k as number) - 8) ** 2 / 100;
    const history = await runSampler({ sampler: gpSampler({ seed: 6 }), space, evaluate: loss, trials: 24 });
    expect(Math.min(...history.map((t) => t.values![0]))).toBeLessThan(0.1);
    const broken = [...history, makeTrial({ number: 24, config: history[0].config, state: "failed" }), makeTrial({ number: 25, config: history[1].config, state: "pruned" })];
    const proposal = await gpSampler({ seed: 6 }).doAsk({ space, objectives: [{ name: "value", direction: "minimize" }], trials: broken, trialNumber: 26, rng: rngFor(6, "sampler", 26) });
    expect(space.check(proposal.config)).toEqual([]);
  });

  it("fixes the noise with deterministic: true and still optimizes", async () => {
    const history = await runSampler({ sampler: gpSampler({ seed: 0, deterministic: true, startupTrials: 5 }), space: braninSpace, evaluate: branin, trials: 20 });
    expect(Math.min(...history.map((t) => t.values![0]))).toBeLessThan(2);
  });

  it("rejects bad options with a ValidationError naming each one", () => {
    expect(() => gpSampler({ startupTrials: -1 })).toThrow(ValidationError);
    expect(() => gpSampler({ candidates: 0, localSearches: 1.5 })).toThrow(/candidates: expected a positive integer, received 0\n.*localSearches: expected a positive integer, received 1.5/);
    expect(() => gpSampler({ conditionOnRunning: "yes" as unknown as boolean })).toThrow(/conditionOnRunning: expected true or false, received "yes"/);
  });
});
