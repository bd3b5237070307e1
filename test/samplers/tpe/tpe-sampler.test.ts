import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors/index.js";
import { rngFor } from "../../../src/math/rng.js";
import { randomSampler } from "../../../src/samplers/random.js";
import type { Sampler } from "../../../src/samplers/spec.js";
import { motpeSampler, tpeSampler } from "../../../src/samplers/tpe/index.js";
import { Space, type Config } from "../../../src/space/index.js";
import type { Objective, TrialRecord } from "../../../src/storage/spec.js";
import { makeTrial, runSampler } from "../../../src/testing/index.js";
import { ragLikeLoss, ragLikeSpace } from "../../../bench/synthetic/rag-like.js";
import { branin, braninSpace, distanceToOptimum, mean, median, quadratic, square } from "./fixtures.js";

const minimize: Objective[] = [{ name: "loss", direction: "minimize" }];

async function ask(sampler: Sampler, space: Space, trials: TrialRecord[], trialNumber = trials.length): Promise<Config> {
  const proposal = await sampler.doAsk({ space, objectives: minimize, trials, trialNumber, rng: rngFor(sampler.seed, "sampler", trialNumber) });
  return proposal.config;
}

describe("tpeSampler", () => {
  it("is named tpe (motpe for the alias) and checks its options", () => {
    expect(tpeSampler().name).toBe("tpe");
    expect(tpeSampler({ seed: 4 }).seed).toBe(4);
    expect(motpeSampler().name).toBe("motpe");
    expect(() => tpeSampler({ candidates: 0 })).toThrow(ValidationError);
    expect(() => tpeSampler({ startupTrials: -1, priorWeight: -2, gamma: 1.5 })).toThrow(/startupTrials[\s\S]*priorWeight[\s\S]*gamma/);
    expect(() => tpeSampler({ branchExploration: 1.5 })).toThrow(/branchExploration: expected a number in \[0, 1\], received 1.5/);
    // From a study config a misspelt option arrives as an extra key.
    expect(() => tpeSampler({ branchExploraton: 1 } as never)).toThrow(/branchExploraton: unknown option: expected one of seed, startupTrials/);
  });

  it("proposes exactly what random search would during the start-up trials", async () => {
    const tpe = await runSampler({ sampler: tpeSampler({ seed: 3, startupTrials: 7 }), space: ragLikeSpace, evaluate: ragLikeLoss, trials: 8 });
    const random = await runSampler({ sampler: randomSampler({ seed: 3 }), space: ragLikeSpace, evaluate: ragLikeLoss, trials: 8 });
    expect(tpe.slice(0, 7).map((t) => t.config)).toEqual(random.slice(0, 7).map((t) => t.config));
    expect(tpe[7].config).not.toEqual(random[7].config);
  });

  it("concentrates near the optimum of a quadratic, unlike random search", async () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      const tpe = await runSampler({ sampler: tpeSampler({ seed }), space: square, evaluate: quadratic, trials: 60 });
      const random = await runSampler({ sampler: randomSampler({ seed }), space: square, evaluate: quadratic, trials: 60 });
      const tpeDistance = median(tpe.slice(40).map((t) => distanceToOptimum(t.config)));
      const randomDistance = median(random.slice(40).map((t) => distanceToOptimum(t.config)));
      expect(tpeDistance).toBeLessThan(0.5 * randomDistance);
    }
  });

  it("beats random search on Branin: mean best of 60 trials over 10 seeds", async () => {
    const best = async (sampler: Sampler) => {
      const trials = await runSampler({ sampler, space: braninSpace, evaluate: branin, trials: 60 });
      return Math.min(...trials.map((t) => (t.values as number[])[0]));
    };
    const seeds = [...Array(10).keys()];
    const tpe = mean(await Promise.all(seeds.map((seed) => best(tpeSampler({ seed })))));
    const univariate = mean(await Promise.all(seeds.map((seed) => best(tpeSampler({ seed, multivariate: false })))));
    const random = mean(await Promise.all(seeds.map((seed) => best(randomSampler({ seed })))));
    expect(tpe).toBeLessThan(0.6 * random);
    expect(univariate).toBeLessThan(random);
    expect(tpe).toBeLessThan(1); // the minimum is 0.398
  });

  for (const [label, options, learnsBranch] of [
    ["grouped multivariate", {}, true],
    ["multivariate without groups", { group: false }, true],
    ["univariate", { multivariate: false }, false],
    ["univariate with endpoints, no magic clip", { multivariate: false, considerEndpoints: true, considerMagicClip: false }, false],
  ] as const) {
    it(`proposes valid values for every kind of parameter and condition (${label})`, async () => {
      // runSampler validates each proposal: bounds, integers, steps, log ranges, conditions.
      const trials = await runSampler({ sampler: tpeSampler({ seed: 11, ...options }), space: ragLikeSpace, evaluate: ragLikeLoss, trials: 80 });
      const late = trials.slice(40).map((t) => t.config);
      expect(late.every((c) => Number.isInteger(c.top_k) && Number.isInteger(c.chunk) && (c.batch as number) % 8 === 0)).toBe(true);
      expect(late.every((c) => Math.abs((c.temperature as number) * 10 - Math.round((c.temperature as number) * 10)) < 1e-9)).toBe(true);
      // Multivariate TPE learns the conditional structure: the hybrid branch is the better one.
      // Averaged over six seeds (one seed's count swings from under 10 to over 30); random
      // search would give about 40 / 3 = 13.3.
      if (learnsBranch) {
        let hybrid = 0;
        for (let seed = 11; seed < 17; seed++) {
          const run = seed === 11 ? trials : await runSampler({ sampler: tpeSampler({ seed, ...options }), space: ragLikeSpace, evaluate: ragLikeLoss, trials: 80 });
          hybrid += run.slice(40).filter((t) => t.config.retriever === "hybrid").length;
        }
        expect(hybrid / 6).toBeGreaterThan(17);
      }
      const random = await runSampler({ sampler: randomSampler({ seed: 11 }), space: ragLikeSpace, evaluate: ragLikeLoss, trials: 80 });
      const bestOf = (ts: TrialRecord[]) => Math.min(...ts.map((t) => (t.values as number[])[0]));
      expect(bestOf(trials)).toBeLessThan(bestOf(random));
    });
  }

  it("gives the same trajectory for the same seed and another for another seed", async () => {
    const run = (seed: number) => runSampler({ sampler: tpeSampler({ seed }), space: ragLikeSpace, evaluate: ragLikeLoss, trials: 30 });
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(a.map((t) => t.config)).toEqual(b.map((t) => t.config));
    expect(a.slice(10).map((t) => t.config)).not.toEqual(c.slice(10).map((t) => t.config));
  });

  it("depends only on (seed, trial number, trials), whatever it cached from earlier asks", async () => {
    const first = await runSampler({ sampler: tpeSampler({ seed: 1 }), space: ragLikeSpace, evaluate: ragLikeLoss, trials: 25 });
    const second = await runSampler({ sampler: tpeSampler({ seed: 2 }), space: ragLikeSpace, evaluate: ragLikeLoss, trials: 25 });
    const reused = tpeSampler({ seed: 9 });
    const warm = [await ask(reused, ragLikeSpace, first), await ask(reused, ragLikeSpace, second), await ask(reused, ragLikeSpace, first)];
    const cold = [await ask(tpeSampler({ seed: 9 }), ragLikeSpace, first), await ask(tpeSampler({ seed: 9 }), ragLikeSpace, second)];
    expect(warm).toEqual([cold[0], cold[1], cold[0]]);
    // Records rebuilt from storage (new objects, same content) give the same proposal too.
    const copies = first.map((t) => ({ ...t, config: { ...t.config } }));
    expect(await ask(reused, ragLikeSpace, copies)).toEqual(cold[0]);
  });

  it("reads a running trial's config again once it completes", async () => {
    const history = await runSampler({ sampler: tpeSampler({ seed: 2 }), space: square, evaluate: quadratic, trials: 20 });
    const sampler = tpeSampler({ seed: 2, constantLiar: true });
    const running = makeTrial({ number: 20, config: { x: 0, y: 0 }, state: "running" });
    await ask(sampler, square, [...history, running], 21);
    const config = { x: 1.4, y: -2.1 };
    const done = makeTrial({ number: 20, config, values: [quadratic(config)] });
    const cold = await ask(tpeSampler({ seed: 2, constantLiar: true }), square, [...history, done], 21);
    expect(await ask(sampler, square, [...history, done], 21)).toEqual(cold);
  });

  it("spreads parallel proposals under constant liar", async () => {
    const spread = async (constantLiar: boolean, seed: number) => {
      const trials = await runSampler({ sampler: tpeSampler({ seed }), space: square, evaluate: quadratic, trials: 30 });
      const sampler = tpeSampler({ seed, constantLiar });
      const proposals: Config[] = [];
      for (let n = 30; n < 34; n++) {
        const config = await ask(sampler, square, trials, n);
        proposals.push(config);
        trials.push(makeTrial({ number: n, config, state: "running" }));
      }
      const distances: number[] = [];
      for (let i = 0; i < 4; i++) {
        for (let j = i + 1; j < 4; j++) {
          distances.push(Math.hypot((proposals[i].x as number) - (proposals[j].x as number), (proposals[i].y as number) - (proposals[j].y as number)));
        }
      }
      return distances;
    };
    for (const seed of [0, 1, 2, 3, 4]) {
      const liar = await spread(true, seed);
      const plain = await spread(false, seed);
      expect(Math.min(...liar)).toBeGreaterThan(0);
      expect(mean(liar)).toBeGreaterThan(mean(plain));
    }
  });

  it("keeps most later proposals feasible when the unconstrained optimum is infeasible", async () => {
    // Minimum at (2, 2), but only x + y <= 1 is allowed: the best feasible point is (0.5, 0.5).
    const evaluate = (c: Config) => ({
      values: [((c.x as number) - 2) ** 2 + ((c.y as number) - 2) ** 2],
      constraints: [(c.x as number) + (c.y as number) - 1],
    });
    let feasible = 0;
    let blindFeasible = 0;
    for (const seed of [0, 1, 2, 3, 4, 5]) {
      const trials = await runSampler({ sampler: tpeSampler({ seed }), space: square, evaluate, trials: 60 });
      feasible += trials.slice(40).filter((t) => (t.constraints as number[])[0] <= 0).length;
      // The same run with the constraint values withheld from the sampler.
      const blind = await runSampler({ sampler: tpeSampler({ seed }), space: square, evaluate: (c) => evaluate(c).values, trials: 60 });
      blindFeasible += blind.slice(40).filter((t) => (t.config.x as number) + (t.config.y as number) <= 1).length;
    }
    expect(feasible / 120).toBeGreaterThan(0.5);
    expect(feasible).toBeGreaterThan(3 * blindFeasible);
  });

  it("ranks pruned trials by their last intermediate value", async () => {
    // Only pruned trials: the good ones reported low values near x = 2.
    const space = Space.parse({ x: { type: "float", low: -10, high: 10 } });
    const history: TrialRecord[] = [];
    const rng = rngFor(0, "pruned-history");
    for (let n = 0; n < 40; n++) {
      const x = rng.uniform(-10, 10);
      history.push(makeTrial({ number: n, config: { x }, state: "pruned", intermediate: { 1: (x - 2) ** 2 } }));
    }
    const proposals = [];
    for (let n = 40; n < 60; n++) proposals.push((await ask(tpeSampler({ seed: 1 }), space, history, n)).x as number);
    expect(median(proposals.map((x) => Math.abs(x - 2)))).toBeLessThan(2.5);
  });

  it("accepts gamma as a fraction or a function", async () => {
    for (const gamma of [0.25, (n: number) => Math.ceil(Math.sqrt(n))]) {
      const trials = await runSampler({ sampler: tpeSampler({ seed: 1, gamma }), space: square, evaluate: quadratic, trials: 40 });
      expect(median(trials.slice(30).map((t) => distanceToOptimum(t.config)))).toBeLessThan(3);
    }
  });

  it("samples define-by-run parameters with a univariate model", () => {
    const sampler = tpeSampler({ seed: 3 });
    const param = { type: "float", low: 0, high: 10 } as const;
    const history: TrialRecord[] = [];
    const rng = rngFor(5, "history");
    for (let n = 0; n < 40; n++) {
      const u = rng.uniform(0, 10);
      history.push(makeTrial({ number: n, config: { u }, values: [(u - 7) ** 2] }));
    }
    const ctx = (n: number) => ({ space: Space.parse({}), objectives: minimize, trials: history, trialNumber: n, rng: rngFor(3, "sampler", n) });
    const values = [40, 41, 42, 43, 44, 45, 46, 47].map((n) => sampler.doSampleParam?.(ctx(n), "u", param) as number);
    expect(values.every((v) => v >= 0 && v <= 10)).toBe(true);
    expect(median(values.map((v) => Math.abs(v - 7)))).toBeLessThan(1.5);
    expect(sampler.doSampleParam?.(ctx(40), "u", param)).toBe(values[0]);
    expect(sampler.doSampleParam?.(ctx(40), "v", { type: "int", low: 1, high: 3 })).toBeGreaterThanOrEqual(1);
  });

  describe("in a conditional space whose better branch scores worse at first", () => {
    // Branch "flat" is easy and scores 1 at best; branch "deep" scores 1 + 50 d^2 (d the
    // distance to (0.8, 0.8)), worse than 1 almost everywhere but 0 at its optimum.
    const space = Space.parse({
      kind: { type: "categorical", choices: ["flat", "deep"] },
      f: { type: "float", low: 0, high: 1, when: { kind: "flat" } },
      x: { type: "float", low: 0, high: 1, when: { kind: "deep" } },
      y: { type: "float", low: 0, high: 1, when: { kind: "deep" } },
    });
    const loss = (c: Config) => (c.kind === "flat" ? 1 + (c.f as number) : 50 * (((c.x as number) - 0.8) ** 2 + ((c.y as number) - 0.8) ** 2) - 0.1);
    // 40 trials: 20 "flat" near f = 0, 20 "deep" spread over the square, all worse than any flat one.
    const history = (): TrialRecord[] => {
      const rng = rngFor(7, "history");
      return Array.from({ length: 40 }, (_, number) => {
        const config: Config = number % 2 === 0 ? { kind: "flat", f: rng.random() * 0.1 } : { kind: "deep", x: rng.random(), y: rng.random() };
        const value = config.kind === "deep" ? Math.max(2 + number / 100, loss(config) + 2) : loss(config);
        return makeTrial({ number, config, values: [value] });
      });
    };

    it("models a branch's parameters around that branch's best trials, not the prior", async () => {
      const trials = history();
      const bestDeep = trials.filter((t) => t.config.kind === "deep").sort((a, b) => a.values![0] - b.values![0]).slice(0, 3);
      const near = (c: Config) => Math.min(...bestDeep.map((t) => Math.hypot((c.x as number) - (t.config.x as number), (c.y as number) - (t.config.y as number))));
      const sampler = tpeSampler({ seed: 1, branchExploration: 1 });
      const deep: Config[] = [];
      for (let n = 40; deep.length < 30; n++) {
        const config = await ask(sampler, space, trials, n);
        if (config.kind === "deep") deep.push(config);
      }
      const rng = rngFor(2, "uniform");
      const uniform: Config[] = Array.from({ length: 30 }, () => ({ x: rng.random(), y: rng.random() }));
      expect(median(deep.map(near))).toBeLessThan(0.5 * median(uniform.map(near)));
    });

    it("keeps choosing branches uniformly in a share of its proposals", async () => {
      const trials = history();
      const kinds = async (branchExploration: number) => {
        const sampler = tpeSampler({ seed: 2, branchExploration });
        let deep = 0;
        for (let n = 40; n < 240; n++) if ((await ask(sampler, space, trials, n)).kind === "deep") deep++;
        return deep;
      };
      expect(await kinds(0)).toBeLessThan(15);
      expect(await kinds(1)).toBeGreaterThan(75);
      expect(await kinds(1)).toBeLessThan(125);
      const some = await kinds(0.3);
      expect(some).toBeGreaterThan(await kinds(0));
      expect(some).toBeLessThan(await kinds(1));
    });

    it("explores more once the best trial is old, on the branch tried least", async () => {
      // Every fifth trial "deep" and bad (TPE weighs old trials less, so they are spread), the
      // others "flat"; the best (f = 0) is trial `bestAt`.
      const history = (bestAt: number): TrialRecord[] => {
        const rng = rngFor(3, "flat-history");
        return Array.from({ length: 50 }, (_, number) => {
          if (number % 5 === 0) return makeTrial({ number, config: { kind: "deep", x: rng.random() * 0.5, y: rng.random() * 0.5 }, values: [40] });
          const f = number === bestAt ? 0 : 0.2 + 0.8 * rng.random();
          return makeTrial({ number, config: { kind: "flat", f }, values: [1 + f] });
        });
      };
      const deepProposals = async (trials: TrialRecord[]) => {
        const sampler = tpeSampler({ seed: 4 });
        let deep = 0;
        for (let n = 50; n < 150; n++) if ((await ask(sampler, space, trials, n)).kind === "deep") deep++;
        return deep;
      };
      // Best trial just found: a tenth of proposals explore. Best trial 39 trials old: most do,
      // and of four branch draws each keeps "deep" (10 trials) over "flat" (40) unless all four are flat.
      const recent = await deepProposals(history(49));
      const old = await deepProposals(history(1));
      expect(recent).toBeLessThan(30);
      expect(old).toBeGreaterThan(60);
    });

    it("keeps the exploration share at branchExploration while the best trial is recent, and 0 turns exploring off", async () => {
      // Every fourth trial "deep" and bad, the others "flat", each better than the one before.
      const trials = Array.from({ length: 60 }, (_, number) =>
        number % 4 === 0
          ? makeTrial({ number, config: { kind: "deep", x: 0.1, y: 0.2 }, values: [40] })
          : makeTrial({ number, config: { kind: "flat", f: 0.9 - number / 80 }, values: [1.9 - number / 80] }),
      );
      const deep = async (branchExploration: number) => {
        const sampler = tpeSampler({ seed: 5, branchExploration });
        let count = 0;
        for (let n = 60; n < 260; n++) if ((await ask(sampler, space, trials, n)).kind === "deep") count++;
        return count;
      };
      // Each trial beat the last, so only the floor explores: about 0.5 x 15/16 of 200 proposals.
      expect(await deep(0.5)).toBeGreaterThan(70);
      expect(await deep(0.5)).toBeLessThan(120);
      expect(await deep(0)).toBeLessThan(10);
    });
  });

  it("proposes the empty config for an empty space", async () => {
    expect(await ask(tpeSampler(), Space.parse({}), [])).toEqual({});
  });
});
