import { describe, expect, it } from "vitest";
import { allocationOptimizer, sizeProportionalCompute } from "../../../src/agents/allocation/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import { rngFor } from "../../../src/math/index.js";
import { categorical, float, int, Space } from "../../../src/space/index.js";
import { OBJECTIVES } from "./agent-server.js";
import { alloc, MODEL_SIZES } from "./synthetic-task.js";

const llm = { model: "gpt-4o-mini", baseURL: "http://127.0.0.1:9/v1", apiKeyEnv: null };

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error("expected a ValidationError");
}

describe("allocation agent: options", () => {
  it("names the bad option", () => {
    expect(messageOf(() => allocationOptimizer({ llm, budget: -1, modelSizes: MODEL_SIZES }))).toBe("allocation optimizer: budget: Too small: expected number to be >0");
    expect(messageOf(() => allocationOptimizer({ llm, budget: 10, modelSizes: MODEL_SIZES, batchSize: 0 }))).toBe("allocation optimizer: batchSize: Too small: expected number to be >=1");
    expect(messageOf(() => allocationOptimizer({ llm, budget: 10 }))).toBe(
      "allocation optimizer: compute: expected a function (config) => planned compute, or `modelSizes` for the default (samples x size / 3 per stage)",
    );
    expect(messageOf(() => allocationOptimizer({ llm, budget: 10, modelSizes: MODEL_SIZES, batch: 3 } as never))).toBe(
      'allocation optimizer: batch: unknown option: expected one of llm, budget, compute, modelSizes, batchSize, seed, task, proposalAttempts, replyAttempts, historyLimit, maxTokens',
    );
    expect(messageOf(() => allocationOptimizer({ budget: 10, modelSizes: MODEL_SIZES } as never))).toMatch(/^allocation\.llm: expected an object like/);
  });

  it("refuses a space that does not follow the multi-stage convention, naming the parameter", async () => {
    const sampler = allocationOptimizer({ llm, budget: 10, modelSizes: MODEL_SIZES });
    const ask = (space: Space) => sampler.doAsk({ space, objectives: OBJECTIVES, trials: [], trialNumber: 0, rng: rngFor(0, 0) });
    const extra = Space.parse({ "a.model": categorical(["small-3b"]), "a.samples": int(1, 4), temperature: float(0, 1) });
    await expect(ask(extra)).rejects.toThrow('allocation optimizer space: temperature: expected only "<stage>.model" and "<stage>.samples" parameters');
    const unpaired = Space.parse({ "a.model": categorical(["small-3b"]) });
    await expect(ask(unpaired)).rejects.toThrow('a.model: expected a matching "a.samples" parameter');
    const unsized = Space.parse({ "a.model": categorical(["small-3b", "mystery"]), "a.samples": int(1, 4) });
    await expect(ask(unsized)).rejects.toThrow('allocation optimizer: modelSizes.mystery: no size for model "mystery" of stage "a"');
  });

  it("prices an allocation by samples x size / 3 by default", () => {
    expect(sizeProportionalCompute(MODEL_SIZES)(alloc("large-30b", 2, "small-3b", 5))).toBe(25);
  });

  it("takes a compute model instead of sizes", async () => {
    const space = Space.parse({ "a.model": categorical(["x", "y"]), "a.samples": int(1, 8) });
    const sampler = allocationOptimizer({ llm, budget: 8, compute: (config) => (config["a.samples"] as number) * (config["a.model"] === "x" ? 1 : 4) });
    const proposal = await sampler.doAsk({ space, objectives: OBJECTIVES, trials: [], trialNumber: 0, rng: rngFor(0, 0) });
    // Stage budget: cheapest (x x1 = 1) + 8 / 1 stage, capped at 8: x gets 8 samples, y 2.
    expect((proposal.userAttrs!.allocation as { batch: unknown }).batch).toEqual([
      { "a.model": "x", "a.samples": 8 },
      { "a.model": "y", "a.samples": 2 },
    ]);
  });
});
