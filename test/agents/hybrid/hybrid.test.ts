import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hybridOptimizer } from "../../../src/agents/hybrid/index.js";
import { createOptimizer } from "../../../src/agents/index.js";
import { ValidationError } from "../../../src/errors/index.js";
import { openAICompatible } from "../../../src/llm/index.js";
import { categorical, float, int, Space, type Config } from "../../../src/space/index.js";
import { createStudy } from "../../../src/study/index.js";
import { chatCompletion, ScriptedServer } from "../../llm/scripted-server.js";

const PATH = "/chat/completions";
const space = Space.parse({
  x: float(-5, 5),
  n: int(1, 10),
  kind: categorical(["a", "b"]),
  w: { type: "float", low: 0, high: 1, when: { kind: "b" } },
});
const loss = (config: Config) => ((config.x as number) - 1) ** 2 + (config.n as number) / 10 + (config.kind === "b" ? (config.w as number) : 0.5);
const answer = (value: unknown) => ({ body: chatCompletion({ content: JSON.stringify(value), usage: { prompt_tokens: 500, completion_tokens: 50, total_tokens: 550 } }) });

describe("hybrid: a classical optimizer with an LLM's share of the proposals", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });
  const llm = () => ({ model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null, temperature: 0 });
  const study = (sampler: ReturnType<typeof hybridOptimizer>) =>
    createStudy({ name: "hybrid", storage: "memory:", space, objectives: [{ name: "loss", direction: "minimize" }], sampler, logger: () => {} });

  it("asks the LLM for 30% of the trials after the startup ones, uses its configurations and charges its calls", async () => {
    server.respond(PATH, () => answer({ reason: "x near 1 was best; few n", config: { x: 1.1, n: 1, kind: "b", w: 0.05 } }));
    const hybrid = await study(hybridOptimizer({ llm: llm(), seed: 3 }));
    await hybrid.optimize((trial) => loss(trial.config), { budget: { trials: 25 } });
    const records = hybrid.trials.map((trial) => trial.userAttrs.hybrid as { proposer: string; reason?: string; classicalProposal?: Config });
    const llmTrials = hybrid.trials.filter((_, i) => records[i]!.proposer === "llm");
    // Trials 5..24 are 20 turns, 30% of them the LLM's: 6, spread evenly.
    expect(llmTrials).toHaveLength(6);
    expect(records.slice(0, 5).every((record) => record.proposer === "classical")).toBe(true);
    for (const trial of llmTrials) {
      expect(trial.config).toEqual({ x: 1.1, n: 1, kind: "b", w: 0.05 });
      expect((trial.userAttrs.hybrid as { reason: string }).reason).toMatch(/x near 1/);
      expect((trial.userAttrs.hybrid as { classicalProposal: Config }).classicalProposal).toBeDefined();
    }
    expect(server.requests(PATH)).toHaveLength(6);
    const spend = await hybrid.spend();
    expect(spend.optimizer.input_tokens).toBe(6 * 500);
    expect(spend.optimizer.output_tokens).toBe(6 * 50);
  });

  it("shows the LLM the best trials, the classical proposal and the history, and sends the space as the reply's schema", async () => {
    server.respond(PATH, () => answer({ reason: "r", config: { x: 0, n: 2, kind: "a" } }));
    const hybrid = await study(hybridOptimizer({ llm: llm(), share: 1, startupTrials: 3 }));
    await hybrid.optimize((trial) => loss(trial.config), { budget: { trials: 4 } });
    const [request] = server.requests(PATH);
    const user = request!.body.messages.at(-1).content as string;
    expect(user).toMatch(/Best trials so far:\n#\d+ \[classical\]/);
    expect(user).toMatch(/The classical optimizer \(tpe\) would try next:\n\{"x":/);
    expect(user).toMatch(/Recent trials:\n#0 \[classical\]/);
    const schema = request!.body.response_format.json_schema.schema;
    expect(schema.properties.config.properties.x).toMatchObject({ type: "number", minimum: -5, maximum: 5 });
    expect(schema.properties.config.properties.n).toMatchObject({ type: "integer", minimum: 1, maximum: 10 });
  });

  it("fills the active parameters the LLM left out from the classical proposal and drops inactive ones", async () => {
    server.respond(PATH, () => answer({ reason: "r", config: { x: 2, kind: "a", w: 0.9 } }));
    const hybrid = await study(hybridOptimizer({ llm: llm(), share: 1, startupTrials: 2 }));
    await hybrid.optimize((trial) => loss(trial.config), { budget: { trials: 3 } });
    const trial = hybrid.trials[2]!;
    const record = trial.userAttrs.hybrid as { proposer: string; filled: string[]; classicalProposal: Config };
    expect(record.proposer).toBe("llm");
    expect(trial.config).toEqual({ x: 2, n: record.classicalProposal.n, kind: "a" });
    expect(record.filled).toEqual(["n"]);
  });

  it("clamps values outside their bounds and rounds integers, saying which", async () => {
    server.respond(PATH, () => answer({ reason: "r", config: { x: 99, n: 3.4, kind: "a" } }));
    const hybrid = await study(hybridOptimizer({ llm: llm(), share: 1, startupTrials: 2 }));
    await hybrid.optimize((trial) => loss(trial.config), { budget: { trials: 3 } });
    expect(hybrid.trials[2]!.config).toEqual({ x: 5, n: 3, kind: "a" });
    expect((hybrid.trials[2]!.userAttrs.hybrid as { clamped: string[] }).clamped).toEqual(["x"]);
  });

  it("gives a turn to the classical optimizer when the reply is unusable, saying why, still charging the calls", async () => {
    server.respond(PATH, () => answer({ reason: "r", config: { x: "far" } }));
    const hybrid = await study(hybridOptimizer({ llm: llm(), share: 1, startupTrials: 2, attempts: 2 }));
    await hybrid.optimize((trial) => loss(trial.config), { budget: { trials: 3 } });
    const record = hybrid.trials[2]!.userAttrs.hybrid as { proposer: string; fallback: string };
    expect(record.proposer).toBe("classical");
    expect(record.fallback).toMatch(/no usable answer in 2 attempts/);
    expect(server.requests(PATH)).toHaveLength(2);
    expect((await hybrid.spend()).optimizer.input_tokens).toBe(1000);
  });

  it("degrades to the classical optimizer when the LLM is unreachable, and stops asking after maxFailures", async () => {
    // No retries, so the test does not wait out the provider's backoff.
    const provider = openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null, maxRetries: 0 });
    await server.stop();
    const hybrid = await study(hybridOptimizer({ llm: { model: "gpt-4o-mini", provider }, share: 1, startupTrials: 1, maxFailures: 2 }));
    const summary = await hybrid.optimize((trial) => loss(trial.config), { budget: { trials: 5 } });
    expect(summary.complete).toBe(5);
    const records = hybrid.trials.map((trial) => trial.userAttrs.hybrid as { proposer: string; fallback?: string });
    expect(records.every((record) => record.proposer === "classical")).toBe(true);
    expect(records[1]!.fallback).toMatch(/the LLM call failed/);
    expect(records[2]!.fallback).toMatch(/failed 2 calls in a row/);
    expect(records[4]!.fallback).toMatch(/every later trial is the classical optimizer's/);
    server = await ScriptedServer.start();
  });

  it("with no llm is the classical optimizer, trial for trial, and says so", async () => {
    const alone = await study(createOptimizer("tpe", { seed: 5 }) as never);
    await alone.optimize((trial) => loss(trial.config), { budget: { trials: 15 } });
    const hybrid = await study(hybridOptimizer({ classical: "tpe", seed: 5 }));
    await hybrid.optimize((trial) => loss(trial.config), { budget: { trials: 15 } });
    expect(hybrid.trials.map((trial) => trial.config)).toEqual(alone.trials.map((trial) => trial.config));
    const turns = hybrid.trials.filter((trial) => (trial.userAttrs.hybrid as { fallback?: string }).fallback !== undefined);
    expect(turns.map((trial) => trial.number)).toEqual([8, 11, 14]);
    expect((turns[0]!.userAttrs.hybrid as { fallback: string }).fallback).toMatch(/no llm is configured/);
  });

  it("feeds the LLM's trials to the classical optimizer: its later proposals differ from a run without them", async () => {
    server.respond(PATH, () => answer({ reason: "r", config: { x: 1, n: 1, kind: "b", w: 0 } }));
    const mixed = await study(hybridOptimizer({ llm: llm(), classical: "tpe", seed: 5, startupTrials: 10 }));
    await mixed.optimize((trial) => loss(trial.config), { budget: { trials: 20 } });
    const alone = await study(hybridOptimizer({ classical: "tpe", seed: 5 }));
    await alone.optimize((trial) => loss(trial.config), { budget: { trials: 20 } });
    const firstLlm = mixed.trials.findIndex((trial) => (trial.userAttrs.hybrid as { proposer: string }).proposer === "llm");
    expect(firstLlm).toBeGreaterThanOrEqual(10);
    const later = mixed.trials.slice(firstLlm + 1).filter((trial) => (trial.userAttrs.hybrid as { proposer: string }).proposer === "classical");
    expect(later.some((trial) => JSON.stringify(trial.config) !== JSON.stringify(alone.trials[trial.number]!.config))).toBe(true);
  });

  it("is made by name, with CMA-ES as its classical optimizer, and rejects bad options naming them", () => {
    expect(createOptimizer("hybrid", { classical: "cmaes", share: 0.5 } as never).name).toBe("hybrid");
    expect(() => hybridOptimizer({ share: 2 })).toThrow(ValidationError);
    expect(() => hybridOptimizer({ classical: "nosuch" })).toThrow(/classical: expected a sampler name/);
    expect(() => hybridOptimizer({ shares: 0.2 } as never)).toThrow(/shares/);
  });
});
