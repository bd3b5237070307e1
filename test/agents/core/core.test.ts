import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentReplyError, askJson, loadPrompt, readJson, renderPrompt, resolveAgentLlm } from "../../../src/agents/core/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import type { Sampler } from "../../../src/samplers/index.js";
import { float } from "../../../src/space/index.js";
import { createStudy } from "../../../src/study/index.js";
import { chatCompletion, ScriptedServer } from "../../llm/scripted-server.js";

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
  const dir = mkdtempSync(join(tmpdir(), "knobs-prompts-"));
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
