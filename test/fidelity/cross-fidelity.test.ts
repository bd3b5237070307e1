import { describe, expect, it } from "vitest";
import { ashaSampler, fidelityCorrelation, mfSampler, spearman } from "../../src/fidelity/index.js";
import { Space, float, int } from "../../src/space/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";
import { askFor, drive } from "./drive.js";
import { hartmann6MfMisleading } from "../../src/bench/synthetic/index.js";

const space = Space.parse({ x: float(-10, 10) });
const fidelity = { epochs: int(1, 9) }; // levels 1, 3, 9

function trial(number: number, x: number, epochs: number, value: number): TrialRecord {
  return makeTrial({ number, config: { x }, fidelity: { epochs }, values: [value] });
}

/**
 * Six configurations seen at epochs 1 and 9 (values i and top(i)), then three new ones at
 * epochs 1 with the values given.
 */
function history(top: (i: number) => number, fresh: number[], extra: TrialRecord[] = []): TrialRecord[] {
  const out: TrialRecord[] = [];
  for (let i = 0; i < 6; i++) out.push(trial(out.length, i, 1, i), trial(out.length + 1, i, 9, top(i)));
  fresh.forEach((value, k) => out.push(trial(out.length, 100 + k, 1, value)));
  for (const t of extra) out.push({ ...t, number: out.length });
  return out;
}

describe("fidelityCorrelation", () => {
  it("measures rank agreement and fits a linear map per level", () => {
    const [low, middle] = fidelityCorrelation(history((i) => 2 * i + 1, []), fidelity);
    expect(low).toMatchObject({ level: 0, target: 2, pairs: 6, spearman: 1, slope: 2, intercept: 1, residualSd: 0 });
    expect(middle).toMatchObject({ level: 1, target: 2, pairs: 0, spearman: null, slope: null });
    expect(fidelityCorrelation(history((i) => -i, []), fidelity)[0].spearman).toBe(-1);
  });

  it("handles ties and small samples", () => {
    expect(spearman([1, 2], [1, 2])).toBeNull();
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9487, 4);
  });
});

describe("mf scheduler", () => {
  it("sends the best-predicted candidate of a trusted level straight to the top", async () => {
    const h = history((i) => i + 10, [-3, -2, 50]);
    const jump = await askFor(mfSampler({ fidelity }), space, h);
    expect(jump).toMatchObject({ config: { x: 100 }, fidelity: { epochs: 9 }, resumeFrom: 12, userAttrs: { fidelity: { decision: "extrapolate" } } });
    // ASHA, on the same history, goes one level up.
    expect(await askFor(ashaSampler({ fidelity }), space, h)).toEqual({ config: { x: 100 }, fidelity: { epochs: 3 }, resumeFrom: 12 });
  });

  it("falls back to plain promotion when low fidelity misleads", async () => {
    const h = history((i) => -i, [-3, -2, 50]);
    expect(await askFor(mfSampler({ fidelity }), space, h)).toEqual({ config: { x: 100 }, fidelity: { epochs: 3 }, resumeFrom: 12 });
  });

  it("waits for enough pairs before trusting a level", async () => {
    const h = history((i) => i + 10, [-3, -2, 50]);
    expect(await askFor(mfSampler({ fidelity, minPairs: 7 }), space, h)).toEqual({ config: { x: 100 }, fidelity: { epochs: 3 }, resumeFrom: 12 });
  });

  it("holds back candidates predicted unable to beat the best top-level result", async () => {
    // A configuration seen only at the top scores 0: the candidate's prediction (-3 + 10 = 7) cannot beat it.
    const h = history((i) => i + 10, [-3, -2, 50], [trial(0, 500, 9, 0)]);
    const proposal = await askFor(mfSampler({ fidelity }), space, h);
    expect(proposal.fidelity).toEqual({ epochs: 1 });
    expect(proposal.config.x).not.toBe(100);
    // With enough optimism it goes.
    const h2 = history((i) => i + 10, [-3, -2, 50], [trial(0, 500, 9, 0), trial(0, 6, 1, 7), trial(0, 6, 9, 16.1)]);
    expect((await askFor(mfSampler({ fidelity, optimism: 100 }), space, h2)).fidelity).toEqual({ epochs: 9 });
  });

  it("learns that a misleading low fidelity is untrusted on the synthetic problem", async () => {
    const problem = hartmann6MfMisleading;
    const history = await drive({
      sampler: mfSampler({ fidelity: problem.fidelity, seed: 1 }),
      space: problem.space,
      evaluate: (config, f, n) => problem.evaluate(config, f, n),
      trials: 300,
    });
    const lowest = fidelityCorrelation(history, problem.fidelity)[0];
    expect(lowest.pairs).toBeGreaterThanOrEqual(3);
    expect(lowest.spearman ?? 0).toBeLessThan(0.3);
  });

  it("checks its options", () => {
    expect(() => mfSampler({ fidelity, minCorrelation: 2 })).toThrow(/minCorrelation/);
    expect(() => mfSampler({ fidelity, minPairs: 1 })).toThrow(/minPairs/);
  });
});
