import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allocationOptimizer } from "../../../src/agents/allocation/index.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { drive, kindOf, lastUser, PATH, recordOf, reply, route } from "./agent-server.js";
import { alloc, BUDGET, candidate, compute, MODEL_SIZES, quality, space } from "./synthetic-task.js";

describe("allocation agent: screening proposals", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  const agent = (options: { batchSize?: number; proposalAttempts?: number; seed?: number } = {}) =>
    allocationOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, budget: BUDGET, modelSizes: MODEL_SIZES, ...options });

  it("drops invalid, over-budget and repeated candidates before they run, and records why", async () => {
    route(server, {
      experience: () => reply({ experience: "E" }),
      propose: () =>
        reply({
          candidates: [
            candidate("large-30b", 6, "small-3b", 1), // 61 > 60
            candidate("huge-70b", 1, "small-3b", 1),
            candidate("small-3b", 0, "small-3b", 1),
            candidate("small-3b", 25, "small-3b", 1),
            candidate("small-3b", 2.5, "small-3b", 1),
            { retrieve: { model: "small-3b", samples: 2 } },
            { ...candidate("small-3b", 2, "small-3b", 2), rerank: { model: "small-3b", samples: 1 } },
            "retrieve=small-3b x2",
            candidate("small-3b", 20, "small-3b", 1), // trial #0
            candidate("large-30b", 4, "small-3b", 8), // runs
            candidate("large-30b", 4, "small-3b", 8), // repeats the one above
            candidate("large-30b", 5, "small-3b", 9), // 59: runs
            candidate("large-30b", 1, "small-3b", 1), // beyond batchSize 2
          ],
        }),
    });
    const { trials, evaluated } = await drive(agent({ batchSize: 2 }), space, 6, quality);
    expect(evaluated.slice(4)).toEqual([alloc("large-30b", 4, "small-3b", 8), alloc("large-30b", 5, "small-3b", 9)]);
    for (const config of evaluated) expect(compute(config)).toBeLessThanOrEqual(BUDGET);
    const record = recordOf(trials[4]);
    expect(record.batch).toEqual(evaluated.slice(4));
    expect(record.dropped.map((drop: any) => [drop.reason, drop.detail])).toEqual([
      ["over_budget", "planned compute 61 is over the budget of 60"],
      ["invalid", 'stage "retrieve": unknown model "huge-70b"; the models are small-3b, large-30b'],
      ["invalid", 'stage "retrieve": samples 0 not allowed (integers 1..20)'],
      ["invalid", 'stage "retrieve": samples 25 not allowed (integers 1..20)'],
      ["invalid", 'stage "retrieve": samples 2.5 not allowed (integers 1..20)'],
      ["invalid", 'stage "answer" is missing'],
      ["invalid", 'unknown stage "rerank"; the stages are retrieve, answer'],
      ["invalid", 'expected an object like {"<stage>": {"model": "...", "samples": 1}}'],
      ["duplicate", "the same allocation ran as trial #0"],
      ["duplicate", "the same allocation as candidate 9 of this batch"],
      ["beyond_batch", "more than 2 candidates"],
    ]);
    expect(record.dropped[0].allocation).toEqual(candidate("large-30b", 6, "small-3b", 1));
    expect(recordOf(trials[5]).dropped).toEqual([]);
    expect(recordOf(trials[4]).compute).toBe(compute(evaluated[4]));
  });

  it("tells the model why every candidate was dropped and asks again", async () => {
    route(server, {
      experience: () => reply({ experience: "E" }),
      propose: (_, count) =>
        count === 0
          ? reply({ candidates: [candidate("large-30b", 6, "large-30b", 1), candidate("large-30b", 1, "large-30b", 6)] })
          : reply({ candidates: [candidate("large-30b", 3, "small-3b", 10)] }),
    });
    const { trials } = await drive(agent(), space, 5, quality);
    const requests = server.requests(PATH);
    expect(requests.map(kindOf)).toEqual(["experience", "propose", "retry"]);
    const retry = requests[2].body.messages as { role: string; content: string }[];
    expect(retry.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(lastUser(requests[2])).toContain('- {"retrieve":{"model":"large-30b","samples":6},"answer":{"model":"large-30b","samples":1}}: over budget: planned compute 70 is over the budget of 60');
    expect(trials[4].config).toEqual(alloc("large-30b", 3, "small-3b", 10));
    const record = recordOf(trials[4]);
    expect(record.phase).toBe("agent");
    expect(record.templates).toEqual(["allocation/system.v1", "allocation/experience.v1", "allocation/propose.v1", "allocation/retry.v1"]);
    expect(record.dropped.map((drop: any) => drop.reason)).toEqual(["over_budget", "over_budget"]);
    expect(record.notes).toEqual(["propose-1: every candidate was dropped"]);
    expect(record.calls).toBe(3);
  });

  it("falls back to the best allocation with one stage's samples changed when every request gives nothing runnable", async () => {
    route(server, {
      experience: () => reply({ experience: "E" }),
      propose: () => reply({ candidates: [candidate("large-30b", 6, "large-30b", 6)] }),
    });
    const { trials } = await drive(agent({ batchSize: 3, proposalAttempts: 2 }), space, 7, quality);
    expect(server.requests(PATH).map(kindOf)).toEqual(["experience", "propose", "retry"]);
    const best = alloc("large-30b", 3, "small-3b", 1); // the best initial trial (#1)
    const record = recordOf(trials[4]);
    expect(record.phase).toBe("fallback");
    expect(record.notes).toEqual([
      "propose-1: every candidate was dropped",
      "propose-2: every candidate was dropped",
      "fallback: the best allocation so far with one stage's sample count changed",
    ]);
    expect(record.batch).toHaveLength(3);
    for (const config of trials.slice(4).map((trial) => trial.config)) {
      expect(compute(config)).toBeLessThanOrEqual(BUDGET);
      const changed = Object.keys(best).filter((key) => best[key] !== config[key]);
      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatch(/\.samples$/);
    }
    expect(recordOf(trials[5]).phase).toBe("fallback");
    expect(recordOf(trials[5]).round).toBe(1);
  });

  it("skips a queued candidate that ran meanwhile, and records the skip", async () => {
    route(server, {
      experience: () => reply({ experience: "E" }),
      propose: () => reply({ candidates: [candidate("large-30b", 4, "small-3b", 4), candidate("large-30b", 3, "small-3b", 8), candidate("large-30b", 2, "small-3b", 9)] }),
    });
    const sampler = agent({ batchSize: 3 });
    const first = await drive(sampler, space, 5, quality);
    // Another optimizer (or enqueue) ran the second candidate before this agent handed it out.
    const { makeTrial } = await import("../../../src/testing/index.js");
    const start = [...first.trials, makeTrial({ number: 5, config: alloc("large-30b", 3, "small-3b", 8), values: [0.5] })];
    const { trials } = await drive(sampler, space, 1, quality, start);
    expect(trials[6].config).toEqual(alloc("large-30b", 2, "small-3b", 9));
    expect(recordOf(trials[6])).toMatchObject({ round: 1, candidateIndex: 2 });
    expect(recordOf(trials[6]).dropped).toEqual([{ allocation: alloc("large-30b", 3, "small-3b", 8), reason: "duplicate", detail: "the same allocation ran as trial #5" }]);
  });
});
