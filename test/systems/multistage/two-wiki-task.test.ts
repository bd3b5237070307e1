import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILTIN_TASKS, getTask } from "../../../src/bench/builtin/index.js";
import { ChecksumMismatchError, TaskDataError } from "../../../src/bench/task/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import type { ChatRequest, ChatResponse } from "../../../src/llm/index.js";
import {
  AGENTTTS_2WIKI_ENV,
  LLM_API_KEY_ENV_ENV,
  LLM_BASE_URL_ENV,
  LLM_MODEL_MAP_ENV,
  loadTwoWiki,
  MissingLlmEndpointError,
  providerFromEnv,
  resolveTwoWikiFile,
  servedModelFromEnv,
  TWO_WIKI_SHA256,
  twoWikiTask,
} from "../../../src/systems/multistage/index.js";
import { ScriptedServer } from "../../llm/scripted-server.js";
import { MINI_2WIKI, providerFor, reply } from "./helpers.js";
import { useTmpDir } from "../../helpers/cli.js";

const tmp = useTmpDir();

const Q7 = "Qwen/Qwen2.5-7B-Instruct-AWQ";
const L3 = "meta-llama/Llama-3.2-3B-Instruct";
const cheap = { "retrieve.model": Q7, "retrieve.samples": 1, "answer.model": L3, "answer.samples": 1 };
// (7/3) (2048 + 128) / 64 - 2 + (256 + 64) / 64 - 2
const cheapPlanned = (7 / 3) * 34 - 2 + 3;

let server: ScriptedServer;
const saved: Record<string, string | undefined> = {};
const ENV = [LLM_BASE_URL_ENV, LLM_API_KEY_ENV_ENV, LLM_MODEL_MAP_ENV, AGENTTTS_2WIKI_ENV];
beforeEach(async () => {
  server = await ScriptedServer.start();
  for (const name of ENV) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
});
afterEach(async () => {
  await server.stop();
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const miniTask = (options: Parameters<typeof twoWikiTask>[0] = {}) =>
  twoWikiTask({ path: MINI_2WIKI, verify: false, questionCounts: [1, 2, 3], concurrency: 1, sampleConcurrency: 1, provider: providerFor(server), ...options });

describe("multistage/2wiki", () => {
  it("is a live built-in task that needs neither data nor an LLM to be listed", () => {
    const entry = BUILTIN_TASKS.find((task) => task.id === "multistage/2wiki");
    expect(entry?.kind).toBe("live");
    const task = getTask("multistage/2wiki");
    expect(task.objectives).toEqual([
      { name: "f1", direction: "maximize" },
      { name: "em", direction: "maximize" },
      { name: "recall", direction: "maximize" },
    ]);
    expect(task.costNames[0]).toBe("flops");
    expect(task.fidelitySpace?.params.questions).toEqual({ type: "ordinal", values: [10, 25, 50, 100] });
    expect(task.sha256).toBeUndefined();
    expect(task.source).toMatchObject({ repo: "FairyFali/AgentTTS_Code", license: "Apache-2.0" });
  });

  it("scores answers (F1, EM) and gold-passage recall on the first n questions, with the budget as a constraint", async () => {
    server.script(
      "/chat/completions",
      reply("[2, 4]", { prompt_tokens: 400, completion_tokens: 6 }),
      reply("Wilhelmina Strand", { prompt_tokens: 120, completion_tokens: 4 }),
      reply("[1]", { prompt_tokens: 300, completion_tokens: 3 }),
      reply("Blue Lantern", { prompt_tokens: 100, completion_tokens: 3 }),
    );
    const task = miniTask();
    const evaluation = await task.evaluate(cheap, { questions: 2 }, 0);
    // Question 1: right answer, both gold passages. Question 2: wrong answer, one of two gold passages.
    expect(evaluation.values).toEqual([0.5, 0.5, 0.75]);
    expect(evaluation.constraints?.[0]).toBeCloseTo(cheapPlanned - 850, 10);
    expect(evaluation.cost).toMatchObject({ input_tokens: 920, output_tokens: 16, llm_calls: 4 });
    expect(evaluation.cost.usd).toBeUndefined();
    // Measured: (7/3) (400 + 6) / 64 - 2, then 0 (clamped), (7/3) (303) / 64 - 2, then 0.
    expect(evaluation.cost.flops).toBeCloseTo((7 / 3) * (406 / 64) - 2 + ((7 / 3) * (303 / 64) - 2), 10);
    expect(server.requests("/chat/completions").map((request) => request.body.messages[1].content.slice(0, 40))).toEqual([
      "Question: Who is the mother of the direc",
      "Passages:\n[1] The Glass Orchard is a 198",
      "Question: Which film came out first, Blu",
      "Passages:\n[1] Night Ferry is a 1962 thri",
    ]);
    expect(task.sha256).toEqual({ "tts_test.json": expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("gives rollout ids per question, stage, sample and seed", async () => {
    server.script("/chat/completions", reply("[2, 4]"), reply("Wilhelmina Strand"), reply("[2, 4]"), reply("Wilhelmina Strand"));
    const task = miniTask();
    await task.evaluate(cheap, { questions: 1 }, 0);
    await task.evaluate(cheap, { questions: 1 }, 1);
    const seeds = server.requests("/chat/completions").map((request) => request.body.seed);
    expect(seeds[0]).not.toBe(seeds[2]);
    expect(seeds[1]).not.toBe(seeds[3]);
    // An in-process provider that answers with the request's rollout id (plus a passage list the retrieval stage can read).
    const echo = { name: "echo", chat: async (request: ChatRequest) => echoResponse(`${request.rolloutId} [1]`), embed: async () => Promise.reject(new Error("unused")) };
    const run = await miniTask({ provider: echo }).run(cheap, { questions: 1 }, 3);
    expect(run.pipeline.items[0].stages.map((stage) => stage.samples[0].text)).toEqual(["2wiki/q0/retrieve/0/seed-3 [1]", "2wiki/q0/answer/0/seed-3 [1]"]);
  });

  it("does not run a configuration over the budget: zero scores, nothing spent, a positive constraint", async () => {
    const task = miniTask({ budget: 50 });
    const evaluation = await task.evaluate(cheap, { questions: 3 }, 0);
    expect(evaluation.values).toEqual([0, 0, 0]);
    expect(evaluation.constraints?.[0]).toBeCloseTo(cheapPlanned - 50, 10);
    expect(evaluation.cost).toEqual({ flops: 0, usd: 0, input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_tokens: 0, llm_calls: 0 });
    expect(server.received).toHaveLength(0);
    expect(task.plannedCompute(cheap)).toBeCloseTo(cheapPlanned, 10);
  });

  it("runs it anyway with runOverBudget, still reporting the violation", async () => {
    server.script("/chat/completions", reply("[2, 4]"), reply("Wilhelmina Strand"));
    const evaluation = await miniTask({ budget: 50, runOverBudget: true }).evaluate(cheap, { questions: 1 }, 0);
    expect(evaluation.values).toEqual([1, 1, 1]);
    expect(evaluation.constraints?.[0]).toBeGreaterThan(0);
  });

  it("scores 0 for a question whose retrieval samples were all malformed", async () => {
    server.script("/chat/completions", reply("I cannot tell."));
    const run = await miniTask().run(cheap, { questions: 1 }, 0);
    expect(run.questions).toEqual([{ index: 0, answer: null, f1: 0, exactMatch: 0, recall: 0, failedStage: "retrieve" }]);
    expect(run.pipeline.failedSamples).toBe(1);
  });

  it("rejects a config or fidelity outside its spaces", async () => {
    await expect(miniTask().evaluate({ ...cheap, "answer.model": "gpt-4o" }, null, 0)).rejects.toThrow(ValidationError);
    await expect(miniTask().evaluate(cheap, { questions: 7 }, 0)).rejects.toThrow(ValidationError);
  });
});

function echoResponse(text: string): ChatResponse {
  const none = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
  return { text, toolCalls: [], usage: none, cost: { usd: 0, priceKnown: true, ...none }, model: "echo", finishReason: "stop", cached: false };
}

describe("the LLM from the environment", () => {
  it("fails with a clear error naming KNOBS_LLM_BASE_URL when no endpoint is set", async () => {
    expect(() => providerFromEnv({})).toThrow(MissingLlmEndpointError);
    const task = twoWikiTask({ path: MINI_2WIKI, verify: false, questionCounts: [1, 2, 3] });
    const error = await task.evaluate(cheap, { questions: 1 }, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingLlmEndpointError);
    expect((error as MissingLlmEndpointError).code).toBe("missing_llm_endpoint");
    expect((error as Error).message).toMatch(/^task multistage\/2wiki calls an LLM, but no LLM endpoint is configured: set KNOBS_LLM_BASE_URL to the root of an OpenAI-compatible API/);
  });

  it("calls $KNOBS_LLM_BASE_URL, with the model names of $KNOBS_LLM_MODEL_MAP", async () => {
    process.env[LLM_BASE_URL_ENV] = server.baseURL;
    process.env[LLM_API_KEY_ENV_ENV] = "none";
    process.env[LLM_MODEL_MAP_ENV] = `${Q7}=qwen2.5:7b, ${L3}=llama3.2:3b`;
    server.script("/chat/completions", reply("[2, 4]"), reply("Wilhelmina Strand"));
    const task = twoWikiTask({ path: MINI_2WIKI, verify: false, questionCounts: [1, 2, 3] });
    expect((await task.evaluate(cheap, { questions: 1 }, 0)).values).toEqual([1, 1, 1]);
    const requests = server.requests("/chat/completions");
    expect(requests.map((request) => request.body.model)).toEqual(["qwen2.5:7b", "llama3.2:3b"]);
    expect(requests[0].headers.authorization).toBeUndefined();
  });

  it("sends the key of the variable KNOBS_LLM_API_KEY_ENV names", async () => {
    process.env.KNOBS_TEST_2WIKI_KEY = "sk-test-SECRET123";
    server.script("/chat/completions", reply("hi"));
    const provider = providerFromEnv({ [LLM_BASE_URL_ENV]: server.baseURL, [LLM_API_KEY_ENV_ENV]: "KNOBS_TEST_2WIKI_KEY" });
    await provider.chat({ model: "m", messages: [{ role: "user", content: "hi" }] });
    expect(server.requests("/chat/completions")[0].headers.authorization).toBe("Bearer sk-test-SECRET123");
    delete process.env.KNOBS_TEST_2WIKI_KEY;
  });

  it("reads the model map, and rejects an entry without =", () => {
    const served = servedModelFromEnv({ [LLM_MODEL_MAP_ENV]: "a=b, c/d=e:f," });
    expect([served("a"), served("c/d"), served("x")]).toEqual(["b", "e:f", "x"]);
    expect(() => servedModelFromEnv({ [LLM_MODEL_MAP_ENV]: "a=b,oops" })).toThrow('$KNOBS_LLM_MODEL_MAP: [1]: expected name=served, received "oops"');
  });
});

describe("the 2WikiMultiHopQA data", () => {
  it("names the variable to set when the data is missing", () => {
    expect(() => resolveTwoWikiFile(undefined, { [AGENTTTS_2WIKI_ENV]: "/nowhere/agenttts-2wiki" })).toThrow(TaskDataError);
    expect(() => resolveTwoWikiFile(undefined, { [AGENTTTS_2WIKI_ENV]: "/nowhere/agenttts-2wiki" })).toThrow(
      /AgentTTS 2WikiMultiHopQA data not found \(looked for \/nowhere\/agenttts-2wiki\/tts_test.json, from \$KNOBS_AGENTTTS_2WIKI\): set KNOBS_AGENTTTS_2WIKI/,
    );
    expect(resolveTwoWikiFile(MINI_2WIKI)).toBe(MINI_2WIKI);
  });

  it("refuses a file that is not the known one unless told not to check", () => {
    expect(() => loadTwoWiki(MINI_2WIKI)).toThrow(ChecksumMismatchError);
    expect(loadTwoWiki(MINI_2WIKI, { verify: false }).questions).toHaveLength(3);
  });

  it("names the question and field of a malformed record", () => {
    const dir = tmp();
    const file = join(dir, "tts_test.json");
    writeFileSync(file, JSON.stringify([{ question: "q?", answers: ["a"], ctxs_candidate: ["p"], ctxs_gt: [] }, { question: "q2?", answers: "a", ctxs_candidate: ["p"], ctxs_gt: [] }]));
    expect(() => loadTwoWiki(file, { verify: false })).toThrow(`${file}, row 2, column "answers": expected an array of strings`);
    writeFileSync(file, "{");
    expect(() => loadTwoWiki(file, { verify: false })).toThrow(/is not JSON/);
  });

  const real = (() => {
    try {
      return resolveTwoWikiFile();
    } catch {
      return null;
    }
  })();
  it.skipIf(real === null || !existsSync(real))("loads the real file: 100 questions, every gold passage among the candidates", () => {
    const data = loadTwoWiki(real as string);
    expect(data.sha256).toBe(TWO_WIKI_SHA256);
    expect(data.questions).toHaveLength(100);
    expect(data.questions[0].question).toBe("Who is the mother of the director of film Polish-Russian War (Film)?");
    expect(data.questions.every((question) => question.gold.length === question.goldCount && question.goldCount >= 2)).toBe(true);
    expect(data.questions.reduce((sum, question) => sum + question.gold.length, 0)).toBe(244);
    expect(Math.min(...data.questions.map((question) => question.passages.length))).toBe(100);
  });
});
