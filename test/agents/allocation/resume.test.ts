import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allocationOptimizer } from "../../../src/agents/allocation/index.js";
import { rngFor } from "../../../src/math/index.js";
import { createStudy } from "../../../src/study/index.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { drive, kindOf, PATH, recordOf, reply, route } from "./agent-server.js";
import { alloc, BUDGET, candidate, MODEL_SIZES, quality, space } from "./synthetic-task.js";

/** A scripted model whose answers depend only on how often it was asked. */
function script(server: ScriptedServer): void {
  route(server, {
    experience: (_, count) => reply({ experience: `E${count + 1}` }),
    // Round 1 proposes three new allocations; later rounds only over-budget ones, so the fallback (seeded) runs.
    propose: (_, count) =>
      count === 0
        ? reply({ candidates: [candidate("large-30b", 4, "small-3b", 4), candidate("large-30b", 3, "small-3b", 8), candidate("large-30b", 2, "small-3b", 9)] })
        : reply({ candidates: [candidate("large-30b", 6, "large-30b", 6)] }),
  });
}

describe("allocation agent: determinism and resume", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  const agent = (seed = 0) =>
    allocationOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, budget: BUDGET, modelSizes: MODEL_SIZES, batchSize: 3, seed });

  it("gives the same trajectory for the same seed and the same replies", async () => {
    script(server);
    const first = await drive(agent(7), space, 13, quality);
    script(server);
    const second = await drive(agent(7), space, 13, quality);
    expect(second.trials.map((trial) => trial.config)).toEqual(first.trials.map((trial) => trial.config));
    expect(second.trials.map((trial) => trial.userAttrs)).toEqual(first.trials.map((trial) => trial.userAttrs));
    expect(second.proposals.map((proposal) => proposal.optimizerCost)).toEqual(first.proposals.map((proposal) => proposal.optimizerCost));
    // The run went through the initial phase, an agent round and fallback rounds.
    expect(first.trials.map((trial) => recordOf(trial).phase)).toEqual([
      ...Array(4).fill("initial"),
      ...Array(3).fill("agent"),
      ...Array(6).fill("fallback"),
    ]);
  });

  it("reads recorded rounds back from the trials instead of calling the LLM again", async () => {
    script(server);
    const first = await drive(agent(), space, 6, quality); // 4 initial + 2 of round 1's 3
    expect(server.requests(PATH)).toHaveLength(2);
    // A new process: a fresh optimizer over the stored trials (as JSON, like a storage gives them back).
    const stored = JSON.parse(JSON.stringify(first.trials));
    const resumed = await drive(agent(), space, 1, quality, stored);
    expect(server.requests(PATH)).toHaveLength(2);
    expect(resumed.trials[6].config).toEqual(candidateConfig(2));
    expect(recordOf(resumed.trials[6])).toMatchObject({ round: 1, candidateIndex: 2, phase: "agent" });
    expect(resumed.proposals[0].optimizerCost).toBeUndefined();
    // The next round is new: it is paid for once.
    const next = await drive(agent(), space, 1, quality, resumed.trials);
    expect(server.requests(PATH).map(kindOf).slice(2)).toEqual(["experience", "propose", "retry"]);
    expect(recordOf(next.trials[7])).toMatchObject({ round: 2, experience: "E2" });
    expect(next.proposals[0].optimizerCost?.usd).toBeGreaterThan(0);
  });

  it("does not pay twice when the same trial is asked again over the same history", async () => {
    script(server);
    const sampler = agent();
    const { trials } = await drive(sampler, space, 4, quality);
    const ctx = (trialNumber: number) => ({ space, objectives: [{ name: "quality", direction: "maximize" as const }], trials, trialNumber, rng: rngOf(sampler.seed, trialNumber) });
    const once = await sampler.doAsk(ctx(4));
    const again = await sampler.doAsk(ctx(4));
    expect(server.requests(PATH)).toHaveLength(2);
    expect(again.config).toEqual(once.config);
    expect(once.optimizerCost?.usd).toBeGreaterThan(0);
    expect(again.optimizerCost).toBeUndefined();
  });

  it("resumes a SQLite study without paying again for recorded rounds", async () => {
    script(server);
    const folder = mkdtempSync(join(tmpdir(), "knobs-allocation-"));
    try {
      const storage = `sqlite:${join(folder, "study.db")}`;
      const open = async () =>
        createStudy({ name: "tts", storage, space, objectives: [{ name: "quality", direction: "maximize" }], sampler: agent(), logger: () => {} });
      const study = await open();
      await study.optimize((trial) => quality(trial.config), { budget: { trials: 5 } });
      const paid = (await study.spend()).optimizer;
      await study.close();
      expect(server.requests(PATH)).toHaveLength(2);
      expect(paid.usd).toBeGreaterThan(0);

      const resumed = await open();
      await resumed.optimize((trial) => quality(trial.config), { budget: { trials: 7 } });
      expect(server.requests(PATH)).toHaveLength(2);
      expect((await resumed.spend()).optimizer).toEqual(paid);
      expect(resumed.trials.slice(4).map((trial) => trial.config)).toEqual([candidateConfig(0), candidateConfig(1), candidateConfig(2)]);
      expect(resumed.trials.slice(4).map((trial) => (trial.userAttrs.allocation as { candidateIndex: number }).candidateIndex)).toEqual([0, 1, 2]);
      await resumed.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

function rngOf(seed: number, trialNumber: number) {
  return rngFor(seed, "sampler", trialNumber);
}

/** Round 1's scripted candidates as configs. */
function candidateConfig(index: number) {
  return [alloc("large-30b", 4, "small-3b", 4), alloc("large-30b", 3, "small-3b", 8), alloc("large-30b", 2, "small-3b", 9)][index];
}
