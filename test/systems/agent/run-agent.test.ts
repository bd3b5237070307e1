import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../../src/errors/index.js";
import { LlmApiError, openAICompatible, ReplayCache, type ChatRequest } from "../../../src/llm/index.js";
import { ANSWER_NOW, runAgent, type AgentSettings, type AgentTool } from "../../../src/systems/agent/index.js";
import { chatCompletion, ScriptedServer, type ScriptedReply } from "../../llm/scripted-server.js";

let server: ScriptedServer;
const lookups: unknown[] = [];
beforeEach(async () => {
  server = await ScriptedServer.start();
  lookups.length = 0;
});
afterEach(async () => {
  await server.stop();
});

const provider = () => openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null, maxRetries: 0 });
const usage = (prompt: number, completion: number) => ({ prompt_tokens: prompt, completion_tokens: completion });
const text = (content: string, tokens = usage(100, 10), model = "gpt-4o-mini"): ScriptedReply => ({ body: chatCompletion({ content, usage: tokens, model }) });
const calls = (list: { id: string; name: string; arguments: string }[], tokens = usage(100, 10)): ScriptedReply => ({
  body: chatCompletion({ content: null, toolCalls: list, usage: tokens, model: "gpt-4o-mini" }),
});
const search = (id: string, query: string) => ({ id, name: "search", arguments: JSON.stringify({ query }) });

const lookup: AgentTool = {
  name: "search",
  description: "Looks a name up",
  parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
  handler: (args) => {
    lookups.push(args);
    if (args.query === "boom") throw new Error("index offline");
    return `result for ${String(args.query)}`;
  },
};
const settings = (overrides: Partial<AgentSettings> = {}): AgentSettings => ({ model: "gpt-4o-mini", maxIterations: 5, maxToolDepth: 3, ...overrides });
const task = [{ role: "user" as const, content: "Who directed The Glass Orchard?" }];
const agent = (overrides: Partial<AgentSettings> = {}, tools: AgentTool[] = [lookup]) =>
  runAgent({ provider: provider(), settings: settings(overrides), tools, messages: task, rolloutId: "t/q0" });

describe("runAgent", () => {
  it("runs tool calls, sends their results back, and stops on an answer", async () => {
    server.script("/chat/completions", calls([search("c1", "Glass Orchard director")], usage(120, 15)), text("Oskar Strand", usage(180, 4)));
    const run = await agent();
    expect(run.stopReason).toBe("answer");
    expect(run.answer).toBe("Oskar Strand");
    expect(run.toolRounds).toBe(1);
    expect(run.toolCalls).toBe(1);
    expect(run.steps.map((step) => [step.iteration, step.toolsOffered, step.toolResults.map((result) => result.content)])).toEqual([
      [0, true, ["result for Glass Orchard director"]],
      [1, true, []],
    ]);
    const [first, second] = server.requests("/chat/completions").map((request) => request.body);
    expect(first.tools).toEqual([{ type: "function", function: { name: "search", description: "Looks a name up", parameters: lookup.parameters } }]);
    expect(first.temperature).toBe(0);
    expect(first.max_tokens).toBe(512);
    expect(second.messages.slice(1)).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "search", arguments: '{"query":"Glass Orchard director"}' } }] },
      { role: "tool", content: "result for Glass Orchard director", tool_call_id: "c1" },
    ]);
    // gpt-4o-mini: $0.15 in, $0.60 out per million tokens.
    expect(run.cost).toMatchObject({ inputTokens: 300, outputTokens: 19, priceKnown: true });
    expect(run.cost.usd).toBeCloseTo((300 * 0.15 + 19 * 0.6) / 1e6, 15);
    expect(run.steps[0].usage).toMatchObject({ inputTokens: 120, outputTokens: 15 });
  });

  it("feeds tool errors back to the model and goes on: a throwing handler, an unknown tool, calls over the per-turn limit", async () => {
    server.script(
      "/chat/completions",
      calls([search("c1", "boom"), { id: "c2", name: "browse", arguments: "{}" }, search("c3", "a"), search("c4", "b")]),
      text("Oskar Strand"),
    );
    const run = await agent({ maxToolCallsPerTurn: 3 });
    expect(run.stopReason).toBe("answer");
    expect(run.steps[0].toolResults.map((result) => [result.id, result.isError, result.content])).toEqual([
      ["c1", true, "error: index offline"],
      ["c2", true, 'error: unknown tool "browse"; the tools are search'],
      ["c3", false, "result for a"],
      ["c4", true, "error: not run, at most 3 tool calls per turn"],
    ]);
    const tools = server.requests("/chat/completions")[1].body.messages.filter((message: { role: string }) => message.role === "tool");
    expect(tools.map((message: { content: string; tool_call_id: string }) => [message.tool_call_id, message.content])).toEqual([
      ["c1", "error: index offline"],
      ["c2", 'error: unknown tool "browse"; the tools are search'],
      ["c3", "result for a"],
      ["c4", "error: not run, at most 3 tool calls per turn"],
    ]);
  });

  it("stops with max_iterations after that many calls without an answer", async () => {
    server.script("/chat/completions", calls([search("c1", "a")]), calls([search("c2", "b")]));
    const run = await agent({ maxIterations: 2, maxToolDepth: 5 });
    expect(run.stopReason).toBe("max_iterations");
    expect(run.answer).toBeNull();
    expect(run.steps).toHaveLength(2);
    expect(server.requests("/chat/completions")).toHaveLength(2);
  });

  it("withdraws the tools after max_tool_depth tool rounds and asks for the answer", async () => {
    server.script("/chat/completions", calls([search("c1", "a")]), text("Oskar Strand"));
    const run = await agent({ maxToolDepth: 1 });
    expect(run.stopReason).toBe("answer");
    const second = server.requests("/chat/completions")[1].body;
    expect(second.tools).toBeUndefined();
    expect(second.messages[second.messages.length - 1]).toEqual({ role: "user", content: ANSWER_NOW });
    expect(run.steps.map((step) => step.toolsOffered)).toEqual([true, false]);
  });

  it("offers no tools at depth 0, and answers calls the model makes anyway with 'not run'", async () => {
    server.script("/chat/completions", calls([search("c1", "a")]), text("Oskar Strand"));
    const run = await agent({ maxToolDepth: 0 });
    const [first, second] = server.requests("/chat/completions").map((request) => request.body);
    expect(first.tools).toBeUndefined();
    expect(first.messages).toEqual([{ role: "user", content: "Who directed The Glass Orchard?" }]);
    expect(second.messages[2]).toEqual({ role: "tool", content: `error: not run. ${ANSWER_NOW}`, tool_call_id: "c1" });
    expect(run).toMatchObject({ stopReason: "answer", answer: "Oskar Strand", toolRounds: 0, toolCalls: 0 });
    expect(lookups).toEqual([]);
  });

  it("stops with budget before a call that could pass the token cap", async () => {
    // The first call is estimated at well under 700 tokens (prompt characters / 4 + 50 output tokens) and spends 600;
    // the second, with the conversation grown, is estimated at more than the 100 left.
    server.script("/chat/completions", calls([search("c1", "a")], usage(500, 100)));
    const run = await agent({ maxTokens: 50, budget: { tokens: 700 } });
    expect(run.stopReason).toBe("budget");
    expect(run.steps).toHaveLength(1);
    expect(run.answer).toBeNull();
    expect(server.requests("/chat/completions")).toHaveLength(1);
    // A cap below the first call's estimate makes no call at all.
    const none = await agent({ maxTokens: 50, budget: { tokens: 60 } });
    expect(none).toMatchObject({ stopReason: "budget", steps: [] });
    expect(server.requests("/chat/completions")).toHaveLength(1);
  });

  it("stops with budget on a usd cap, which needs a price", async () => {
    const run = await agent({ maxTokens: 100, budget: { usd: 0.00001 } });
    // 100 output tokens at $0.60/M alone are $0.00006.
    expect(run.stopReason).toBe("budget");
    expect(server.received).toHaveLength(0);
    await expect(agent({ model: "llama3.1:8b", budget: { usd: 1 } })).rejects.toThrow(ValidationError);
    await expect(agent({ model: "llama3.1:8b", budget: { usd: 1 } })).rejects.toThrow(
      'agent settings: budget.usd: model "llama3.1:8b" has no price in table 2025-08-07: add it (extendPrices) or cap tokens instead',
    );
  });

  it("stops where the recorded run stopped when replayed from the cache", async () => {
    const cache = new ReplayCache(":memory:");
    const cached = openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null, maxRetries: 0, cache });
    const options = { provider: cached, settings: settings({ maxTokens: 50, budget: { tokens: 700 } }), tools: [lookup], messages: task, rolloutId: "t/q0" };
    server.script("/chat/completions", calls([search("c1", "a")], usage(500, 100)));
    const first = await runAgent(options);
    const again = await runAgent(options);
    expect([first.stopReason, again.stopReason]).toEqual(["budget", "budget"]);
    expect(again.steps[0].cached).toBe(true);
    expect(again.cost.inputTokens).toBe(0);
    expect(server.requests("/chat/completions")).toHaveLength(1);
  });

  it("stops with error on a malformed reply, a rejected request or an empty reply", async () => {
    server.script("/chat/completions", calls([{ id: "c1", name: "search", arguments: "{not json" }]));
    const malformed = await agent();
    expect(malformed.stopReason).toBe("error");
    expect(malformed.error).toMatchObject({ code: "llm_bad_response", message: expect.stringContaining("the arguments of a tool call") });

    server.script("/chat/completions", calls([search("c1", "a")]), { status: 400, body: { error: { message: "context length exceeded" } } });
    const rejected = await agent();
    expect(rejected).toMatchObject({ stopReason: "error", answer: null, error: { code: "llm_api_error" } });
    expect(rejected.steps).toHaveLength(1);

    server.script("/chat/completions", text(""));
    const empty = await agent();
    expect(empty).toMatchObject({ stopReason: "error", error: { code: "empty_reply", message: "the model replied with neither text nor tool calls (finish reason stop)" } });
  });

  it("throws errors of the setup", async () => {
    server.script("/chat/completions", { status: 401, body: { error: { message: "Incorrect API key provided" } } });
    await expect(agent()).rejects.toThrow(LlmApiError);
  });

  it("rejects bad settings, listing every problem", async () => {
    await expect(agent({ maxIterations: 0, maxToolDepth: -1, budget: { tokens: -5 } })).rejects.toThrowErrorMatchingInlineSnapshot(`
      [ValidationError: agent settings: maxIterations: expected an integer >= 1, received 0
      agent settings: maxToolDepth: expected an integer >= 0, received -1
      agent settings: budget.tokens: expected a number >= 0, received -5]
    `);
  });

  it("names each call's rollout and seed after the run and the turn", async () => {
    server.script("/chat/completions", calls([search("c1", "a")]), text("x"));
    const http = provider();
    const rollouts: (string | undefined)[] = [];
    const recording = { name: "recording", embed: http.embed, chat: (request: ChatRequest) => (rollouts.push(request.rolloutId), http.chat(request)) };
    await runAgent({ provider: recording, settings: settings(), tools: [lookup], messages: task, rolloutId: "run-7" });
    expect(rollouts).toEqual(["run-7/turn-0", "run-7/turn-1"]);
    const seeds = server.requests("/chat/completions").map((request) => request.body.seed);
    expect(seeds[0]).not.toBe(seeds[1]);
  });
});
