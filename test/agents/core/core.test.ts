import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentReplyError, askJson, loadPrompt, readJson, renderPrompt, resolveAgentLlm, type AgentLlm } from "../../../src/agents/core/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import type { Sampler } from "../../../src/samplers/index.js";
import { float } from "../../../src/space/index.js";
import { createStudy } from "../../../src/study/index.js";
import { chatCompletion, ScriptedServer } from "../../llm/scripted-server.js";
import { fileTmpDir } from "../../helpers/cli.js";

const schema = z.object({ x: z.number().min(0).max(1), why: z.string() });

describe("readJson", () => {
  it.each([
    ['{"x": 0.5, "why": "mid"}', true],
    ['Here you go:\n```json\n{"x": 0.25, "why": "low"}\n```', true],
    ['I think {"x": 1, "why": "edge"} is best.', true],
    ["no json here", "holds no JSON object"],
    ['{"x": 0.5, "why": }', "does not parse"],
    ['{"x": 2, "why": "too big"}', "x: Too big"],
    ["", "was empty"],
  ])("reads %j", (text, expected) => {
    const read = readJson(text, schema);
    if (expected === true) expect(read.ok).toBe(true);
    else expect(read.ok ? "" : read.reason).toContain(expected);
  });
});

describe("prompt templates", () => {
  const dir = fileTmpDir("knobs-prompts-");
  mkdirSync(join(dir, "demo"));
  writeFileSync(join(dir, "demo", "ask.v2.md"), "Budget {{budget}}; history:\n{{ history }}\n");

  it("load by agent, name and version, and fill every slot", () => {
    const template = loadPrompt("demo", "ask", 2, dir);
    expect(template.id).toBe("demo/ask.v2");
    expect(renderPrompt(template, { budget: 10, history: "none" })).toBe("Budget 10; history:\nnone\n");
  });

  it("fail loudly on a missing file, a missing value or a value without a slot", () => {
    expect(() => loadPrompt("demo", "ask", 1, dir)).toThrow(/prompt template demo\/ask\.v1\.md not found/);
    const template = loadPrompt("demo", "ask", 2, dir);
    expect(() => renderPrompt(template, { budget: 1 })).toThrow(/no value for slot \{\{history\}\}/);
    expect(() => renderPrompt(template, { budget: 1, history: "", extra: 3 })).toThrow(/no slot for \{\{extra\}\}/);
  });
});

describe("resolveAgentLlm", () => {
  it("names the field and what it expects", () => {
    expect(() => resolveAgentLlm(undefined, "research")).toThrow(ValidationError);
    expect(() => resolveAgentLlm(undefined, "research")).toThrow(/research\.llm: expected an object like/);
    expect(() => resolveAgentLlm({ baseURL: "http://127.0.0.1:1/v1" }, "allocation")).toThrow(/allocation\.llm\.model/);
    expect(() => resolveAgentLlm({ model: "m", temperature: 5 }, "allocation")).toThrow(/allocation\.llm\.temperature/);
  });
});

describe("askJson over a scripted server", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await ScriptedServer.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  const usage = { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 };

  it("retries a malformed reply with the problem, and charges every attempt", async () => {
    server.script("/chat/completions", { body: chatCompletion({ content: '{"x": 3, "why": "big"}', usage }) }, { body: chatCompletion({ content: '{"x": 0.3, "why": "ok"}', usage }) });
    const llm = resolveAgentLlm({ model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null, temperature: 0 }, "test");
    const before = server.requests("/chat/completions").length;
    const answer = await askJson({ agent: "test", llm, messages: [{ role: "user", content: "pick x" }], schema, rolloutId: "r1" });
    expect(answer.value).toEqual({ x: 0.3, why: "ok" });
    expect(answer.attempts).toBe(2);
    expect(answer.cost.input_tokens).toBe(2000);
    expect(answer.cost.output_tokens).toBe(200);
    expect(answer.cost.usd).toBeGreaterThan(0);
    const retry = server.requests("/chat/completions")[before + 1].body;
    expect(retry.messages.at(-2)).toEqual({ role: "assistant", content: '{"x": 3, "why": "big"}' });
    expect(retry.messages.at(-1).content).toMatch(/could not be used: the JSON does not match the expected shape \(x: /);
  });

  it("gives up after the last attempt with every problem and the cost spent", async () => {
    server.script(
      "/chat/completions",
      { body: chatCompletion({ content: "I cannot help with that.", usage }) },
      { body: chatCompletion({ content: null, refusal: "no", usage }) },
    );
    const llm = resolveAgentLlm({ model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, "test");
    const error = await askJson({ agent: "test", llm, messages: [{ role: "user", content: "pick x" }], schema, attempts: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentReplyError);
    expect((error as AgentReplyError).problems).toHaveLength(2);
    expect((error as AgentReplyError).message).toMatch(/test: the model gave no usable answer in 2 attempts: the reply holds no JSON object; /);
    expect((error as AgentReplyError).cost.input_tokens).toBe(2000);
  });
});

describe("askJson's structured output", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });
  const ask = (llm: AgentLlm, replySchema: z.ZodType = schema) => askJson({ agent: "test", llm, messages: [{ role: "user", content: "pick x" }], schema: replySchema });
  const llmAt = (model = "gpt-4o-mini") => resolveAgentLlm({ model, baseURL: server.baseURL, apiKeyEnv: null, temperature: 0 }, "test");
  const ok = { body: chatCompletion({ content: '{"x": 0.5, "why": "mid"}' }) };
  const formats = () => server.requests("/chat/completions").map((request) => request.body.response_format);

  it("sends the zod schema as a strict json_schema response_format when it fits OpenAI's strict subset", async () => {
    server.script("/chat/completions", ok);
    const answer = await ask(llmAt());
    expect(answer).toMatchObject({ value: { x: 0.5, why: "mid" }, mode: "strict" });
    expect(formats()).toEqual([
      {
        type: "json_schema",
        json_schema: {
          name: "test_reply",
          strict: true,
          schema: {
            type: "object",
            properties: { x: { type: "number", minimum: 0, maximum: 1 }, why: { type: "string" } },
            required: ["x", "why"],
            additionalProperties: false,
          },
        },
      },
    ]);
  });

  it("leaves strict out when the schema has optional fields or open records, and describes transforms by their input", async () => {
    server.script("/chat/completions", ok, { body: chatCompletion({ content: '{"tags": {"a": 1}}' }) }, { body: chatCompletion({ content: '{"n": "7"}' }) });
    await ask(llmAt(), schema.extend({ note: z.string().optional() }));
    await ask(llmAt(), z.object({ tags: z.record(z.string(), z.number()) }));
    await ask(llmAt(), z.object({ n: z.string().transform(Number) }));
    const sent = formats().map((format) => format.json_schema);
    expect(sent.map((format) => format.strict)).toEqual([undefined, undefined, true]);
    expect(sent[0].schema.required).toEqual(["x", "why"]);
    expect(sent[1].schema.properties.tags).toMatchObject({ type: "object", additionalProperties: { type: "number" } });
    expect(sent[2].schema.properties.n).toEqual({ type: "string" });
  });

  it("asks again without strict, then without the schema, when the server rejects them, and remembers it for that model", async () => {
    const rejected = (message: string) => ({ status: 400, body: { error: { message, type: "invalid_request_error", param: "response_format" } } });
    server.script(
      "/chat/completions",
      rejected("Invalid schema for response_format 'test_reply': In context=('properties', 'x'), 'minimum' is not permitted."),
      rejected("json_schema is not supported by this model"),
      ok,
      ok,
      ok,
    );
    const llm = llmAt();
    const first = await ask(llm);
    expect(first).toMatchObject({ value: { x: 0.5, why: "mid" }, attempts: 1, mode: "prompt" });
    expect(formats().map((format) => format?.json_schema?.strict ?? format?.type ?? "none")).toEqual([true, "json_schema", "none"]);
    // The same provider and model skip what was rejected; another model starts from strict again.
    await ask(llm);
    await ask({ ...llm, model: "gpt-4.1-mini" });
    expect(formats().slice(3).map((format) => format?.json_schema?.strict ?? format?.type ?? "none")).toEqual(["none", true]);
  });

  it("throws a 400 that does not name the response format, without asking again", async () => {
    server.script("/chat/completions", { status: 400, body: { error: { message: "This model's maximum context length is 128000 tokens." } } });
    await expect(ask(llmAt())).rejects.toThrow(/HTTP 400: This model's maximum context length/);
    expect(server.requests("/chat/completions")).toHaveLength(1);
  });

  it("treats structured output that is not JSON (cut at maxTokens) as a bad reply: charged, said, asked again", async () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 };
    server.script("/chat/completions", { body: chatCompletion({ content: '{"x": 0.5, "why": "a long', finishReason: "length", usage }) }, { body: chatCompletion({ content: '{"x": 0.5, "why": "mid"}', usage }) });
    const answer = await ask(llmAt());
    expect(answer).toMatchObject({ value: { x: 0.5, why: "mid" }, attempts: 2 });
    expect(answer.cost.input_tokens).toBe(2000);
    const retry = server.requests("/chat/completions")[1].body;
    expect(retry.messages.at(-2)).toEqual({ role: "assistant", content: '{"x": 0.5, "why": "a long' });
    expect(retry.messages.at(-1).content).toMatch(/^Your answer could not be used: the JSON does not parse \(/);
  });

  it("keys the replay cache on the response format: an answer recorded without one is not replayed for a request with one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "knobs-askjson-cache-"));
    const cache = join(dir, "calls.db");
    const cached = () => resolveAgentLlm({ model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null, temperature: 0, cache }, "test");
    server.script("/chat/completions", { status: 422, body: { detail: "response_format is not supported" } }, { status: 422, body: { detail: "response_format is not supported" } }, ok, ok);
    const rolloutId = "decision-1";
    const recorded = await askJson({ agent: "test", llm: cached(), messages: [{ role: "user", content: "pick x" }], schema, rolloutId });
    expect(recorded.mode).toBe("prompt");
    // A fresh provider (a re-run) tries the schema first: a different key, so it calls the server...
    const rerun = await askJson({ agent: "test", llm: cached(), messages: [{ role: "user", content: "pick x" }], schema, rolloutId });
    expect(rerun.mode).toBe("strict");
    expect(server.requests("/chat/completions")).toHaveLength(4);
    // ...and a third run replays that recording without calling.
    const replay = await askJson({ agent: "test", llm: cached(), messages: [{ role: "user", content: "pick x" }], schema, rolloutId });
    expect(replay.cost).toEqual({});
    expect(server.requests("/chat/completions")).toHaveLength(4);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("an optimizer's own spend and decision record", () => {
  it("lands in the ledger apart from the trials, counts against the budget, and is stored with the trial", async () => {
    const paying: Sampler = {
      name: "paying",
      seed: 0,
      doAsk: (ctx) => ({ config: { x: ctx.rng.random() }, optimizerCost: { usd: 0.25, input_tokens: 10 }, userAttrs: { reasoning: `step ${ctx.trialNumber}` } }),
    };
    const study = await createStudy({ name: "agent-spend", storage: "memory:", space: { x: float(0, 1) }, sampler: paying, logger: () => {} });
    const summary = await study.optimize((trial) => ({ values: [trial.config.x as number], cost: { usd: 0.5 } }), { budget: { usd: 3 } });
    const spend = await study.spend();
    // Each trial costs 0.75 in all; the cap of 3 leaves room for 4.
    expect(study.trials.length).toBe(4);
    expect(spend.optimizer).toEqual({ usd: 1, input_tokens: 40 });
    expect(spend.trials).toEqual({ usd: 2 });
    expect(spend.total.usd).toBe(3);
    expect(study.trials.map((t) => t.userAttrs.reasoning)).toEqual(["step 0", "step 1", "step 2", "step 3"]);
    expect(summary.stopReason ?? "").toMatch(/usd budget/);
  });
});
