import { describe, expect, it } from "vitest";
import { bohbSampler, hyperbandPlans, hyperbandSampler } from "../../src/fidelity/index.js";
import { fidelityLevels } from "../../src/fidelity/levels.js";
import { rebuildBrackets } from "../../src/fidelity/synchronous-brackets.js";
import { modelTrials } from "../../src/fidelity/inner-ask.js";
import { randomSampler } from "../../src/samplers/index.js";
import type { Sampler } from "../../src/samplers/spec.js";
import { Space, float, int, type Config } from "../../src/space/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { askFor, drive } from "./drive.js";

const space = Space.parse({ x: float(0, 1) });
const fidelity = { epochs: int(1, 27) };
const value = (config: Config, f: Config | null) => ({ values: [Math.cos(7 * (config.x as number)) + 1 / (f!.epochs as number)] });

describe("hyperband brackets", () => {
  it("match Li et al. 2018 for eta = 3, R = 27", () => {
    const resources = fidelityLevels(fidelity).levels.map((l) => l.resource);
    const table = hyperbandPlans(4, 3).map((plan) => ({ s: plan.s, rungs: plan.sizes.map((n, j) => `${n}@${resources[plan.base + j]}`) }));
    expect(table).toEqual([
      { s: 3, rungs: ["27@1", "9@3", "3@9", "1@27"] },
      { s: 2, rungs: ["12@3", "4@9", "1@27"] },
      { s: 1, rungs: ["6@9", "2@27"] },
      { s: 0, rungs: ["4@27"] },
    ]);
  });

  it("match the paper's table for eta = 3, R = 81", () => {
    expect(hyperbandPlans(5, 3).map((plan) => plan.sizes)).toEqual([[81, 27, 9, 3, 1], [34, 11, 3, 1], [15, 5, 1], [8, 2], [5]]);
  });
});

describe("hyperband", () => {
  it("runs every bracket of the plan, then starts over", async () => {
    const sampler = hyperbandSampler({ fidelity, eta: 3, seed: 0 });
    const history = await drive({ sampler, space, evaluate: value, trials: 69 + 1 });
    const brackets = rebuildBrackets(history, fidelityLevels(fidelity), (b) => hyperbandPlans(4, 3)[b % 4]);
    expect(brackets.slice(0, 4).map((b) => ({ base: b.plan.base, sizes: b.rungs.map((r) => r.length) }))).toEqual([
      { base: 0, sizes: [27, 9, 3, 1] },
      { base: 1, sizes: [12, 4, 1] },
      { base: 2, sizes: [6, 2] },
      { base: 3, sizes: [4] },
    ]);
    expect(history[69].fidelity).toEqual({ epochs: 1 });
    expect(brackets).toHaveLength(5);
  });

  it("proposes the same from a rebuilt history, with parallel workers", async () => {
    const snapshots: { history: TrialRecord[]; proposal: unknown }[] = [];
    await drive({
      sampler: hyperbandSampler({ fidelity, seed: 3 }),
      space,
      evaluate: value,
      trials: 120,
      workers: 5,
      seed: 2,
      onAsk: (history, proposal) => snapshots.push({ history: structuredClone([...history]), proposal }),
    });
    for (const k of [5, 30, 50, 77, 119]) {
      expect(await askFor(hyperbandSampler({ fidelity, seed: 3 }), space, snapshots[k].history)).toEqual(snapshots[k].proposal);
    }
  });
});

describe("bohb", () => {
  it("fits the inner sampler on the highest level with dimension + 2 complete trials", async () => {
    const seen: { levelsSeen: Set<unknown>; history: readonly TrialRecord[] }[] = [];
    let current: readonly TrialRecord[] = [];
    const random = randomSampler({ seed: 4 });
    const spy: Sampler = {
      name: "spy",
      seed: 4,
      doAsk(ctx) {
        seen.push({ levelsSeen: new Set(ctx.trials.map((t) => t.fidelity?.epochs)), history: current });
        return random.doAsk(ctx);
      },
    };
    await drive({
      sampler: bohbSampler({ fidelity, seed: 4, sampler: spy, randomFraction: 0 }),
      space,
      evaluate: value,
      trials: 100,
      onAsk: (history) => (current = structuredClone([...history])),
    });
    expect(seen.length).toBeGreaterThan(40);
    const levels = fidelityLevels(fidelity);
    for (const call of seen) {
      expect(call.levelsSeen.size).toBeLessThanOrEqual(1);
      // The level the model was fitted on: highest with >= 1 + 2 complete trials.
      let expected: number | undefined;
      for (let l = 3; l >= 0 && expected === undefined; l--) {
        const complete = call.history.filter((t) => t.state === "complete" && levels.indexOf(t.fidelity) === l).length;
        if (complete >= 3) expected = levels.levels[l].resource;
      }
      if (expected !== undefined) expect([...call.levelsSeen]).toEqual([expected]);
    }
    expect(seen.some((call) => call.levelsSeen.has(27))).toBe(true);
  });

  it("draws a share of new configurations at random", async () => {
    let modelCalls = 0;
    const spy: Sampler = { name: "spy", seed: 0, doAsk: (ctx) => (modelCalls++, { config: ctx.space.sample(ctx.rng) }) };
    await drive({ sampler: bohbSampler({ fidelity, sampler: spy, randomFraction: 0.5 }), space, evaluate: value, trials: 27 });
    expect(modelCalls).toBeGreaterThan(5);
    expect(modelCalls).toBeLessThan(22);
    expect(() => bohbSampler({ fidelity, randomFraction: 2 })).toThrow(/randomFraction/);
  });

  it("modelTrials falls back to the lowest level", () => {
    expect(modelTrials([[], []], 3)).toEqual([]);
  });
});
