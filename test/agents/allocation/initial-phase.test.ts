import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allocationOptimizer, initialCandidates, readStages } from "../../../src/agents/allocation/index.js";
import { configOf } from "../../../src/agents/allocation/stage-layout.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { drive, recordOf } from "./agent-server.js";
import { alloc, BUDGET, compute, MODEL_SIZES, quality, space } from "./synthetic-task.js";

describe("allocation agent: initial phase", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  const agent = () => allocationOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, budget: BUDGET, modelSizes: MODEL_SIZES });

  it("tries every model of every stage at an equal stage budget, without calling the LLM", async () => {
    const { trials } = await drive(agent(), space, 4, quality);
    // Cheapest allocation: both stages small-3b x1 (compute 2). Stage budget: 2 + 60/2 = 32.
    // small-3b costs 1 per sample (20, the most allowed, fits); large-30b 10 per sample (3 fit).
    expect(trials.map((trial) => trial.config)).toEqual([
      alloc("small-3b", 20, "small-3b", 1),
      alloc("large-30b", 3, "small-3b", 1),
      alloc("small-3b", 1, "small-3b", 20),
      alloc("small-3b", 1, "large-30b", 3),
    ]);
    expect(server.received).toHaveLength(0);
    const records = trials.map(recordOf);
    expect(records.map((record) => [record.round, record.phase, record.candidateIndex])).toEqual([
      [0, "initial", 0],
      [0, "initial", 1],
      [0, "initial", 2],
      [0, "initial", 3],
    ]);
    expect(records[0].batch).toHaveLength(4);
    expect(records[0].experience).toBeNull();
    expect(records[1].batch).toBeUndefined();
    expect(records.map((record) => record.compute)).toEqual([21, 31, 21, 31]);
  });

  it("gives each model the most samples that fit the stage budget", () => {
    const candidates = initialCandidates(readStages(space), BUDGET, compute);
    // Stage order: the first two probe "retrieve", the last two "answer"; the other stage stays at small-3b x1.
    const probes = candidates.map((candidate, i) => ({ stage: i < 2 ? "retrieve" : "answer", candidate }));
    for (const { stage, candidate } of probes) {
      const other = stage === "retrieve" ? "answer" : "retrieve";
      expect(candidate[other]).toEqual({ model: "small-3b", samples: 1 });
      const config = (samples: number) => ({ ...configOf(candidate), [`${stage}.samples`]: samples });
      expect(compute(config(candidate[stage].samples))).toBeLessThanOrEqual(32);
      if (candidate[stage].samples < 20) expect(compute(config(candidate[stage].samples + 1))).toBeGreaterThan(32);
    }
    expect(probes.map(({ stage, candidate }) => `${stage}:${candidate[stage].model}`)).toEqual([
      "retrieve:small-3b",
      "retrieve:large-30b",
      "answer:small-3b",
      "answer:large-30b",
    ]);
  });

  it("raises the stage budget so the dearest model is tried, and drops what no budget allows", async () => {
    // Budget 12: share 6 + 2 = 8 < 11, so the stage budget is raised to 11 (large-30b x1), small-3b gets 10 samples.
    const tight = allocationOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, budget: 12, modelSizes: MODEL_SIZES });
    const { trials } = await drive(tight, space, 4, quality);
    expect(trials.map((trial) => trial.config)).toEqual([
      alloc("small-3b", 10, "small-3b", 1),
      alloc("large-30b", 1, "small-3b", 1),
      alloc("small-3b", 1, "small-3b", 10),
      alloc("small-3b", 1, "large-30b", 1),
    ]);
    // Budget 10: large-30b x1 plus the other stage's cheapest (11) never fits: dropped, recorded.
    const tiny = allocationOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, budget: 10, modelSizes: MODEL_SIZES });
    const first = await drive(tiny, space, 2, quality);
    const record = recordOf(first.trials[0]);
    expect(record.batch).toEqual([alloc("small-3b", 9, "small-3b", 1), alloc("small-3b", 1, "small-3b", 9)]);
    expect(record.dropped.map((drop: any) => drop.reason)).toEqual(["over_budget", "over_budget"]);
    expect(record.dropped[0].detail).toBe("planned compute 11 is over the budget of 10");
  });
});
