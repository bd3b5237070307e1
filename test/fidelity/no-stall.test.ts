import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countRepeats, guardedScheduler, rungLadder, fidelityLevels, successiveHalvingSampler, type FidelityInput } from "../../src/fidelity/index.js";
import { createOptimizer, optimizerNames } from "../../src/optimizers/index.js";

/** A scheduler by name, as a study config makes it: the fidelity through the context. */
const createScheduler = (name: string, { fidelity, ...options }: { fidelity: FidelityInput } & Record<string, unknown>) => createOptimizer(name, options, { fidelity });
const schedulerNames = () => optimizerNames("scheduler");
import { rngFor } from "../../src/math/rng.js";
import { categorical, float, ordinal, Space, type Config } from "../../src/space/index.js";
import { createStudy, type Trial } from "../../src/study/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";
import { askFor, drive } from "./drive.js";

/** Loss of a configuration of `{ k: 0..n-1 }` at a step: falls with the steps, k = 2 wins at the top. */
function lossOf(config: Config, fidelity: Config | null): number {
  const step = fidelity!.step as number;
  const k = Number(String(config.k).slice(1));
  return step === 0 ? 10 : 1 + Math.abs(k - 2) / 10 + 100 / step;
}

const small = Space.parse({ k: categorical(["c0", "c1", "c2", "c3"]) });
const keyOf = (trial: TrialRecord) => `${trial.config.k}@${trial.fidelity?.step}`;

describe("schedulers on a finite space and a checkpoint ladder (issue 16)", () => {
  it("fill a rung larger than the space with what exists and reach the top", async () => {
    // 4 configurations; successive halving plans 27 at the first rung of [1, 3, 9, 27].
    const fidelity = { step: ordinal([1, 3, 9, 27]) };
    for (const name of ["sh", "hyperband", "asha", "bohb", "mf"]) {
      const sampler = createScheduler(name, { fidelity, seed: 1 });
      const trials = await drive({ sampler, space: small, trials: 8, evaluate: (c, f) => ({ values: [lossOf(c, f)] }) });
      expect(countRepeats(trials), name).toBe(0);
      expect(trials.some((t) => t.fidelity?.step === 27), name).toBe(true);
    }
  });

  it("never run a free level (step 0 of an untrained checkpoint)", async () => {
    const fidelity = { step: ordinal([0, 10, 30, 90]) };
    for (const name of ["sh", "asha", "mf"]) {
      const trials = await drive({ sampler: createScheduler(name, { fidelity, seed: 2 }), space: small, trials: 10, evaluate: (c, f) => ({ values: [lossOf(c, f)] }) });
      expect(trials.filter((t) => t.fidelity?.step === 0), name).toEqual([]);
      expect(trials.some((t) => t.fidelity?.step === 90), name).toBe(true);
    }
  });

  it("drop a level whose first results all tie, and say so", async () => {
    // Step 1 scores every configuration the same; the rungs move up once three have run there.
    const fidelity = { step: ordinal([1, 3, 9, 27]) };
    const space = Space.parse({ x: float(0, 1) });
    const evaluate = (c: Config, f: Config | null) => ({ values: [f!.step === 1 ? 5 : (c.x as number) + 1 / (f!.step as number)] });
    const seen: unknown[] = [];
    const trials = await drive({ sampler: createScheduler("asha", { fidelity, seed: 3 }), space, trials: 30, evaluate, onAsk: (_h, p) => seen.push(p.userAttrs?.fidelity) });
    expect(trials.filter((t) => t.fidelity?.step === 1)).toHaveLength(3);
    expect(seen.at(-1)).toMatchObject({ rungs: [1, 2, 3], skipped: [{ level: 0, reason: "tied" }] });
  });

  it("rungLadder takes a geometric subset by resource ending at the top", () => {
    const steps = [0, 25, 50, 100, 200, 400, 800, 1600, 3200, ...Array.from({ length: 27 }, (_, i) => 4000 + 1000 * i)];
    const levels = fidelityLevels({ step: ordinal(steps) });
    const { indices, skipped } = rungLadder(levels, [], { eta: 3, configurations: Infinity });
    expect(indices.map((i) => steps[i])).toEqual([50, 100, 400, 800, 3200, 10000, 30000]);
    expect(skipped).toEqual([{ level: 0, reason: "free" }]);
    // 16 configurations: at most 1 + ceil(log3 16) = 4 rungs, the highest.
    expect(rungLadder(levels, [], { eta: 3, configurations: 16 }).indices.map((i) => steps[i])).toEqual([800, 3200, 10000, 30000]);
  });

  it("replace repeated proposals by progress once the stall limit is reached", async () => {
    const fidelity = { step: ordinal([1, 3, 9]) };
    const space = Space.parse({ k: categorical(["c0", "c1"]) });
    const levels = fidelityLevels(fidelity);
    // A scheduler that always asks for c0 at the lowest level.
    const stubborn = guardedScheduler("stubborn", { seed: 0, eta: 3, levels, stallLimit: 2, budget: null, costName: null, continues: false }, async () => ({ config: { k: "c0" }, fidelity: { step: 1 } }));
    const decisions: unknown[] = [];
    const trials = await drive({ sampler: stubborn, space, trials: 6, evaluate: (c, f) => ({ values: [lossOf(c, f)] }), onAsk: (_h, p) => decisions.push((p.userAttrs?.fidelity as { decision?: string } | undefined)?.decision) });
    // c0, then c1 instead of a repeat, then two repeats (the limit), then progress: the best (c1) one rung up, then higher.
    expect(trials.map(keyOf)).toEqual(["c0@1", "c1@1", "c0@1", "c0@1", "c1@3", "c1@9"]);
    expect(decisions).toEqual([undefined, "fresh", "repeat", "repeat", "progress", "progress"]);
  });

  it("keep the last trial of a budget for a top-level evaluation", async () => {
    const fidelity = { step: ordinal([1, 3, 9, 27, 81]) };
    const space = Space.parse({ x: float(0, 1) });
    const sampler = createScheduler("sh", { fidelity, seed: 5, budget: { trials: 20 } });
    const trials = await drive({ sampler, space, trials: 20, evaluate: (c, f) => ({ values: [(c.x as number) + 1 / (f!.step as number)] }) });
    // 81 planned at the first rung: without the endgame none of the 20 reaches step 81.
    expect(trials.filter((t) => t.fidelity?.step === 81)).toHaveLength(1);
    expect(trials[19].fidelity).toEqual({ step: 81 });
  });

  it("runs the best configuration at the top once one top-level evaluation's worth is spent below it", async () => {
    // Cost grows with the step; the top (81) costs 81, and the budget is 10 top-level evaluations.
    const fidelity = { step: ordinal([1, 3, 9, 27, 81]) };
    const space = Space.parse({ x: float(0, 1) });
    const sampler = createScheduler("sh", { fidelity, seed: 8, budget: { usd: 810 } });
    const decisions: unknown[] = [];
    const trials = await drive({
      sampler,
      space,
      trials: 90,
      evaluate: (c, f) => ({ values: [(c.x as number) + 1 / (f!.step as number)], cost: { usd: f!.step as number } }),
      onAsk: (_h, p) => decisions.push((p.userAttrs?.fidelity as { decision?: string } | undefined)?.decision),
    });
    const first = trials.findIndex((t) => t.fidelity?.step === 81);
    const spentBefore = trials.slice(0, first).reduce((sum, t) => sum + (t.cost.usd ?? 0), 0);
    // Successive halving alone would spend 81 + 27 x 3 + 9 x 9 + 3 x 27 = 324 before its first top-level run.
    expect(spentBefore).toBeGreaterThanOrEqual(81);
    expect(spentBefore).toBeLessThan(81 + 27);
    expect(decisions[first]).toBe("first-top");
  });

  it("resume in the middle of a bracket as if never stopped", async () => {
    const fidelity = { step: ordinal([0, 10, 30, 90]) };
    const evaluate = (c: Config, f: Config | null) => ({ values: [lossOf(c, f)] });
    const whole = await drive({ sampler: successiveHalvingSampler({ fidelity, seed: 6 }), space: small, trials: 12, evaluate });
    // Stop after 5 trials (inside the first bracket), then go on with a fresh scheduler.
    const first = whole.slice(0, 5);
    const sampler = successiveHalvingSampler({ fidelity, seed: 6 });
    const rest = await drive({ sampler, space: small, trials: 12, evaluate, start: first });
    expect(rest.map(keyOf)).toEqual(whole.map(keyOf));
    expect(whole.some((t) => t.fidelity?.step === 90)).toBe(true);
  });

  it("property: any space and any ladder, a run with a budget reaches the top", async () => {
    const spaceArb = fc.oneof(
      fc.integer({ min: 1, max: 6 }).map((n) => Space.parse({ k: categorical(Array.from({ length: n }, (_, i) => `c${i}`)) })),
      fc.constant(Space.parse({ x: float(0, 1), y: float(0, 1) })),
    );
    const ladderArb = fc
      .record({ levels: fc.integer({ min: 2, max: 30 }), free: fc.boolean(), growth: fc.double({ min: 1.05, max: 4, noNaN: true }) })
      .map(({ levels, free, growth }) => Array.from({ length: levels }, (_, i) => (free && i === 0 ? 0 : Number((growth ** i).toPrecision(6)) + i)));
    await fc.assert(
      fc.asyncProperty(spaceArb, ladderArb, fc.constantFrom(...schedulerNames()), fc.integer({ min: 2, max: 25 }), fc.boolean(), async (space, steps, name, budget, tiedBottom) => {
        const fidelity = { step: ordinal(steps) };
        const sampler = createScheduler(name, { fidelity, seed: budget, budget: { trials: budget } });
        const evaluate = (c: Config, f: Config | null) => {
          const step = f!.step as number;
          if (tiedBottom && step === steps[0]) return { values: [1] };
          return { values: [rngFor(0, JSON.stringify(c)).random() + 1 / (1 + step)] };
        };
        const trials = await drive({ sampler, space, trials: budget, evaluate });
        expect(trials.some((t) => t.fidelity?.step === steps.at(-1))).toBe(true);
      }),
      { numRuns: 40, seed: 16 },
    );
  });
});

describe("continuation in optimize() on a checkpoint ladder", () => {
  it("promotes by continuing runs and reaches the last checkpoint past a free, tied first one", async () => {
    const fidelity = { step: ordinal([0, 10, 30, 90]) };
    const sampler = createScheduler("asha", { fidelity, seed: 7 });
    const study = await createStudy({ name: "ladder", storage: "memory:", space: small.toJSON(), direction: "minimize", sampler });
    let trained = 0;
    const objective = async (trial: Trial) => {
      const from = trial.resumeFrom;
      const start = from ? (from.userAttrs.checkpoint as number) : 0;
      const step = trial.fidelity!.step as number;
      trained += step - start;
      await trial.setUserAttr("checkpoint", step);
      return { values: { value: lossOf(trial.config, trial.fidelity) } };
    };
    await study.optimize(objective, { budget: { trials: 12 } });
    const trials = study.trials;
    expect(trials.some((t) => t.fidelity!.step === 0)).toBe(false);
    expect(trials.some((t) => t.fidelity!.step === 90)).toBe(true);
    // Each configuration trained only up to its highest checkpoint, once.
    const highest = new Map<string, number>();
    for (const t of trials) highest.set(String(t.config.k), Math.max(highest.get(String(t.config.k)) ?? 0, t.fidelity!.step as number));
    expect(trained).toBe([...highest.values()].reduce((a, b) => a + b, 0));
  });
});

describe("mf reads the ladder", () => {
  it("drops a rung whose ranking disagrees with the next rung up and starts new configurations higher", async () => {
    const space = Space.parse({ x: float(0, 1) });
    const fidelity = { step: ordinal([1, 3, 9]) };
    // Six configurations at steps 1 and 3, ranked in opposite orders.
    const history: TrialRecord[] = [];
    for (let i = 0; i < 6; i++) {
      history.push(makeTrial({ number: history.length, config: { x: i / 10 }, fidelity: { step: 1 }, values: [i] }));
      history.push(makeTrial({ number: history.length, config: { x: i / 10 }, fidelity: { step: 3 }, values: [10 - i] }));
    }
    const sampler = createScheduler("mf", { fidelity, seed: 0 });
    const proposal = await askFor(sampler, space, history);
    expect(proposal.userAttrs?.fidelity).toMatchObject({ misleading: [0], skipped: [{ level: 0, reason: "excluded" }], rungs: [1, 2] });
    expect([{ step: 3 }, { step: 9 }]).toContainEqual(proposal.fidelity);
  });
});
