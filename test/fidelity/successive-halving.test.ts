import { describe, expect, it } from "vitest";
import { successiveHalvingSampler } from "../../src/fidelity/index.js";
import { configKey } from "../../src/fidelity/config-key.js";
import { fidelityLevels } from "../../src/fidelity/levels.js";
import { rankTrials } from "../../src/fidelity/rank-trials.js";
import { rebuildBrackets } from "../../src/fidelity/synchronous-brackets.js";
import { successiveHalvingPlan } from "../../src/fidelity/bracket-plan.js";
import { Space, float, int, type Config } from "../../src/space/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { askFor, atFidelity, drive } from "./drive.js";

const space = Space.parse({ x: float(0, 1) });
const fidelity = { epochs: int(1, 27) };
const levels = fidelityLevels(fidelity);
const plan = successiveHalvingPlan(4, 3);
/** A value whose ranking changes with the fidelity, so each rung's top set is its own. */
const wavy = (config: Config, f: Config | null) => ({ values: [Math.sin(13 * (config.x as number) + (f!.epochs as number))] });
const keys = (trials: readonly TrialRecord[]) => new Set(trials.map((t) => configKey(t.config)));

/**
 * Checks every rung of every bracket holds only configurations from the top floor(n / eta)
 * of the rung below, and exactly those once it is full (a rung may be part-filled when the
 * run stopped mid-promotion). Returns the number of full rungs checked.
 */
function expectTopPromotions(history: readonly TrialRecord[], objectives = [{ name: "value", direction: "minimize" as const }]) {
  const brackets = rebuildBrackets(history, levels, () => plan);
  let checked = 0;
  for (const bracket of brackets) {
    for (let j = 1; j < bracket.rungs.length; j++) {
      const below = bracket.rungs[j - 1];
      expect(below.some((t) => t.state === "running") && bracket.rungs[j].length > 0).toBe(false);
      const top = keys(rankTrials(below, objectives).slice(0, plan.sizes[j]));
      for (const key of keys(bracket.rungs[j])) expect(top.has(key)).toBe(true);
      expect(bracket.rungs[j].length).toBeLessThanOrEqual(plan.sizes[j]);
      if (bracket.rungs[j].length === plan.sizes[j]) checked++;
    }
  }
  return checked;
}

describe("successive halving", () => {
  it("runs n configurations at the lowest level, then exactly the top 1/eta at each rung", async () => {
    const sampler = successiveHalvingSampler({ fidelity, eta: 3, seed: 1 });
    const history = await drive({ sampler, space, evaluate: wavy, trials: 41 });
    expect(history.slice(0, 27).every((t) => t.fidelity?.epochs === 1)).toBe(true);
    expect(history.slice(27, 36).every((t) => t.fidelity?.epochs === 3)).toBe(true);
    expect(history.slice(36, 39).every((t) => t.fidelity?.epochs === 9)).toBe(true);
    expect(history[39].fidelity).toEqual({ epochs: 27 });
    // Then a new bracket.
    expect(history[40].fidelity).toEqual({ epochs: 1 });
    expect(keys(history.slice(0, 27)).has(configKey(history[40].config))).toBe(false);
    // Promotions are the top by value, in rank order.
    const rung0 = rankTrials(history.slice(0, 27), [{ name: "value", direction: "minimize" }]);
    expect(history.slice(27, 36).map((t) => t.config)).toEqual(rung0.slice(0, 9).map((t) => t.config));
    expect(expectTopPromotions(history)).toBe(3);
  });

  it("keeps the synchronous rule with parallel workers and never promotes twice", async () => {
    const sampler = successiveHalvingSampler({ fidelity, eta: 3, seed: 2 });
    const history = await drive({ sampler, space, evaluate: wavy, trials: 200, workers: 6, seed: 3 });
    expect(expectTopPromotions(history)).toBeGreaterThanOrEqual(12);
    const seen = new Set(history.map((t) => `${configKey(t.config)}@${t.fidelity?.epochs}`));
    expect(seen.size).toBe(history.length);
  });

  it("waits for a rung to finish before promoting from it, starting a new bracket meanwhile", async () => {
    const sampler = successiveHalvingSampler({ fidelity, eta: 3, seed: 1 });
    const history = await drive({ sampler, space, evaluate: wavy, trials: 27 });
    history[26] = { ...history[26], state: "running", values: null };
    const next = await askFor(sampler, space, history);
    expect(next.fidelity).toEqual({ epochs: 1 });
    expect(keys(history).has(configKey(next.config))).toBe(false);
  });

  it("never promotes failed trials", async () => {
    const sampler = successiveHalvingSampler({ fidelity, eta: 3, seed: 4 });
    const evaluate = (config: Config, f: Config | null) => ((config.x as number) < 0.3 ? ("fail" as const) : { values: [(config.x as number) * (f!.epochs as number)] });
    const history = await drive({ sampler, space, evaluate, trials: 40 });
    const promoted = history.filter((t) => (t.fidelity!.epochs as number) > 1);
    expect(promoted.length).toBeGreaterThan(0);
    expect(promoted.every((t) => (t.config.x as number) >= 0.3)).toBe(true);
    // Rung 1 is the 9 smallest x among the complete ones.
    const complete = history.slice(0, 27).filter((t) => t.state === "complete");
    const expected = [...complete].sort((a, b) => (a.config.x as number) - (b.config.x as number)).slice(0, 9);
    expect(keys(atFidelity(history, "epochs", 3))).toEqual(keys(expected));
  });

  it("ranks several objectives by non-dominated sort and crowding", async () => {
    const objectives = [
      { name: "a", direction: "minimize" as const },
      { name: "b", direction: "minimize" as const },
    ];
    const sampler = successiveHalvingSampler({ fidelity, eta: 3, seed: 5 });
    // Points with x <= 0.5 form the front; every point with x > 0.5 is dominated.
    const evaluate = (config: Config) => {
      const x = config.x as number;
      return { values: [x, (1 - x) ** 2 + (x > 0.5 ? 1 : 0)] };
    };
    const history = await drive({ sampler, space, evaluate, trials: 36, objectives });
    const front = history.slice(0, 27).filter((t) => (t.config.x as number) <= 0.5);
    expect(front.length).toBeGreaterThan(9);
    const promoted = history.slice(27, 36);
    expect(promoted.every((t) => (t.config.x as number) <= 0.5)).toBe(true);
    const xs = front.map((t) => t.config.x as number);
    const promotedXs = promoted.map((t) => t.config.x as number);
    expect(promotedXs).toContain(Math.min(...xs));
    expect(promotedXs).toContain(Math.max(...xs));
  });

  it("is deterministic, and a fresh scheduler rebuilt from the history proposes the same", async () => {
    const snapshots: { history: TrialRecord[]; proposal: unknown }[] = [];
    const run = (record: boolean) =>
      drive({
        sampler: successiveHalvingSampler({ fidelity, eta: 3, seed: 9 }),
        space,
        evaluate: wavy,
        trials: 90,
        workers: 4,
        seed: 1,
        onAsk: record ? (history, proposal) => snapshots.push({ history: structuredClone([...history]), proposal }) : undefined,
      });
    const first = await run(true);
    expect(await run(false)).toEqual(first);
    for (const k of [0, 10, 27, 40, 63, 89]) {
      const fresh = successiveHalvingSampler({ fidelity, eta: 3, seed: 9 });
      expect(await askFor(fresh, space, snapshots[k].history)).toEqual(snapshots[k].proposal);
    }
    const other = await drive({ sampler: successiveHalvingSampler({ fidelity, eta: 3, seed: 10 }), space, evaluate: wavy, trials: 5 });
    expect(other[0].config).not.toEqual(first[0].config);
  });

  it("takes n configurations per bracket", async () => {
    const sampler = successiveHalvingSampler({ fidelity, eta: 3, n: 10, seed: 1 });
    const history = await drive({ sampler, space, evaluate: wavy, trials: 15 });
    expect(history.map((t) => t.fidelity!.epochs)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 9, 27]);
    expect(() => successiveHalvingSampler({ fidelity, n: 0 })).toThrow(/n/);
    expect(() => successiveHalvingSampler({ fidelity, eta: 1 })).toThrow(/eta/);
  });
});
