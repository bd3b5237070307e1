import { describe, expect, it } from "vitest";
import { heuristicPolicy, researchOptimizer, trajectory, type ResearchPolicy } from "../../../src/agents/research/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import { qmcSampler } from "../../../src/samplers/index.js";
import { makeTrial } from "../../../src/testing/index.js";
import { agreeingFidelity, agreeingSpace, evaluateAgreeing } from "./agreeing-problem.js";
import { drive } from "./drive.js";

function problemOf(make: () => unknown): string {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error("expected a ValidationError");
}

describe("research optimizer options", () => {
  it("names each bad option", () => {
    expect(problemOf(() => researchOptimizer({} as never))).toBe(
      "research optimizer: fidelity: expected a fidelity space, a list of levels or FidelityLevels (the research agent is multi-fidelity)",
    );
    expect(problemOf(() => researchOptimizer({ fidelity: agreeingFidelity, budgetShare: 2 }))).toBe("research optimizer: budgetShare: Too big: expected number to be <=1");
    // A sampler by name is made by createOptimizer (test/optimizers); the factory takes a Sampler.
    expect(problemOf(() => researchOptimizer({ fidelity: agreeingFidelity, inner: "qmc" as never }))).toBe("research optimizer: inner: expected a Sampler (an object with doAsk)");
    expect(problemOf(() => researchOptimizer({ fidelity: agreeingFidelity, policy: "smart" as never }))).toBe(
      'research optimizer: policy: expected "heuristic", "llm" or an object with name and decide(state)',
    );
    expect(problemOf(() => researchOptimizer({ fidelity: agreeingFidelity, eta: 3 } as never))).toBe(
      "research optimizer: eta: unknown option: expected one of fidelity, seed, policy, llm, inner, budgetShare, costName, stallLimit, budget, fidelityCost",
    );
    expect(problemOf(() => researchOptimizer({ fidelity: agreeingFidelity, policy: "llm" }))).toBe(
      'research optimizer: llm: the "llm" policy needs `llm`, e.g. { model: "gpt-4o-mini" }',
    );
    expect(problemOf(() => researchOptimizer({ fidelity: agreeingFidelity, llm: { model: "" } }))).toMatch(/^research\.llm\.model: /);
  });

  it("defaults to the heuristic policy without an LLM, and takes a policy object", async () => {
    const { trials } = await drive({ sampler: researchOptimizer({ fidelity: agreeingFidelity }), space: agreeingSpace, evaluate: evaluateAgreeing, trials: 2 });
    expect(trajectory(trials)[0].policy).toBe("heuristic");
    const calls: number[] = [];
    const custom: ResearchPolicy = {
      name: "custom",
      async decide(state) {
        calls.push(state.trialNumber);
        const decision = await heuristicPolicy().decide(state);
        return { ...decision, policy: "custom", plan: decision.plan.slice(0, 2) };
      },
    };
    const run = await drive({ sampler: researchOptimizer({ fidelity: agreeingFidelity, policy: custom, inner: qmcSampler({ seed: 0 }) }), space: agreeingSpace, evaluate: evaluateAgreeing, trials: 4 });
    expect(calls).toEqual([0, 2]);
    expect(trajectory(run.trials).map((s) => [s.policy, s.trials])).toEqual([
      ["custom", [0, 1]],
      ["custom", [2, 3]],
    ]);
  });

  it("reads a trajectory from stored trials, skipping trials without a record", async () => {
    const { trials } = await drive({ sampler: researchOptimizer({ fidelity: agreeingFidelity }), space: agreeingSpace, evaluate: evaluateAgreeing, trials: 3 });
    const enqueued = makeTrial({ number: 3, config: { x: 0.5, y: 0.5 }, values: [0.1] });
    const steps = trajectory([...trials, enqueued]);
    expect(steps).toHaveLength(1);
    expect(steps[0].trials).toEqual([0, 1, 2]);
    expect(steps[0].plan).toHaveLength(9);
  });
});
