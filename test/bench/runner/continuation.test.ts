import { describe, expect, it } from "vitest";
import { ContinuationLedger } from "../../../src/bench/runner/continuation-ledger.js";
import { simulateRun, type RunnableTask, type RunOptimizer } from "../../../src/bench/runner/index.js";
import { int, ordinal, Space, type Config } from "../../../src/space/index.js";

const space = Space.parse({ x: int(0, 9) });
const fidelities = [{ step: 10 }, { step: 20 }, { step: 40 }];

/** Levels on one run: the cost and time of a checkpoint count from the start (step x (x + 1)). */
function ladderTask(fidelityCost: "continue" | "independent"): RunnableTask {
  return {
    id: "test/ladder",
    space,
    objectives: [{ name: "loss", direction: "minimize" }],
    fidelitySpace: Space.parse({ step: ordinal([10, 20, 40]) }),
    fidelities,
    fidelityCost,
    evaluate: (config, fidelity) => {
      const step = (fidelity?.step as number | undefined) ?? 40;
      const x = config.x as number;
      return { values: [x / step], cost: { gpu: step * (x + 1), steps: step }, elapsedSeconds: step };
    },
  };
}

/** Asks for a fixed sequence of (x, step) trials. */
function scripted(plan: [number, number | null][]): RunOptimizer {
  return {
    async ask(_trials, n) {
      const [x, step] = plan[n];
      return { config: { x }, fidelity: step === null ? null : { step } };
    },
    async tell() {},
    async close() {},
  };
}

const PLAN: [number, number | null][] = [
  [1, 10], // new run: 10 steps, gpu 20
  [1, 40], // continued from step 10: 30 more steps, gpu 60
  [1, 20], // a checkpoint the run passed: free
  [1, 40], // a repeat of a paid level: free
  [2, 20], // another configuration: its own run, 20 steps, gpu 60
  [2, null], // null is the top level: 20 more steps
];

describe("continuation cost in the simulator", () => {
  it("charges a continued run the difference, a passed or repeated checkpoint nothing", async () => {
    const run = await simulateRun(ladderTask("continue"), scripted(PLAN), { seed: 0, budget: { trials: PLAN.length } });
    const byTrial = [...run.evaluations].sort((a, b) => a.trial - b.trial);
    expect(byTrial.map((e) => e.cost)).toEqual([
      { gpu: 20, steps: 10 },
      { gpu: 60, steps: 30 },
      { gpu: 0, steps: 0 },
      { gpu: 0, steps: 0 },
      { gpu: 60, steps: 20 },
      { gpu: 60, steps: 20 },
    ]);
    // Values are the recorded ones; time is charged like cost.
    expect(byTrial.map((e) => e.value)).toEqual([0.1, 1 / 40, 1 / 20, 1 / 40, 0.1, 2 / 40]);
    expect(run.simulatedSeconds).toBe(10 + 30 + 0 + 0 + 20 + 20);
    expect(byTrial.map((e) => e.final)).toEqual([false, true, false, true, false, true]);
  });

  it("charges every evaluation in full when the levels are independent runs", async () => {
    const run = await simulateRun(ladderTask("independent"), scripted(PLAN), { seed: 0, budget: { trials: PLAN.length } });
    const gpu = [...run.evaluations].sort((a, b) => a.trial - b.trial).map((e) => e.cost.gpu);
    expect(gpu).toEqual([20, 80, 40, 80, 60, 120]);
  });

  it("lets a cost budget run further when runs continue", async () => {
    const many: [number, number | null][] = Array.from({ length: 30 }, (_, i) => [i % 5, [10, 20, 40][Math.floor(i / 5) % 3]]);
    const budget = { gpu: 600 };
    const continued = await simulateRun(ladderTask("continue"), scripted(many), { seed: 0, budget });
    const independent = await simulateRun(ladderTask("independent"), scripted(many), { seed: 0, budget });
    expect(continued.evaluations.length).toBeGreaterThan(independent.evaluations.length);
  });

  it("keys runs by the configuration's values, not the object, and charges an unknown fidelity in full", () => {
    const ledger = new ContinuationLedger(true, fidelities);
    const outcome = (gpu: number) => ({ values: [0], cost: { gpu } });
    const config: Config = { x: 3, y: "a" };
    expect(ledger.charge(config, { step: 10 }, outcome(40)).cost).toEqual({ gpu: 40 });
    expect(ledger.charge({ y: "a", x: 3 }, { step: 20 }, outcome(80)).cost).toEqual({ gpu: 40 });
    expect(ledger.charge(config, { step: 30 }, outcome(120)).cost).toEqual({ gpu: 120 });
    expect(ledger.charge(config, { step: 40 }, outcome(160)).cost).toEqual({ gpu: 80 });
  });

  it("tells apart configurations that differ only inside a nested value (a simplex's weights)", () => {
    const ledger = new ContinuationLedger(true, fidelities);
    const outcome = (gpu: number) => ({ values: [0], cost: { gpu } });
    expect(ledger.charge({ mix: { web: 0.2, code: 0.8 } }, { step: 10 }, outcome(40)).cost).toEqual({ gpu: 40 });
    expect(ledger.charge({ mix: { web: 0.7, code: 0.3 } }, { step: 10 }, outcome(40)).cost).toEqual({ gpu: 40 });
    expect(ledger.charge({ mix: { web: 0.7, code: 0.3 } }, { step: 20 }, outcome(80)).cost).toEqual({ gpu: 40 });
  });
});
