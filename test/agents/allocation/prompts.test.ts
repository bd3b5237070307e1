import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allocationOptimizer } from "../../../src/agents/allocation/index.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { drive, kindOf, lastUser, PATH, recordOf, reply, route } from "./agent-server.js";
import { alloc, BUDGET, candidate, MODEL_SIZES, quality, space } from "./synthetic-task.js";

const PRIORS = [
  "Stages prefer different models",
  "More samples help, then saturate",
  "a stronger earlier stage changes what later stages need",
];

describe("allocation agent: prompts", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it("shows the history, the experience and the three priors, and carries the experience from round to round", async () => {
    route(server, {
      experience: (_, count) => reply({ experience: `E${count + 1}: retrieve prefers large-30b; answer saturates near 4 samples.` }),
      propose: (_, count) =>
        reply({
          reasoning: `round ${count + 1}`,
          candidates:
            count === 0
              ? [candidate("large-30b", 4, "small-3b", 4), candidate("large-30b", 3, "small-3b", 8)]
              : [candidate("large-30b", 5, "small-3b", 5), candidate("large-30b", 2, "small-3b", 12)],
        }),
    });
    const sampler = allocationOptimizer({
      llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null },
      budget: BUDGET,
      modelSizes: MODEL_SIZES,
      batchSize: 2,
      task: "Synthetic retrieve-then-answer task for tests.",
    });
    const { trials } = await drive(sampler, space, 8, quality);
    const requests = server.requests(PATH);
    expect(requests.map(kindOf)).toEqual(["experience", "propose", "experience", "propose"]);

    const [experience1, propose1, experience2, propose2] = requests.map(lastUser);
    for (const prompt of [experience1, propose1, experience2, propose2]) {
      for (const prior of PRIORS) expect(prompt).toContain(prior);
      expect(prompt).toContain("Synthetic retrieve-then-answer task for tests.");
      expect(prompt).toContain("- retrieve: models small-3b (3B), large-30b (30B); samples integers 1..20");
      expect(prompt).toContain("quality (maximize)");
      expect(prompt).toContain("- retrieve on large-30b: +9 with 1 sample(s), +10 per further sample");
    }
    // The first experience is written from the initial trials, with no earlier experience.
    expect(experience1).toContain("(none yet: this is the first summary)");
    expect(experience1).toContain(`#1 retrieve=large-30b x3, answer=small-3b x1 | quality ${Number(quality(alloc("large-30b", 3, "small-3b", 1)).toPrecision(4))} | compute 31 of 60`);
    // The proposal sees the experience just written, the whole history and the batch size.
    expect(propose1).toContain("E1: retrieve prefers large-30b");
    expect(propose1).toContain("#3 retrieve=small-3b x1, answer=large-30b x3");
    expect(propose1).toContain("Propose 2 new candidate allocations");
    expect(requests[1].body.messages[0].role).toBe("system");
    // Round 2: the earlier experience is shown, the initial trials are "earlier", round 1's are "recent".
    const [earlier, recent] = experience2.split("### Recent trials");
    expect(earlier).toContain("### Experience so far\nE1: retrieve prefers large-30b");
    expect(earlier).toContain("#0 retrieve=small-3b x20");
    expect(earlier).not.toContain("#4 ");
    expect(recent).toContain("#4 retrieve=large-30b x4, answer=small-3b x4");
    expect(recent).toContain("#5 retrieve=large-30b x3, answer=small-3b x8");
    expect(propose2).toContain("E2: retrieve prefers large-30b");

    expect(trials.slice(4).map((trial) => trial.config)).toEqual([
      alloc("large-30b", 4, "small-3b", 4),
      alloc("large-30b", 3, "small-3b", 8),
      alloc("large-30b", 5, "small-3b", 5),
      alloc("large-30b", 2, "small-3b", 12),
    ]);
    const records = trials.map(recordOf);
    expect(records[4]).toMatchObject({
      round: 1,
      phase: "agent",
      candidateIndex: 0,
      experience: "E1: retrieve prefers large-30b; answer saturates near 4 samples.",
      reasoning: "round 1",
      templates: ["allocation/system.v1", "allocation/experience.v1", "allocation/propose.v1"],
      calls: 2,
      dropped: [],
    });
    expect(records[5]).toMatchObject({ round: 1, phase: "agent", candidateIndex: 1, dropped: [] });
    expect(records[5].experience).toBeUndefined();
    expect(records[6]).toMatchObject({ round: 2, candidateIndex: 0, experience: "E2: retrieve prefers large-30b; answer saturates near 4 samples." });
  });

  it("sends the model, temperature and token cap of the llm option", async () => {
    route(server, {
      experience: () => reply({ experience: "E" }),
      propose: () => reply({ candidates: [candidate("large-30b", 4, "small-3b", 4)] }),
    });
    const sampler = allocationOptimizer({
      llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null, temperature: 0.2 },
      budget: BUDGET,
      modelSizes: MODEL_SIZES,
      maxTokens: 900,
    });
    await drive(sampler, space, 5, quality);
    const body = server.requests(PATH)[0].body;
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.temperature).toBe(0.2);
    expect(JSON.stringify(body)).toContain("900");
  });
});
