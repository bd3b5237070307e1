import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allocationOptimizer } from "../../../src/agents/allocation/index.js";
import { chatCompletion, ScriptedServer } from "../../llm/scripted-server.js";
import { drive, kindOf, PATH, recordOf, reply, route } from "./agent-server.js";
import { alloc, BUDGET, candidate, compute, MODEL_SIZES, quality, space } from "./synthetic-task.js";

/** gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens. */
const USD_PER_CALL = (1000 * 0.15 + 200 * 0.6) / 1_000_000;

describe("allocation agent: bad replies and costs", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  const agent = (options: { replyAttempts?: number } = {}) =>
    allocationOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, budget: BUDGET, modelSizes: MODEL_SIZES, batchSize: 2, ...options });

  it("retries malformed JSON and a refusal, and charges every attempt in usd to the round's first proposal", async () => {
    route(server, {
      experience: (_, count) => (count === 0 ? reply("Sure! Here are my thoughts: retrieval matters most.") : reply({ experience: "E1" })),
      propose: (_, count) =>
        count === 0
          ? { body: chatCompletion({ content: null, refusal: "I can't help with that.", usage: { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 } }) }
          : count === 1
            ? reply('{"candidates": [{"retrieve": {"model": "large-30b", "samples": 4},')
            : reply("```json\n" + JSON.stringify({ candidates: [candidate("large-30b", 4, "small-3b", 4), candidate("large-30b", 2, "small-3b", 6)] }) + "\n```"),
    });
    const { trials, proposals } = await drive(agent(), space, 6, quality);
    expect(server.requests(PATH).map(kindOf)).toEqual(["experience", "experience", "propose", "propose", "propose"]);
    const retried = server.requests(PATH)[1].body.messages as { content: string }[];
    expect(retried[retried.length - 1].content).toContain("Your answer could not be used: the reply holds no JSON object");
    expect(trials[4].config).toEqual(alloc("large-30b", 4, "small-3b", 4));
    expect(recordOf(trials[4])).toMatchObject({ phase: "agent", experience: "E1", calls: 5 });

    expect(proposals.slice(0, 4).every((proposal) => proposal.optimizerCost === undefined)).toBe(true);
    const cost = proposals[4].optimizerCost!;
    expect(cost.usd).toBeCloseTo(5 * USD_PER_CALL, 12);
    expect(cost.input_tokens).toBe(5000);
    expect(cost.output_tokens).toBe(1000);
    expect(recordOf(trials[4]).cost).toEqual(cost);
    expect(proposals[5].optimizerCost).toBeUndefined();
  });

  it("keeps the previous experience and falls back, still charging, when the replies stay unusable", async () => {
    route(server, {
      experience: () => reply("no JSON here"),
      propose: () => reply("[1, 2"),
    });
    const { trials, proposals } = await drive(agent({ replyAttempts: 2 }), space, 5, quality);
    // Two attempts per request; an unusable proposal reply is not asked again (AgentReplyError), it falls back.
    expect(server.requests(PATH).map(kindOf)).toEqual(["experience", "experience", "propose", "propose"]);
    const record = recordOf(trials[4]);
    expect(record.phase).toBe("fallback");
    expect(record.experience).toBeNull();
    expect(record.notes[0]).toMatch(/^experience: allocation: the model gave no usable answer in 2 attempts: the reply holds no JSON object; /);
    expect(record.notes[1]).toMatch(/^propose-1: allocation: the model gave no usable answer in 2 attempts: the JSON does not parse/);
    expect(record.notes[2]).toBe("fallback: the best allocation so far with one stage's sample count changed");
    expect(compute(trials[4].config)).toBeLessThanOrEqual(BUDGET);
    expect(proposals[4].optimizerCost!.usd).toBeCloseTo(4 * USD_PER_CALL, 12);
  });

  it("does not call the LLM when no trial has a score yet", async () => {
    const { trials } = await drive(agent(), space, 6, () => null);
    expect(server.received).toHaveLength(0);
    expect(recordOf(trials[4])).toMatchObject({ round: 1, phase: "fallback", calls: 0, templates: [] });
    expect(recordOf(trials[4]).notes).toEqual(["no finished trial with a score yet: no LLM call", "fallback: random allocations within the budget"]);
    for (const trial of trials) expect(compute(trial.config)).toBeLessThanOrEqual(BUDGET);
  });

  it("lets a transport error (a rejected key) surface instead of hiding it behind fallbacks", async () => {
    server.respond(PATH, () => ({ status: 401, body: { error: { message: "invalid api key" } } }));
    const sampler = agent();
    const { trials } = await drive(sampler, space, 4, quality);
    await expect(drive(sampler, space, 1, quality, trials)).rejects.toThrow(/401/);
  });
});
