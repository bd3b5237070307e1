import { describe, expect, it } from "vitest";
import { ashaSampler } from "../../src/fidelity/index.js";
import { configKey } from "../../src/fidelity/config-key.js";
import { fidelityLevels } from "../../src/fidelity/levels.js";
import { rankDistinct } from "../../src/fidelity/rank-trials.js";
import { Space, float, int, type Config } from "../../src/space/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";
import { askFor, drive } from "./drive.js";

const space = Space.parse({ x: float(0, 1) });
const fidelity = { epochs: int(1, 9) }; // levels 1, 3, 9
const objectives = [{ name: "value", direction: "minimize" as const }];

/** A complete (or other-state) trial of config {x} at `epochs`. */
function trial(number: number, x: number, epochs: number, value: number | null, state: TrialRecord["state"] = "complete"): TrialRecord {
  return makeTrial({ number, config: { x }, fidelity: { epochs }, values: value === null ? null : [value], state });
}

/** Nine complete trials at epochs 1, x = (i + 1) / 10, value = i. */
const rung0 = () => Array.from({ length: 9 }, (_, i) => trial(i, (i + 1) / 10, 1, i));

describe("asha", () => {
  it("promotes the best of the top 1/eta, else starts a new configuration at the lowest level", async () => {
    const sampler = ashaSampler({ fidelity, seed: 0 });
    expect(await askFor(sampler, space, rung0())).toEqual({ config: { x: 0.1 }, fidelity: { epochs: 3 }, resumeFrom: 0 });
    // Two complete trials: floor(2 / 3) = 0 candidates.
    const early = await askFor(sampler, space, rung0().slice(0, 2));
    expect(early.fidelity).toEqual({ epochs: 1 });
    expect(early.config.x).not.toBe(0.1);
  });

  it("counts running trials as promoted and moves down the top 1/eta", async () => {
    const sampler = ashaSampler({ fidelity, seed: 0 });
    const history = [...rung0(), trial(9, 0.1, 3, null, "running")];
    expect(await askFor(sampler, space, history)).toEqual({ config: { x: 0.2 }, fidelity: { epochs: 3 }, resumeFrom: 1 });
    history.push(trial(10, 0.2, 3, null, "running"), trial(11, 0.3, 3, null, "running"));
    // The top 3 are all started: a new configuration.
    expect((await askFor(sampler, space, history)).fidelity).toEqual({ epochs: 1 });
  });

  it("promotes from the highest rung first", async () => {
    const sampler = ashaSampler({ fidelity, seed: 0 });
    const history = [...rung0(), trial(9, 0.1, 3, 5), trial(10, 0.2, 3, 4), trial(11, 0.3, 3, 6)];
    expect(await askFor(sampler, space, history)).toEqual({ config: { x: 0.2 }, fidelity: { epochs: 9 }, resumeFrom: 10 });
  });

  it("never promotes failed or pruned trials", async () => {
    const sampler = ashaSampler({ fidelity, seed: 0 });
    const history = rung0();
    history[0] = { ...history[0], state: "failed", values: null };
    history[1] = { ...history[1], state: "pruned", values: null };
    // Seven complete: floor(7 / 3) = 2 candidates, the values 2 and 3.
    expect(await askFor(sampler, space, history)).toEqual({ config: { x: 0.3 }, fidelity: { epochs: 3 }, resumeFrom: 2 });
  });

  it("with parallel workers never promotes a configuration twice, and promotes only from the top 1/eta", async () => {
    const levels = fidelityLevels(fidelity);
    const evaluate = (config: Config, f: Config | null) => ({ values: [Math.sin(11 * (config.x as number)) + 0.3 * Math.cos(f!.epochs as number)] });
    const violations: string[] = [];
    const history = await drive({
      sampler: ashaSampler({ fidelity, seed: 5 }),
      space,
      evaluate,
      trials: 300,
      workers: 8,
      seed: 5,
      onAsk: (before, proposal) => {
        const level = levels.indexOf(proposal.fidelity ?? null);
        if (level === 0) return;
        const below = before.filter((t) => levels.indexOf(t.fidelity) === level - 1);
        const ranked = rankDistinct(below, objectives);
        const top = ranked.slice(0, Math.floor(ranked.length / 3)).map((t) => configKey(t.config));
        if (!top.includes(configKey(proposal.config))) violations.push(JSON.stringify(proposal));
      },
    });
    expect(violations).toEqual([]);
    const seen = new Set(history.map((t) => `${configKey(t.config)}@${t.fidelity?.epochs}`));
    expect(seen.size).toBe(history.length);
    expect(history.filter((t) => t.fidelity?.epochs === 9).length).toBeGreaterThan(5);
  });

  it("is deterministic and stateless", async () => {
    const snapshots: { history: TrialRecord[]; proposal: unknown }[] = [];
    const run = (record: boolean) =>
      drive({
        sampler: ashaSampler({ fidelity, seed: 6 }),
        space,
        evaluate: (config) => ({ values: [config.x as number] }),
        trials: 80,
        workers: 3,
        seed: 6,
        onAsk: record ? (history, proposal) => snapshots.push({ history: structuredClone([...history]), proposal }) : undefined,
      });
    const first = await run(true);
    expect(await run(false)).toEqual(first);
    for (const k of [3, 20, 55, 79]) expect(await askFor(ashaSampler({ fidelity, seed: 6 }), space, snapshots[k].history)).toEqual(snapshots[k].proposal);
  });

  it("ignores queued trials and trials at other fidelities", async () => {
    const sampler = ashaSampler({ fidelity, seed: 0 });
    const history = [...rung0(), makeTrial({ number: 9, config: { x: 0.1 }, fidelity: { epochs: 3 }, state: "queued" }), trial(10, 0.9, 5, 0)];
    expect(await askFor(sampler, space, history)).toEqual({ config: { x: 0.1 }, fidelity: { epochs: 3 }, resumeFrom: 0 });
  });
});
