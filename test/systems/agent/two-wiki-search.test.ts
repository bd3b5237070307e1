import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILTIN_TASKS, getTask } from "../../../src/bench/builtin/index.js";
import { openAICompatible } from "../../../src/llm/index.js";
import { agentSettingsFromConfig, passageSearchTool, twoWikiSearchTask } from "../../../src/systems/agent/index.js";
import { LLM_BASE_URL_ENV, loadTwoWiki, MissingLlmEndpointError } from "../../../src/systems/multistage/index.js";
import { chatCompletion, ScriptedServer, type ScriptedReply } from "../../llm/scripted-server.js";
import { MINI_2WIKI } from "../multistage/helpers.js";

const [glass] = loadTwoWiki(MINI_2WIKI, { verify: false }).questions;

describe("passageSearchTool", () => {
  it("answers with the BM25 best passages, numbered by their place in the list, and remembers them", async () => {
    const search = passageSearchTool(glass.passages, { topK: 2 });
    const result = await search.handler({ query: "Oskar Strand mother" }, {});
    expect(result).toBe(
      "[4] Oskar Strand is a film director, the son of the novelist Wilhelmina Strand and the sculptor Per Holm.\n\n" +
        "[2] The Glass Orchard is a 1987 drama film directed by Oskar Strand about a family of glassblowers.",
    );
    expect([...search.returned].sort()).toEqual([1, 3]);
    expect(await search.handler({ query: "zeppelin" }, {})).toBe("no passage matches the query");
  });

  it("throws on a missing query, which the loop reports back to the model", () => {
    const search = passageSearchTool(glass.passages);
    expect(() => search.handler({ q: "x" }, {})).toThrow('search takes {"query": "<text>"}, received {"q":"x"}');
    expect(search.parameters).toMatchObject({ required: ["query"] });
  });
});

describe("agent/2wiki-search", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });
  const config = { model: "gpt-4o-mini", temperature: 0, max_iterations: 4, max_tool_depth: 2, budget_tokens: 20000, search_top_k: 2 };
  const toolCall = (query: string): ScriptedReply => ({
    body: chatCompletion({ content: null, toolCalls: [{ id: "c1", name: "search", arguments: JSON.stringify({ query }) }], usage: { prompt_tokens: 200, completion_tokens: 10 }, model: "gpt-4o-mini" }),
  });
  const answer = (content: string): ScriptedReply => ({ body: chatCompletion({ content, usage: { prompt_tokens: 300, completion_tokens: 5 }, model: "gpt-4o-mini" }) });

  it("is a live built-in task over the agent space", () => {
    expect(BUILTIN_TASKS.find((task) => task.id === "agent/2wiki-search")?.kind).toBe("live");
    const task = getTask("agent/2wiki-search");
    expect(task.space.names).toEqual(["model", "temperature", "max_iterations", "max_tool_depth", "budget_tokens", "search_top_k"]);
    expect(task.objectives.map((objective) => objective.name)).toEqual(["f1", "em", "recall"]);
  });

  it("maps a configuration to loop settings", () => {
    expect(agentSettingsFromConfig(config, (name) => `served/${name}`)).toEqual({
      settings: { model: "served/gpt-4o-mini", temperature: 0, maxIterations: 4, maxToolDepth: 2, budget: { tokens: 20000 } },
      topK: 2,
    });
  });

  it("answers with search over each question's passages and scores F1, EM and gold recall", async () => {
    server.script("/chat/completions", toolCall("director of The Glass Orchard"), toolCall("Oskar Strand parents"), answer("Wilhelmina Strand"), answer("Blue Lantern"));
    const task = twoWikiSearchTask({
      path: MINI_2WIKI,
      verify: false,
      questionCounts: [1, 2, 3],
      concurrency: 1,
      provider: openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null, maxRetries: 0 }),
    });
    const results = await task.run(config, { questions: 2 }, 0);
    expect(results.map((result) => [result.answer, result.f1, result.exactMatch, result.recall, result.run.stopReason])).toEqual([
      ["Wilhelmina Strand", 1, 1, 1, "answer"],
      ["Blue Lantern", 0, 0, 0, "answer"],
    ]);
    const first = server.requests("/chat/completions")[0].body;
    expect(first.messages[0].role).toBe("system");
    expect(first.messages[1]).toEqual({ role: "user", content: "Question: Who is the mother of the director of film The Glass Orchard?" });
    expect(server.requests("/chat/completions")[1].body.messages[3].content).toMatch(/^\[2\] The Glass Orchard is a 1987 drama film/);

    server.script("/chat/completions", toolCall("director of The Glass Orchard"), toolCall("Oskar Strand parents"), answer("Wilhelmina Strand"));
    const evaluation = await task.evaluate(config, { questions: 1 }, 0);
    expect(evaluation.values).toEqual([1, 1, 1]);
    expect(evaluation.cost).toMatchObject({ input_tokens: 700, output_tokens: 25, llm_calls: 3, tool_calls: 2 });
    expect(evaluation.cost.usd).toBeCloseTo((700 * 0.15 + 25 * 0.6) / 1e6, 15);
  });

  it("fails with MissingLlmEndpointError when no provider is given and $KNOBS_LLM_BASE_URL is unset", async () => {
    const saved = process.env[LLM_BASE_URL_ENV];
    delete process.env[LLM_BASE_URL_ENV];
    try {
      const task = twoWikiSearchTask({ path: MINI_2WIKI, verify: false, questionCounts: [1, 2, 3] });
      await expect(task.evaluate(config, { questions: 1 }, 0)).rejects.toThrow(/^task agent\/2wiki-search calls an LLM, but no LLM endpoint is configured: set KNOBS_LLM_BASE_URL/);
      await expect(task.evaluate(config, { questions: 1 }, 0)).rejects.toBeInstanceOf(MissingLlmEndpointError);
    } finally {
      if (saved !== undefined) process.env[LLM_BASE_URL_ENV] = saved;
    }
  });
});
