import { describe, expect, it } from "vitest";
import { medianPruner, successiveHalvingPruner, wilcoxonPruner, worseOneSidedP } from "../../src/fidelity/pruners/index.js";
import type { Config } from "../../src/space/index.js";
import type { TrialRecord } from "../../src/storage/spec.js";
import { makeTrial } from "../../src/testing/index.js";

const minimize = [{ name: "loss", direction: "minimize" as const }];
const maximize = [{ name: "accuracy", direction: "maximize" as const }];

function withSteps(number: number, intermediate: Record<number, number>, state: TrialRecord["state"] = "complete", fidelity: Config | null = null, value?: number): TrialRecord {
  const values = state === "complete" ? [value ?? Object.values(intermediate).at(-1) ?? 0] : null;
  return makeTrial({ number, config: { x: number }, intermediate, state, fidelity, values });
}

/** Five complete trials reporting values v at steps 0..4, v = 1..5 (step-independent). */
const finished = () => Array.from({ length: 5 }, (_, i) => withSteps(i, { 0: i + 1, 1: i + 1, 2: i + 1, 3: i + 1, 4: i + 1 }));

describe("median pruner", () => {
  it("prunes a trial whose best value is worse than the median at its step", () => {
    const pruner = medianPruner();
    const history = finished(); // median 3 at every step
    expect(pruner.shouldPrune(withSteps(5, { 0: 4, 1: 3.5 }, "running"), history, minimize)).toBe(true);
    expect(pruner.shouldPrune(withSteps(5, { 0: 2.5, 1: 3.5 }, "running"), history, minimize)).toBe(false); // best so far 2.5
    expect(pruner.shouldPrune(withSteps(5, { 0: 3 }, "running"), history, minimize)).toBe(false); // equal is not worse
    expect(pruner.shouldPrune(withSteps(5, {}, "running"), history, minimize)).toBe(false);
  });

  it("waits for startup trials and warm-up steps", () => {
    const bad = withSteps(5, { 0: 9, 1: 9 }, "running");
    expect(medianPruner().shouldPrune(bad, finished().slice(0, 4), minimize)).toBe(false);
    expect(medianPruner({ startupTrials: 4 }).shouldPrune(bad, finished().slice(0, 4), minimize)).toBe(true);
    expect(medianPruner({ warmupSteps: 2 }).shouldPrune(bad, finished(), minimize)).toBe(false);
    expect(medianPruner({ warmupSteps: 2 }).shouldPrune(withSteps(5, { 0: 9, 1: 9, 2: 9 }, "running"), finished(), minimize)).toBe(true);
    expect(medianPruner({ intervalSteps: 2 }).shouldPrune(bad, finished(), minimize)).toBe(false); // step 1 is off the interval
  });

  it("reads maximized objectives, compares one fidelity only, and ignores running trials", () => {
    const history = finished();
    expect(medianPruner().shouldPrune(withSteps(5, { 0: 4, 1: 3.5 }, "running"), history, maximize)).toBe(false);
    expect(medianPruner().shouldPrune(withSteps(5, { 0: 2, 1: 2 }, "running"), history, maximize)).toBe(true);
    const other = withSteps(5, { 0: 9, 1: 9 }, "running", { examples: 10 });
    expect(medianPruner().shouldPrune(other, history, minimize)).toBe(false);
    const running = Array.from({ length: 5 }, (_, i) => withSteps(i, { 0: 1, 1: 1 }, "running"));
    expect(medianPruner().shouldPrune(withSteps(5, { 0: 9, 1: 9 }, "running"), running, minimize)).toBe(false);
  });

  it("skips the trial's own stale copy and prunes NaN", () => {
    const history = [...finished(), withSteps(5, { 0: 0 }, "running")];
    expect(medianPruner().shouldPrune(withSteps(5, { 0: 0, 1: NaN }, "running"), history, minimize)).toBe(true);
    expect(() => medianPruner({ startupTrials: -1 })).toThrow(/startupTrials/);
  });
});

describe("successive-halving pruner", () => {
  // Rungs at steps 1, 3, 9 (minResource 1, eta 3).
  const others = [0.1, 0.2, 0.3, 0.4, 0.5].map((v, i) => withSteps(i, { 1: v, 2: v, 3: v }, "complete"));

  it("keeps a trial only in the top 1/eta of the trials that reached the rung", () => {
    const pruner = successiveHalvingPruner();
    // Six at rung 1 (step 1): top floor(6 / 3) = 2.
    expect(pruner.shouldPrune(withSteps(5, { 1: 0.15 }, "running"), others, minimize)).toBe(false);
    expect(pruner.shouldPrune(withSteps(5, { 1: 0.25 }, "running"), others, minimize)).toBe(true);
    expect(pruner.shouldPrune(withSteps(5, { 1: 0.45 }, "running"), others, maximize)).toBe(false);
    expect(pruner.shouldPrune(withSteps(5, { 1: 0.25 }, "running"), others, maximize)).toBe(true);
  });

  it("decides only when a report crosses a rung", () => {
    const pruner = successiveHalvingPruner();
    expect(pruner.shouldPrune(withSteps(5, { 0: 9 }, "running"), others, minimize)).toBe(false);
    // Passed rung 1 earlier; step 2 is between rungs.
    expect(pruner.shouldPrune(withSteps(5, { 1: 0.05, 2: 9 }, "running"), others, minimize)).toBe(false);
    // Step 3 crosses rung 2: 9 is worst of six.
    expect(pruner.shouldPrune(withSteps(5, { 1: 0.05, 2: 9, 3: 9 }, "running"), others, minimize)).toBe(true);
    // A jump from step 2 to 5 crosses rung 2 (step 3) too, read at step 5.
    expect(pruner.shouldPrune(withSteps(5, { 1: 0.05, 2: 9, 5: 0.01 }, "running"), others, minimize)).toBe(false);
  });

  it("with fewer than eta at a rung, keeps only the best", () => {
    const pruner = successiveHalvingPruner();
    const one = [withSteps(0, { 1: 0.5 }, "running")];
    expect(pruner.shouldPrune(withSteps(1, { 1: 0.6 }, "running"), one, minimize)).toBe(true);
    expect(pruner.shouldPrune(withSteps(1, { 1: 0.4 }, "running"), one, minimize)).toBe(false);
    expect(pruner.shouldPrune(withSteps(1, { 1: 0.4 }, "running"), [], minimize)).toBe(false);
  });

  it("places rungs by minResource, eta and minEarlyStoppingRate", () => {
    const pruner = successiveHalvingPruner({ minResource: 2, eta: 2, minEarlyStoppingRate: 1 }); // rungs 4, 8, 16
    const peers = [0.1, 0.2, 0.3].map((v, i) => withSteps(i, { 4: v }, "complete"));
    expect(pruner.shouldPrune(withSteps(3, { 2: 0.9 }, "running"), peers, minimize)).toBe(false);
    expect(pruner.shouldPrune(withSteps(3, { 2: 0.9, 4: 0.9 }, "running"), peers, minimize)).toBe(true);
    expect(pruner.shouldPrune(withSteps(3, { 2: 0.9, 4: 0.15 }, "running"), peers, minimize)).toBe(false);
  });
});

describe("wilcoxon pruner", () => {
  /** Per-example accuracies on examples 0..19 of the best trial: alternating 0.9 / 0.6 (mean 0.75). */
  const bestScores = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, i % 2 === 0 ? 0.9 : 0.6]));
  const best = withSteps(0, bestScores, "complete", { examples: 20 }, 0.75);
  const weaker = withSteps(1, bestScores, "complete", { examples: 20 }, 0.7);

  it("prunes a trial clearly worse than the best on the shared examples", () => {
    const worse = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i, bestScores[i] - 0.05 - 0.01 * i]));
    const trial = withSteps(2, worse, "running", { examples: 20 });
    expect(wilcoxonPruner().shouldPrune(trial, [best, weaker], maximize)).toBe(true);
    // Four examples: the smallest one-sided p is 1/16 = 0.0625.
    const few = withSteps(2, Object.fromEntries(Object.entries(worse).slice(0, 4)), "running", { examples: 20 });
    expect(wilcoxonPruner().shouldPrune(few, [best], maximize)).toBe(true);
    expect(wilcoxonPruner({ pThreshold: 0.05 }).shouldPrune(few, [best], maximize)).toBe(false);
    expect(wilcoxonPruner({ startupSteps: 5 }).shouldPrune(few, [best], maximize)).toBe(false);
  });

  it("keeps a trial that is as good, better, or whose mean already beats the best", () => {
    const same = withSteps(2, Object.fromEntries(Object.entries(bestScores).slice(0, 12)), "running", { examples: 20 });
    expect(wilcoxonPruner().shouldPrune(same, [best], maximize)).toBe(false);
    const better = withSteps(2, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i, bestScores[i] + 0.05])), "running");
    expect(wilcoxonPruner().shouldPrune(better, [best], maximize)).toBe(false);
    // Worse on every example, but the examples it saw are the easy ones (mean 0.85 >= 0.75): safety keeps it.
    const easy = withSteps(2, Object.fromEntries([0, 2, 4, 6, 8, 10, 12].map((i) => [i, 0.85])), "running");
    expect(wilcoxonPruner().shouldPrune(easy, [best], maximize)).toBe(false);
  });

  it("needs a complete best trial with per-example scores, and finite scores", () => {
    const trial = withSteps(2, { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 }, "running");
    expect(wilcoxonPruner().shouldPrune(trial, [], maximize)).toBe(false);
    expect(wilcoxonPruner().shouldPrune(trial, [withSteps(0, bestScores, "running")], maximize)).toBe(false);
    expect(wilcoxonPruner().shouldPrune(trial, [best], maximize)).toBe(true);
    expect(wilcoxonPruner().shouldPrune(withSteps(2, { 0: 0, 1: NaN }, "running"), [best], maximize)).toBe(false);
  });

  it("reads losses the other way round", () => {
    const lossBest = withSteps(0, { 0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6 }, "complete", null, 3.5);
    const higher = withSteps(1, { 0: 2, 1: 3.1, 2: 4.2, 3: 5.3, 4: 6.4, 5: 7.5 }, "running");
    expect(wilcoxonPruner().shouldPrune(higher, [lossBest], minimize)).toBe(true);
    expect(wilcoxonPruner().shouldPrune(higher, [lossBest], maximize)).toBe(false);
  });

  it("computes the one-sided p-value from the two-sided test", () => {
    const a = Array.from({ length: 10 }, (_, i) => i + 1.5);
    const b = Array.from({ length: 10 }, (_, i) => i + 1 - 0.01 * i);
    expect(worseOneSidedP(a, b)).toBeCloseTo(1 / 1024, 10);
    expect(worseOneSidedP(b, a)).toBeCloseTo(1 - 1 / 1024, 10);
    expect(worseOneSidedP([1, 2], [1, 2])).toBe(1);
  });
});
