import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Rng, rngFor } from "../../../src/math/rng.js";
import { OptimizerServer } from "../../../src/protocol/index.js";
import { believe } from "../../../src/samplers/gp/believer.js";
import { GaussianProcess } from "../../../src/samplers/gp/gaussian-process.js";
import { gpSampler, type GpSamplerOptions } from "../../../src/samplers/gp/index.js";
import type { Sampler, SamplerContext } from "../../../src/samplers/spec.js";
import { Space, type Config } from "../../../src/space/index.js";
import type { Objective, TrialRecord } from "../../../src/storage/spec.js";
import { createStudy } from "../../../src/study/index.js";
import { makeTrial, runSampler } from "../../../src/testing/index.js";

const space = Space.parse({ x1: { type: "float", low: -5, high: 10 }, x2: { type: "float", low: 0, high: 15 } });
const minimize: Objective[] = [{ name: "value", direction: "minimize" }];

function branin(config: Config): number {
  const x1 = config.x1 as number;
  const x2 = config.x2 as number;
  return (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 * x1 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}

/** Distance in the unit square between two configs of `space`. */
function distance(a: Config, b: Config): number {
  const u = space.encode(a);
  const v = space.encode(b);
  return Math.hypot(u[0] - v[0], u[1] - v[1]);
}

/** Configs proposed one after the other, each while the earlier ones still run. */
function proposeWhileRunning(sampler: Sampler, history: readonly TrialRecord[], count: number, objectives = minimize): Config[] {
  const trials = [...history];
  const configs: Config[] = [];
  for (let k = 0; k < count; k++) {
    const number = trials.length;
    const ctx: SamplerContext = { space, objectives, trials, trialNumber: number, rng: rngFor(sampler.seed, "sampler", number) };
    const { config } = sampler.doAsk(ctx) as { config: Config };
    trials.push(makeTrial({ number, config, state: "running" }));
    configs.push(config);
  }
  return configs;
}

function closestPair(configs: readonly Config[]): number {
  let closest = Infinity;
  for (let i = 0; i < configs.length; i++) for (let j = 0; j < i; j++) closest = Math.min(closest, distance(configs[i], configs[j]));
  return closest;
}

describe("believe (Kriging believer)", () => {
  it("keeps the posterior mean and shrinks the variance at and around the pending points", () => {
    const rng = new Rng(1);
    const n = 12;
    const x = Float64Array.from({ length: 2 * n }, () => rng.random());
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(5 * x[2 * i]) + x[2 * i + 1]);
    const gp = new GaussianProcess({ x, y, n, d: 2, categorical: new Uint8Array(2) }, { inverseSquaredLengthscales: Float64Array.of(4, 4), scale: 1, noise: 1e-6 });
    const pending = Float64Array.of(0.5, 0.5, 0.9, 0.1);
    const believed = believe(gp, { x: pending, n: 2 });
    expect(believe(gp, { x: new Float64Array(0), n: 0 })).toBe(gp);
    for (const point of [Float64Array.of(0.5, 0.5), Float64Array.of(0.52, 0.47), Float64Array.of(0.2, 0.8)]) {
      const before = gp.predict(point);
      const after = believed.predict(point);
      expect(after.mean).toBeCloseTo(before.mean, 6);
      expect(after.variance).toBeLessThanOrEqual(before.variance + 1e-12);
    }
    expect(believed.predict(Float64Array.of(0.5, 0.5)).variance).toBeLessThan(1e-5);
    expect(gp.predict(Float64Array.of(0.5, 0.5)).variance).toBeGreaterThan(1e-3);
  });
});

describe("gpSampler with running trials", () => {
  it("sends parallel proposals to different places, where ignoring running trials repeats one", async () => {
    const history = await runSampler({ sampler: gpSampler({ seed: 1 }), space, evaluate: branin, trials: 15 });
    const conditioned = proposeWhileRunning(gpSampler({ seed: 1 }), history, 4);
    const ignoring = proposeWhileRunning(gpSampler({ seed: 1, conditionOnRunning: false }), history, 4);
    expect(closestPair(conditioned)).toBeGreaterThan(0.05);
    expect(closestPair(ignoring)).toBeLessThan(1e-3);
    // The first proposal has nothing running yet: the same either way.
    expect(conditioned[0]).toEqual(ignoring[0]);
  });

  it("does the same with two objectives", async () => {
    const two: Objective[] = [...minimize, { name: "x1", direction: "minimize" }];
    const evaluate = (config: Config) => [branin(config), config.x1 as number];
    const history = await runSampler({ sampler: gpSampler({ seed: 3 }), space, evaluate, trials: 15, objectives: two });
    expect(closestPair(proposeWhileRunning(gpSampler({ seed: 3 }), history, 4, two))).toBeGreaterThan(0.02);
    expect(closestPair(proposeWhileRunning(gpSampler({ seed: 3, conditionOnRunning: false }), history, 4, two))).toBeLessThan(1e-3);
  });

  it("ignores the trial being proposed and running trials without a whole configuration", async () => {
    const history = await runSampler({ sampler: gpSampler({ seed: 2 }), space, evaluate: branin, trials: 12 });
    const ask = (trials: TrialRecord[]) =>
      gpSampler({ seed: 2 }).doAsk({ space, objectives: minimize, trials, trialNumber: 12, rng: rngFor(2, "sampler", 12) });
    const alone = await ask(history);
    // Trial 12 itself, already stored as running with an earlier proposal (another process took its number).
    expect(await ask([...history, makeTrial({ number: 12, config: { x1: 0, x2: 0 }, state: "running" })])).toEqual(alone);
    // A define-by-run trial that has suggested only x1 so far.
    expect(await ask([...history, makeTrial({ number: 13, config: { x1: 0 }, state: "running" })])).toEqual(alone);
  });
});

/** A GP sampler that records, at each proposal, how far it lands from every trial then running. */
function recordingGp(options: GpSamplerOptions): { sampler: Sampler; gaps: number[] } {
  const inner = gpSampler(options);
  const gaps: number[] = [];
  const sampler: Sampler = {
    name: "gp",
    seed: inner.seed,
    async doAsk(ctx) {
      const proposal = await inner.doAsk(ctx);
      for (const trial of ctx.trials) if (trial?.state === "running") gaps.push(distance(proposal.config, trial.config));
      return proposal;
    },
  };
  return { sampler, gaps };
}

describe("running trials reach the GP", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const slowBranin = async (trial: { config: Config }) => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    return branin(trial.config);
  };

  it("through optimize() with concurrency 4", async () => {
    const run = async (conditionOnRunning: boolean) => {
      const { sampler, gaps } = recordingGp({ seed: 4, startupTrials: 6, conditionOnRunning });
      const study = await createStudy({ name: "parallel", storage: "memory:", space, direction: "minimize", sampler, logger: () => {} });
      await study.optimize(slowBranin, { concurrency: 4, budget: { trials: 22 } });
      await study.close();
      return gaps;
    };
    const conditioned = await run(true);
    const ignoring = await run(false);
    expect(conditioned.length).toBeGreaterThan(20); // proposals saw running trials
    expect(Math.min(...conditioned)).toBeGreaterThan(0.01);
    expect(Math.min(...ignoring)).toBeLessThan(0.01);
  });

  it("through the optimizer protocol, asked again before a tell", async () => {
    const spec = { space: space.toJSON(), objectives: minimize, seed: 5 };
    const server = await OptimizerServer.create({ spec, optimizer: "gp", samplerOptions: { startupTrials: 5 } });
    const call = async (id: number, method: string, params?: object) => JSON.parse(await server.handle(JSON.stringify({ jsonrpc: "2.0", id, method, ...(params ? { params } : {}) }))).result;
    for (let id = 0; id < 8; id++) {
      const asked = await call(id, "ask");
      await call(100 + id, "tell", { trial: asked.trial, values: [branin(asked.config)] });
    }
    const inFlight: Config[] = [];
    for (let id = 8; id < 12; id++) inFlight.push((await call(id, "ask")).config);
    expect(closestPair(inFlight)).toBeGreaterThan(0.05);
  });

  it("from another process's study on the same SQLite file (as knobs worker joins)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "knobs-gp-"));
    dirs.push(dir);
    const storage = `sqlite:${join(dir, "knobs.db")}`;
    const main = await createStudy({ name: "shared", storage, space, direction: "minimize", sampler: gpSampler({ seed: 6, startupTrials: 5 }), logger: () => {} });
    await main.optimize((trial) => branin(trial.config), { budget: { trials: 10 } });
    const gapFromWorker = async (conditionOnRunning: boolean) => {
      const { sampler, gaps } = recordingGp({ seed: 6, startupTrials: 5, conditionOnRunning });
      const worker = await createStudy({ name: "shared", storage, sampler, logger: () => {} });
      const running = await main.ask();
      const joined = await worker.ask();
      await main.tell(running, { state: "failed" });
      await worker.tell(joined, { state: "failed" });
      await worker.close();
      expect(gaps).toHaveLength(1); // the worker's GP saw the main study's running trial
      return gaps[0];
    };
    expect(await gapFromWorker(true)).toBeGreaterThan(0.01);
    expect(await gapFromWorker(false)).toBeLessThan(0.01);
    await main.close();
  });
});
