import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allocationOptimizer } from "../../../src/agents/allocation/index.js";
import { createStudy } from "../../../src/study/index.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { PATH, reply, route } from "./agent-server.js";
import { alloc, BUDGET, candidate, compute, MODEL_SIZES, quality, space } from "./synthetic-task.js";

const USD_PER_CALL = (1000 * 0.15 + 200 * 0.6) / 1_000_000;

/** Allocations a scripted "model" proposes in turn: the large model for retrieval, more answer samples. */
const PLAN = [
  candidate("large-30b", 4, "small-3b", 4),
  candidate("large-30b", 3, "small-3b", 10),
  candidate("large-30b", 5, "small-3b", 6),
  candidate("large-30b", 4, "small-3b", 15),
  candidate("large-30b", 3, "small-3b", 20),
  candidate("large-30b", 5, "small-3b", 9),
  candidate("large-30b", 2, "small-3b", 20),
  candidate("large-30b", 4, "small-3b", 12),
];

describe("allocation agent: through the Study API", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  const study = (batchSize: number) =>
    createStudy({
      name: "tts",
      storage: "memory:",
      space,
      objectives: [{ name: "quality", direction: "maximize" }],
      sampler: allocationOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, budget: BUDGET, modelSizes: MODEL_SIZES, batchSize }),
      logger: () => {},
    });

  it("runs study.optimize with concurrency, never over the compute budget, with its LLM spend in the ledger", async () => {
    route(server, {
      experience: (_, count) => reply({ experience: `E${count + 1}: large-30b for retrieve, small-3b for answer.` }),
      propose: (_, count) => reply({ candidates: PLAN.slice(count * 2, count * 2 + 2) }),
    });
    const tts = await study(2);
    const summary = await tts.optimize((trial) => quality(trial.config), { concurrency: 2, budget: { trials: 12 } });
    expect(summary).toMatchObject({ complete: 12, failed: 0, stopReason: "trial budget reached (12)" });
    for (const trial of tts.trials) {
      expect(compute(trial.config)).toBeLessThanOrEqual(BUDGET);
      expect(trial.userAttrs.allocation).toBeDefined();
    }
    const keys = tts.trials.map((trial) => JSON.stringify(trial.config));
    expect(new Set(keys).size).toBe(keys.length);
    const calls = server.requests(PATH).length;
    expect(calls).toBeGreaterThan(0);
    const spend = await tts.spend();
    expect(spend.optimizer.usd).toBeCloseTo(calls * USD_PER_CALL, 12);
    expect(spend.trials.usd ?? 0).toBe(0);
    // The agent's proposals beat the best initial (equal-budget) allocation on this synthetic task.
    const initialBest = Math.max(...tts.trials.slice(0, 4).map((trial) => trial.values![0]));
    expect(tts.bestTrial().values![0]).toBeGreaterThan(initialBest);
    expect(tts.bestTrial().config).not.toEqual(alloc("large-30b", 3, "small-3b", 1));
    await tts.close();
  });

  it("stops when the optimizer's own usd spend reaches the study's usd budget", async () => {
    route(server, {
      experience: (_, count) => reply({ experience: `E${count + 1}` }),
      propose: (_, count) => reply({ candidates: PLAN.slice(count, count + 1) }),
    });
    const tts = await study(1);
    const summary = await tts.optimize((trial) => quality(trial.config), { budget: { trials: 100, usd: 4.5 * USD_PER_CALL } });
    // Rounds of two calls each: after the third round's proposal (6 calls) the spend is over the cap.
    expect(summary.stopReason).toMatch(/^usd budget reached/);
    expect(server.requests(PATH)).toHaveLength(6);
    expect(tts.trials).toHaveLength(4 + 3);
    expect((await tts.spend()).optimizer.usd).toBeCloseTo(6 * USD_PER_CALL, 12);
    await tts.close();
  });
});
