import { describe, expect, it } from "vitest";
import { allocationOptimizer } from "../../../src/agents/allocation/index.js";
import { twoWikiPipeline } from "../../../src/systems/multistage/index.js";
import { drive, recordOf } from "./agent-server.js";

const Q = (size: number) => `Qwen/Qwen2.5-${size}B-Instruct-AWQ`;
const L = (version: string, size: number) => `meta-llama/Llama-${version}-${size}B-Instruct`;

describe("allocation agent on the multi-stage pipeline's space and compute model", () => {
  it("reads the 2Wiki pipeline's stages and runs AgentTTS' initial phase in its compute units", async () => {
    const pipeline = twoWikiPipeline({ budget: 850 });
    const sampler = allocationOptimizer({
      llm: { model: "gpt-4o-mini", baseURL: "http://127.0.0.1:9/v1", apiKeyEnv: null },
      budget: pipeline.budget!,
      compute: (config) => pipeline.plannedCompute(config),
    });
    // Only the initial phase runs (no LLM): the objective's values do not matter here.
    const { trials } = await drive(sampler, pipeline.space, 6, () => 0.5);
    const summary = trials.map((trial) => [trial.config["retrieve.model"], trial.config["retrieve.samples"], trial.config["answer.model"], trial.config["answer.samples"]]);
    // Cheapest: retrieve 7B x1 (77.3 units) + answer 3B x1 (3). Retrieval's stage budget is
    // raised to 72B x1 (814 + 3 = 817); answering's is 80.3 + 850 / 2 = 505.3.
    expect(summary).toEqual([
      [Q(7), 100, L("3.2", 3), 1],
      [Q(32), 22, L("3.2", 3), 1],
      [Q(72), 1, L("3.2", 3), 1],
      [Q(7), 1, L("3.2", 3), 100],
      [Q(7), 1, L("3.1", 8), 100],
      [Q(7), 1, L("3.1", 70), 14],
    ]);
    for (const trial of trials) {
      expect(pipeline.withinBudget(trial.config)).toBe(true);
      expect(recordOf(trial).compute).toBeCloseTo(pipeline.plannedCompute(trial.config), 9);
    }
  });
});
