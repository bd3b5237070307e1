import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors/index.js";
import { LlmApiError } from "../../../src/llm/index.js";
import { loadTwoWiki, MultiStagePipeline, twoWikiPipeline, type CandidateModel } from "../../../src/systems/multistage/index.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { MINI_2WIKI, providerFor, reply, userPrompt } from "./helpers.js";

const [glass] = loadTwoWiki(MINI_2WIKI, { verify: false }).questions;
const RET: CandidateModel = { name: "ret-7b", paramsBillions: 7, price: { input: 1, cachedInput: 0.5, output: 2 } };
const ANS: CandidateModel = { name: "ans-3b", paramsBillions: 3, price: { input: 0.5, cachedInput: 0.5, output: 1 } };
const config = (retrieveSamples: number, answerSamples: number) => ({
  "retrieve.model": "ret-7b",
  "retrieve.samples": retrieveSamples,
  "answer.model": "ans-3b",
  "answer.samples": answerSamples,
});

let server: ScriptedServer;
beforeEach(async () => {
  server = await ScriptedServer.start();
});
afterEach(async () => {
  await server.stop();
});

function run(pipeline: MultiStagePipeline<typeof glass>, retrieveSamples: number, answerSamples: number, extra: { servedModel?: (name: string) => string } = {}) {
  return pipeline.run([glass], config(retrieveSamples, answerSamples), {
    provider: providerFor(server),
    concurrency: 1,
    sampleConcurrency: 1,
    seed: 7,
    itemKey: () => "mini/q0",
    ...extra,
  });
}

describe("MultiStagePipeline over HTTP", () => {
  const pipeline = twoWikiPipeline({ retrieveModels: [RET], answerModels: [ANS], budget: null });

  it("runs retrieve then answer, merges samples by majority vote, and accounts compute, usd and tokens", async () => {
    server.script(
      "/chat/completions",
      reply("[2, 4]", { prompt_tokens: 1000, completion_tokens: 10 }),
      reply("[4, 2]", { prompt_tokens: 1000, completion_tokens: 12 }),
      reply("[1]", { prompt_tokens: 1000, completion_tokens: 8 }),
      reply("Wilhelmina Strand", { prompt_tokens: 200, completion_tokens: 4 }),
      reply("Per Holm", { prompt_tokens: 200, completion_tokens: 3 }),
      reply("wilhelmina strand.", { prompt_tokens: 200, completion_tokens: 5 }),
    );
    const result = await run(pipeline, 3, 3);
    const [item] = result.items;
    expect(item.failedStage).toBeNull();
    // {2,4} twice beats {1}; the kept selection is the first sample's, in its order.
    expect(item.outputs.retrieve).toEqual([1, 3]);
    expect(item.stages[0].chosen).toBe(0);
    expect(item.outputs.answer).toBe("Wilhelmina Strand");

    const requests = server.requests("/chat/completions").map((request) => request.body);
    expect(requests.map((body) => [body.model, body.temperature, body.max_tokens])).toEqual([
      ...Array(3).fill(["ret-7b", 0.7, 128]),
      ...Array(3).fill(["ans-3b", 0.7, 64]),
    ]);
    expect(new Set(requests.map((body) => body.seed)).size).toBe(6);
    expect(userPrompt(server, 0)).toContain("[4] Oskar Strand is a film director");
    // The answer prompt shows the chosen passages, renumbered in selection order.
    expect(userPrompt(server, 3)).toMatch(/^Passages:\n\[1\] The Glass Orchard is a 1987 drama film.*\n\[2\] Oskar Strand is a film director/);

    // Compute: (7/3) (1000 + 30) / 64 - 2 for retrieval, (200 + 12) / 64 - 2 for the answer.
    const compute = (7 / 3) * (1030 / 64) - 2 + (212 / 64 - 2);
    expect(result.compute).toBeCloseTo(compute, 12);
    expect(result.items[0].stages.map((stage) => stage.compute)).toEqual([expect.closeTo((7 / 3) * (1030 / 64) - 2, 12), expect.closeTo(212 / 64 - 2, 12)]);
    // usd at the models' own prices ($/1M): 3000 x 1 + 30 x 2, then 600 x 0.5 + 12 x 1.
    expect(result.cost.usd).toBeCloseTo((3000 + 60 + 300 + 12) / 1e6, 15);
    expect(result.ledger).toEqual({
      flops: expect.closeTo(compute, 12),
      usd: expect.closeTo(3372 / 1e6, 15),
      input_tokens: 3600,
      cached_input_tokens: 0,
      output_tokens: 42,
      reasoning_tokens: 0,
      llm_calls: 6,
    });
    expect(result.calls).toBe(6);
    expect(result.failedSamples).toBe(0);
    expect(result.plannedCompute).toBeCloseTo((7 / 3) * ((2048 + 3 * 128) / 64) - 2 + ((256 + 3 * 64) / 64 - 2), 12);
  });

  it("merges retrieval samples by best-of-N on question-term coverage when asked", async () => {
    const bestOf = twoWikiPipeline({ retrieveModels: [RET], answerModels: [ANS], budget: null, retrieveAggregation: "best-of-n" });
    server.script("/chat/completions", reply("[1]"), reply("[2, 4]"), reply("[2]"), reply("Wilhelmina Strand"));
    const result = await run(bestOf, 3, 1);
    expect(result.items[0].stages[0].chosen).toBe(1);
    expect(result.items[0].outputs.retrieve).toEqual([1, 3]);
  });

  it("fails a malformed reply alone, still paying for its tokens", async () => {
    server.script("/chat/completions", reply("Passage two looks right."), reply("[2, 4]"), reply("[99]"), reply("Wilhelmina Strand"));
    const result = await run(pipeline, 3, 1);
    const samples = result.items[0].stages[0].samples;
    expect(samples.map((sample) => sample.error?.code ?? "ok")).toEqual(["sample_parse_error", "ok", "sample_parse_error"]);
    expect(samples[2].error?.message).toBe('malformed reply: expected passage numbers between 1 and 6, received "[99]"');
    expect(result.items[0].outputs.retrieve).toEqual([1, 3]);
    expect(result.items[0].stages[0].chosen).toBe(1);
    expect(result.failedSamples).toBe(2);
    expect(result.ledger.input_tokens).toBe(400);
  });

  it("fails a sample on an unreadable body or a rejected request, and goes on", async () => {
    server.script(
      "/chat/completions",
      { body: "<html>bad gateway</html>" },
      { status: 400, body: { error: { message: "This model's maximum context length is 4096 tokens" } } },
      reply("[2, 4]"),
      reply("Wilhelmina Strand"),
    );
    const result = await run(pipeline, 3, 1);
    const samples = result.items[0].stages[0].samples;
    expect(samples[0].error?.code).toBe("llm_bad_response");
    expect(samples[1].error).toMatchObject({ code: "llm_api_error", message: expect.stringContaining("HTTP 400: This model's maximum context length") });
    expect(samples[1].usage).toMatchObject({ inputTokens: 0, outputTokens: 0 });
    expect(result.items[0].outputs.answer).toBe("Wilhelmina Strand");
  });

  it("stops an item at a stage whose samples all failed, without calling the next stage", async () => {
    server.script("/chat/completions", reply("none of them"), reply(""));
    const result = await run(pipeline, 2, 1);
    expect(result.items[0].failedStage).toBe("retrieve");
    expect(result.items[0].stages).toHaveLength(1);
    expect(result.items[0].outputs).toEqual({});
    expect(server.requests("/chat/completions")).toHaveLength(2);
  });

  it("throws a setup error instead of scoring it", async () => {
    server.script("/chat/completions", { status: 401, body: { error: { message: "Incorrect API key provided" } } });
    await expect(run(pipeline, 1, 1)).rejects.toThrow(LlmApiError);
  });

  it("leaves usd out for a model without a price, and requests the served name", async () => {
    const unpriced = twoWikiPipeline({ budget: null });
    server.script("/chat/completions", reply("[2, 4]", undefined, "qwen2.5:7b"), reply("Wilhelmina Strand", undefined, "llama3.2:3b"));
    const served = (name: string) => (name.startsWith("Qwen") ? "qwen2.5:7b" : "llama3.2:3b");
    const result = await unpriced.run([glass], { "retrieve.model": "Qwen/Qwen2.5-7B-Instruct-AWQ", "retrieve.samples": 1, "answer.model": "meta-llama/Llama-3.2-3B-Instruct", "answer.samples": 1 }, {
      provider: providerFor(server),
      servedModel: served,
      concurrency: 1,
    });
    expect(server.requests("/chat/completions").map((request) => request.body.model)).toEqual(["qwen2.5:7b", "llama3.2:3b"]);
    expect(result.cost.usd).toBeNull();
    expect(result.ledger.usd).toBeUndefined();
    expect(result.ledger.input_tokens).toBe(200);
    // Compute counts the space's model sizes: (7/3) (100 + 5) / 64 - 2 for 7B; for 3B, 105 / 64 - 2 < 0 is clamped to 0.
    expect(result.ledger.flops).toBeCloseTo((7 / 3) * (105 / 64) - 2, 12);
    expect(result.items[0].stages[1].compute).toBe(0);
  });
});

describe("MultiStagePipeline definitions", () => {
  it("lists every problem of the stages at once", () => {
    const base = twoWikiPipeline().stages[0];
    const make = () =>
      new MultiStagePipeline({
        stages: [
          { ...base, name: "re.trieve", samples: { min: 0, max: 3 } },
          { ...base, name: "answer", models: [RET, { ...RET, paramsBillions: 0 }] },
          { ...base, name: "answer", models: [] },
        ],
        budget: -1,
      });
    expect(make).toThrow(ValidationError);
    expect(make).toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: multi-stage pipeline: stages[0].name: expected letters, digits, "_" or "-", received "re.trieve"
      multi-stage pipeline: stages[0].samples: expected integers with 1 <= min <= max, received min=0, max=3
      multi-stage pipeline: stages[1].models[1].name: duplicate model "ret-7b"
      multi-stage pipeline: stages[1].models[1].paramsBillions: expected a positive number, received 0
      multi-stage pipeline: stages[2].name: duplicate stage name "answer"
      multi-stage pipeline: stages[2].models: expected at least one candidate model
      multi-stage pipeline: budget: expected a positive number of AgentTTS units or null, received -1]
    `);
  });
});
