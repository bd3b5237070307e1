import { describe, expect, it } from "vitest";
import { ashaSampler, CostModel, successiveHalvingSampler } from "../../src/fidelity/index.js";
import { configKey } from "../../src/fidelity/config-key.js";
import { fidelityLevels } from "../../src/fidelity/levels.js";
import { trialsByLevel } from "../../src/fidelity/trials-by-level.js";
import { Space, float, int, type Config } from "../../src/space/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";
import { askFor, drive } from "./drive.js";

const space = Space.parse({ x: float(0, 1) });
const fidelity = { epochs: int(1, 9) }; // levels 1, 3, 9: resource ratio 3
const levels = fidelityLevels(fidelity);

function trial(number: number, x: number, epochs: number, value: number | null, usd: number, state: TrialRecord["state"] = "complete"): TrialRecord {
  return makeTrial({ number, config: { x }, fidelity: { epochs }, values: value === null ? null : [value], state, cost: { usd } });
}

/** Nine complete trials at epochs 1 with value i; the three best cost 3 usd, the rest 1. */
const rung0 = () => Array.from({ length: 9 }, (_, i) => trial(i, (i + 1) / 10, 1, i, i < 3 ? 3 : 1));

describe("CostModel", () => {
  it("predicts from the configuration's own lower-level cost and the learnt ratio", () => {
    const history = [trial(0, 0.1, 1, 0, 2), trial(1, 0.2, 1, 1, 1), trial(2, 0.2, 3, 1, 5), trial(3, 0.3, 1, 1, 4)];
    const model = new CostModel(trialsByLevel(history, levels), levels, "usd");
    // One pair (x = 0.2): ratio 5; default ratio for 3 -> 9 is the resource ratio 3.
    expect(model.predict(configKey({ x: 0.1 }), 1)).toBe(10);
    expect(model.predict(configKey({ x: 0.1 }), 2)).toBe(30);
    expect(model.predict(configKey({ x: 0.2 }), 2)).toBe(15);
    // Unknown configuration: the mean cost seen at the level.
    expect(model.predict(configKey({ x: 0.9 }), 1)).toBe(5);
    expect(model.spent(trialsByLevel(history, levels)[0])).toBe(7);
  });

  it("caps a level's cost at the cost spent at the level below, always allowing the first promotion", () => {
    const history = rung0();
    const byLevel = trialsByLevel(history, levels);
    const model = new CostModel(byLevel, levels, "usd");
    expect(model.spent(byLevel[0])).toBe(15);
    expect(model.allows(configKey({ x: 0.1 }), 1, byLevel[0], [])).toBe(true);
    const running = [trial(9, 0.1, 3, null, 0, "running")];
    // 9 (running, predicted 3 * 3) + 9 > 15.
    expect(model.allows(configKey({ x: 0.2 }), 1, byLevel[0], running)).toBe(false);
    // A cheap one fits: 9 + 1 * 3 <= 15.
    expect(model.allows(configKey({ x: 0.4 }), 1, byLevel[0], running)).toBe(true);
  });
});

describe("cost-aware schedulers", () => {
  it("ASHA holds back promotions the level above cannot afford", async () => {
    const history = [...rung0(), trial(9, 0.1, 3, null, 0, "running")];
    const plain = await askFor(ashaSampler({ fidelity }), space, history);
    expect(plain).toEqual({ config: { x: 0.2 }, fidelity: { epochs: 3 }, resumeFrom: 1 });
    const costAware = await askFor(ashaSampler({ fidelity, costName: "usd" }), space, history);
    // x = 0.2 and 0.3 would cost 9 each on top of the running 9: over the 15 spent below.
    expect(costAware.fidelity).toEqual({ epochs: 1 });
  });

  it("ASHA with cost proportional to the resource keeps each level within 1/eta of the trials below", async () => {
    const evaluate = (config: Config, f: Config | null) => ({ values: [Math.sin(9 * (config.x as number))], cost: { usd: f!.epochs as number } });
    const over: string[] = [];
    const check = (before: readonly TrialRecord[], level: number) => {
      const at = before.filter((t) => levels.indexOf(t.fidelity) === level).length;
      const finishedBelow = before.filter((t) => levels.indexOf(t.fidelity) === level - 1 && t.state !== "running").length;
      return at === 0 || (at + 1) * 3 <= finishedBelow;
    };
    const run = (costName?: string) =>
      drive({
        sampler: ashaSampler({ fidelity, seed: 2, costName }),
        space,
        evaluate,
        trials: 150,
        workers: 4,
        seed: 2,
        onAsk: (before, proposal) => {
          const level = levels.indexOf(proposal.fidelity ?? null);
          if (level > 0 && !check(before, level)) over.push(`${costName}:${before.length}`);
        },
      });
    await run("usd");
    expect(over).toEqual([]);
    // Plain ASHA may go past it: a configuration promoted early stays promoted when later results push it out of the top 1/eta.
    await run();
    expect(over.some((entry) => entry.startsWith("undefined:"))).toBe(true);
  });

  it("successive halving closes a rung at the cost cap and moves on", async () => {
    const sh = successiveHalvingSampler({ fidelity, costName: "usd", seed: 0 }); // plan 9, 3, 1
    const history = rung0();
    expect(await askFor(sh, space, history)).toEqual({ config: { x: 0.1 }, fidelity: { epochs: 3 }, resumeFrom: 0 });
    history.push(trial(9, 0.1, 3, null, 0, "running"));
    // The next two (9 usd each) would pass the 15 usd spent at epochs 1: the rung is full; it waits, a new bracket starts.
    const next = await askFor(sh, space, history);
    expect(next.fidelity).toEqual({ epochs: 1 });
    history.push(trial(10, 0.05, 1, 100, 1, "running"));
    history[9] = trial(9, 0.1, 3, 0, 9);
    // Rung 1 (one trial) is complete: its best goes to the top level.
    expect(await askFor(sh, space, history)).toEqual({ config: { x: 0.1 }, fidelity: { epochs: 9 }, resumeFrom: 9 });
    // Without the cost, the rung takes the top 3.
    const plainHistory = [...rung0(), trial(9, 0.1, 3, null, 0, "running")];
    expect(await askFor(successiveHalvingSampler({ fidelity, seed: 0 }), space, plainHistory)).toEqual({ config: { x: 0.2 }, fidelity: { epochs: 3 }, resumeFrom: 1 });
  });
});
