import { describe, expect, it } from "vitest";
import { samplerOptimizer, simulateRun, type RunnableTask } from "../../../src/bench/runner/index.js";
import type { Sampler } from "../../../src/samplers/index.js";
import { Space } from "../../../src/space/index.js";

/** A sampler that pays for each proposal, as an LLM-guided optimizer does. */
const paying: Sampler = { name: "paying", seed: 0, doAsk: (ctx) => ({ config: { x: ctx.rng.random() }, optimizerCost: { usd: 0.25, input_tokens: 100 } }) };

const task: RunnableTask = {
  id: "test/priced",
  space: Space.parse({ x: { type: "float", low: 0, high: 1 } }),
  objectives: [{ name: "value", direction: "minimize" }],
  evaluate: (config) => ({ values: [config.x as number], cost: { usd: 0.5 } }),
};

describe("the bench simulator and an optimizer's own spend", () => {
  it("records it apart from the evaluations and counts it against a cost budget", async () => {
    const run = await simulateRun(task, samplerOptimizer(paying, task.space, task.objectives), { seed: 0, budget: { usd: 3 } });
    // Each trial costs 0.5 to evaluate and 0.25 to propose: the cap of 3 leaves room for 4.
    expect(run.evaluations).toHaveLength(4);
    expect(run.optimizerCost).toEqual({ usd: 1, input_tokens: 400 });
    expect(run.evaluations.reduce((sum, e) => sum + (e.cost.usd ?? 0), 0)).toBe(2);
    expect(run.stopReason).toMatch(/usd budget reached/);
  });
});
