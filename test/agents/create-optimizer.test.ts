import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOptimizer, optimizerNames } from "../../src/agents/index.js";
import { optimizerNames as classicalNames } from "../../src/fidelity/index.js";
import { Space } from "../../src/space/index.js";
import { runCli, useTmpDir, writeFiles } from "../helpers/cli.js";
import { chatCompletion, ScriptedServer, type ReceivedRequest } from "../llm/scripted-server.js";

describe("createOptimizer over every optimizer", () => {
  it("knows the samplers, schedulers and agents by name, and lists them all for an unknown one", () => {
    expect(optimizerNames()).toEqual([...classicalNames(), "allocation", "generative", "research", "hybrid"]);
    expect(() => createOptimizer("nope")).toThrow(/unknown optimizer "nope": expected one of random, .*, allocation, generative, research, hybrid$/);
  });

  it("gives the allocation agent the task's planned compute and budget unless the options set them", async () => {
    const space = Space.parse({ "a.model": { type: "categorical", choices: ["s", "l"] }, "a.samples": { type: "int", low: 1, high: 8 } });
    const seen: number[] = [];
    const taskHooks = { plannedCompute: (c: Record<string, unknown>) => (seen.push(1), (c["a.samples"] as number) * (c["a.model"] === "l" ? 4 : 1)), pipeline: { budget: 8 } };
    const sampler = createOptimizer("allocation", { seed: 0, llm: { model: "m", baseURL: "http://127.0.0.1:9/v1", apiKeyEnv: null }, taskHooks });
    const { runSampler } = await import("../../src/testing/index.js");
    // The initial round needs no LLM: every model at an equal share of the task's budget.
    const trials = await runSampler({ sampler, space, trials: 2, evaluate: () => [1], objectives: [{ name: "q", direction: "maximize" }] });
    expect(seen.length).toBeGreaterThan(0);
    for (const t of trials) expect(taskHooks.plannedCompute(t.config)).toBeLessThanOrEqual(8);
    expect(new Set(trials.map((t) => t.config["a.model"]))).toEqual(new Set(["s", "l"]));
  });
});

describe("the research agent in the benchmark runner", () => {
  it("runs offline on its heuristic policy on the multi-fidelity RegMix task, reaching the top fidelity", async () => {
    const { runOne } = await import("../../src/bench/runner/index.js");
    const { getSuite } = await import("../../src/bench/suites.js");
    expect(getSuite("multifidelity").optimizers).toContain("research");
    const result = await runOne({ suite: "multifidelity", task: "regmix", optimizer: "research", seed: 0, budget: { model_params: 6e9 }, workers: 1 });
    expect(result.error).toBeNull();
    const levels = new Set(result.evaluations.map((e) => JSON.stringify(e.fidelity)));
    expect(levels.size).toBe(3);
    expect(result.evaluations.some((e) => e.final && e.value !== null)).toBe(true);
    // The heuristic policy calls no LLM: nothing is charged to the optimizer.
    expect(result.optimizerCost).toEqual({});
  });
});

describe("an LLM-guided optimizer in knobs optimize", () => {
  const tmp = useTmpDir();
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await ScriptedServer.start();
    // The "optimizer LLM": appends one instruction per update to the prompt it is shown.
    server.respond("/chat/completions", (request: ReceivedRequest) => {
      const messages = request.body.messages as { role: string; content: string }[];
      const prompt = messages.filter((m) => m.role === "user").at(-1)!.content;
      const current = /<artifact name="[^"]+" format="[^"]+">\n([\s\S]*?)\n<\/artifact>/.exec(prompt)?.[1] ?? "";
      const artifact = `${current}\nBe concise.`;
      return { body: chatCompletion({ content: JSON.stringify({ reasoning: "shorter answers score higher", artifact }), usage: { prompt_tokens: 800, completion_tokens: 60, total_tokens: 860 } }) };
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("runs the generative optimizer from a study config: updates stored with their diff, its spend apart in the ledger", async () => {
    const dir = tmp();
    writeFiles(dir, {
      // A command objective: scores how often the prompt asks for concision, and says why.
      "score.mjs": `let input = ""; process.stdin.on("data", (c) => (input += c)); process.stdin.on("end", () => {
  const { config } = JSON.parse(input);
  const count = (config.prompt.match(/concise/g) ?? []).length;
  console.log(JSON.stringify({ values: [count], userAttrs: { feedback: ["answers were " + (count ? "short" : "long")] } }));
});`,
      "study.yaml": `study: gen
space:
  prompt: {type: text, default: "Answer the question."}
objectives: [{name: score, direction: maximize}]
objective: {command: node score.mjs}
optimizer:
  name: generative
  seed: 0
  llm: {model: gpt-4o-mini, baseURL: "${server.baseURL}", apiKeyEnv: null, temperature: 0}
  minibatch: 1
  validation: false
budget: {trials: 4}
`,
    });
    const run = await runCli(["optimize", "study.yaml", "--json"], { cwd: dir });
    expect(run.stderr).toBe("");
    const summary = JSON.parse(run.stdout);
    expect(summary.trials.complete).toBe(4);
    expect(summary.best[0].values[0]).toBe(3);
    expect(summary.spend.optimizer.input_tokens).toBe(3 * 800);
    expect(summary.spend.optimizer.usd).toBeGreaterThan(0);
    expect(summary.spend.trials.usd).toBeUndefined();
    const trials = JSON.parse((await runCli(["trials", "gen", "--json"], { cwd: dir })).stdout);
    expect(trials[1].userAttrs.generative.diff).toContain("+Be concise.");
    expect(trials.map((t: { userAttrs: { generative: { version: number } } }) => t.userAttrs.generative.version)).toEqual([0, 1, 2, 3]);
  });
});
