import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bestArtifact, generativeOptimizer, unifiedDiff } from "../../../src/agents/generative/index.js";
import { LlmNetworkError, MissingApiKeyError, openAICompatible, type Provider } from "../../../src/llm/index.js";
import { randomSampler } from "../../../src/samplers/random.js";
import { MemoryStorage } from "../../../src/storage/index.js";
import { createStudy, type ObjectiveFunction } from "../../../src/study/index.js";
import { chatCompletion, ScriptedServer } from "../../llm/scripted-server.js";
import { appendLine, lastUserMessage, layout, recordOf, reply, runGenerative } from "./harness.js";

/** Score: the number of lines of the prompt; feedback: three trace entries naming the trial. */
const linesObjective: ObjectiveFunction = async (trial) => {
  await trial.setUserAttr("feedback", [`trial ${trial.number}: read input`, `trial ${trial.number}: answered`, `trial ${trial.number}: scored`]);
  return String(trial.config.prompt).split("\n").length;
};

/** gpt-4o-mini: $0.15 per 1M input tokens, $0.60 per 1M output; chatCompletion's default usage is 12 in, 5 out. */
const USD_PER_CALL = (12 * 0.15 + 5 * 0.6) / 1_000_000;

let server: ScriptedServer;
beforeEach(async () => {
  server = await ScriptedServer.start();
});
afterEach(() => server.stop());

describe("generativeOptimizer: the learning loop", () => {
  it("updates once `minibatch` training trials of the current artifact finished, from exactly those", async () => {
    server.respond("/chat/completions", appendLine("Be brief."));
    const study = await runGenerative({ server, options: { minibatch: 3, validation: false }, objective: linesObjective, trials: 8 });
    expect(layout(study.trials)).toBe("0t 0t 0t 1t 1t 1t 2t 2t");
    const requests = server.requests("/chat/completions");
    expect(requests).toHaveLength(2);
    const first = lastUserMessage(requests[0]);
    expect([...first.matchAll(/<trial number="(\d+)"/g)].map((match) => Number(match[1]))).toEqual([0, 1, 2]);
    expect(first).toContain("# Feedback: 3 trials of version 0");
    const second = lastUserMessage(requests[1]);
    expect([...second.matchAll(/<trial number="(\d+)"/g)].map((match) => Number(match[1]))).toEqual([3, 4, 5]);
    expect(recordOf(study.trials[3]).minibatch).toEqual([0, 1, 2]);
    expect(recordOf(study.trials[6]).minibatch).toEqual([3, 4, 5]);
  });

  it("stores each update's diff, reasoning and template on the first trial of the new version only", async () => {
    server.respond("/chat/completions", appendLine("Be brief."));
    const study = await runGenerative({ server, options: { validation: false }, objective: linesObjective, trials: 6 });
    const [t0, , t2, t3, t4] = study.trials;
    expect(recordOf(t0)).toEqual({ version: 0, split: "train" });
    expect(recordOf(t2)).toEqual({
      version: 1,
      split: "train",
      parent: 0,
      diff: unifiedDiff("Be helpful.", "Be helpful.\nBe brief.", { name: "prompt" }),
      reasoning: "add Be brief.",
      template: "generative/update.v1",
      minibatch: [0, 1],
      attempts: 1,
    });
    expect(recordOf(t2).diff).toBe("--- a/prompt\n+++ b/prompt\n@@ -1,1 +1,2 @@\n Be helpful.\n+Be brief.");
    expect(recordOf(t3)).toEqual({ version: 1, split: "train" });
    expect(recordOf(t4)).toMatchObject({ version: 2, parent: 1, diff: "--- a/prompt\n+++ b/prompt\n@@ -1,2 +1,3 @@\n Be helpful.\n Be brief.\n+Be brief." });
    expect(t4.config.prompt).toBe("Be helpful.\nBe brief.\nBe brief.");
  });

  it("charges each update's spend as optimizer cost, in usd for gpt-4o-mini", async () => {
    server.respond("/chat/completions", appendLine("x"));
    const study = await runGenerative({ server, options: { validation: false }, objective: linesObjective, trials: 6 });
    const spend = await study.spend();
    expect(spend.optimizer).toMatchObject({ input_tokens: 24, output_tokens: 10 });
    expect(spend.optimizer.usd).toBeCloseTo(2 * USD_PER_CALL, 12);
    expect(spend.trials).toEqual({});
  });

  it("proposes validation trials (fidelity split: validation) for version 0 and every `every`-th version", async () => {
    server.respond("/chat/completions", appendLine("more"));
    const study = await runGenerative({ server, options: { minibatch: 1, validation: { every: 2 } }, objective: linesObjective, trials: 7 });
    expect(layout(study.trials)).toBe("0v 0t 1t 2v 2t 3t 4v");
    expect(study.trials.map((trial) => trial.fidelity)).toEqual([{ split: "validation" }, null, null, { split: "validation" }, null, null, { split: "validation" }]);
    // Validation feedback never reaches the LLM: the updates read training trials only.
    expect(study.trials.filter((trial) => recordOf(trial).minibatch).map((trial) => recordOf(trial).minibatch)).toEqual([[1], [2], [4], [5]]);
    expect(bestArtifact(study)).toMatchObject({ version: 4, validationScore: 5, validationTrials: [6] });
  });

  it("runs `trials` validation trials per validated version, and none with validation: false", async () => {
    server.respond("/chat/completions", appendLine("more"));
    const twice = await runGenerative({ server, options: { minibatch: 1, validation: { trials: 2 } }, objective: linesObjective, trials: 6 });
    expect(layout(twice.trials)).toBe("0v 0v 0t 1v 1v 1t");
    const none = await runGenerative({ server, options: { minibatch: 1, validation: false }, objective: linesObjective, trials: 3 });
    expect(layout(none.trials)).toBe("0t 1t 2t");
    expect(bestArtifact(none)).toBeNull();
  });

  it("starts from `startingArtifact` instead of the parameter's default", async () => {
    server.respond("/chat/completions", appendLine("x"));
    const study = await runGenerative({ server, options: { startingArtifact: "Start here.", validation: false }, objective: linesObjective, trials: 2 });
    expect(study.trials.map((trial) => trial.config.prompt)).toEqual(["Start here.", "Start here."]);
  });
});

describe("generativeOptimizer: replies", () => {
  it("retries a malformed JSON reply and a refusal, then uses the answer", async () => {
    server.script(
      "/chat/completions",
      reply("{reasoning: oops"),
      { body: chatCompletion({ content: null, refusal: "I can't help with that." }) },
      reply({ reasoning: "fixed", artifact: "Be helpful and brief." }),
    );
    const study = await runGenerative({ server, options: { validation: false }, objective: linesObjective, trials: 3 });
    expect(study.trials[2].config.prompt).toBe("Be helpful and brief.");
    expect(recordOf(study.trials[2])).toMatchObject({ attempts: 3, reasoning: "fixed" });
    const requests = server.requests("/chat/completions");
    expect(lastUserMessage(requests[1])).toMatch(/^Your answer could not be used: the JSON does not parse \(.+\)\. Answer again with the JSON only\.$/);
    expect(lastUserMessage(requests[2])).toBe("Your answer could not be used: the model refused (I can't help with that.). Answer again with the JSON only.");
    expect((await study.spend()).optimizer.input_tokens).toBe(36);
  });

  it("keeps the artifact when a json artifact never parses, records why, charges the attempts, and goes on", async () => {
    const bad = reply({ reasoning: "r", artifact: "{steps: [}" });
    server.script("/chat/completions", bad, bad, bad, reply({ reasoning: "ok", artifact: '{"steps": ["search"]}' }));
    const study = await runGenerative({
      server,
      space: { workflow: { type: "text", default: '{"steps": []}', format: "json" } },
      options: { validation: false },
      objective: async (trial) => JSON.parse(String(trial.config.workflow)).steps.length,
      trials: 5,
    });
    expect(study.trials.map((trial) => trial.config.workflow)).toEqual(['{"steps": []}', '{"steps": []}', '{"steps": []}', '{"steps": []}', '{"steps": ["search"]}']);
    const failed = recordOf(study.trials[2]);
    expect(failed).toMatchObject({ version: 1, parent: 0, diff: "", attempts: 3 });
    expect(failed.failure).toContain("the workflow artifact must be valid JSON (format json), but it does not parse");
    expect(failed.reasoning).toBeUndefined();
    expect(recordOf(study.trials[4])).toMatchObject({ version: 2, parent: 1, reasoning: "ok" });
    // The second update's memory shows the failed one.
    expect(lastUserMessage(server.requests("/chat/completions")[3])).toContain("The update failed (");
    const spend = await study.spend();
    expect(spend.optimizer.input_tokens).toBe(4 * 12);
    expect(spend.optimizer.usd).toBeCloseTo(4 * USD_PER_CALL, 12);
  });

  it("syntax-checks a code artifact and sends the error back", async () => {
    server.script(
      "/chat/completions",
      reply({ reasoning: "r", artifact: "export default (x) => {" }),
      reply({ reasoning: "r", artifact: "export default (x) => x * 3;" }),
    );
    const study = await runGenerative({
      server,
      space: { solver: { type: "text", default: "export default (x) => x;", format: "code" } },
      options: { validation: false },
      objective: () => 1,
      trials: 3,
    });
    expect(study.trials[2].config.solver).toBe("export default (x) => x * 3;");
    const retry = lastUserMessage(server.requests("/chat/completions")[1]);
    expect(retry).toMatch(/^Your answer could not be used: the JSON does not match the expected shape \(artifact: the solver code does not parse as an ES module: SyntaxError: Unexpected end of input/);
  });

  it("asks for a map when several text parameters are trainable and stores one diff per parameter", async () => {
    server.script("/chat/completions", reply({ reasoning: "both", artifact: { system: "Be exact.", examples: '["q1","q2"]' } }));
    const study = await runGenerative({
      server,
      space: { system: { type: "text", default: "Be nice." }, examples: { type: "text", default: '["q1"]', format: "json" } },
      options: { validation: false },
      objective: () => 1,
      trials: 3,
    });
    expect(study.trials[2].config).toEqual({ system: "Be exact.", examples: '["q1","q2"]' });
    expect(recordOf(study.trials[2]).diff).toBe(
      ["--- a/system", "+++ b/system", "@@ -1,1 +1,1 @@", "-Be nice.", "+Be exact.", "--- a/examples", "+++ b/examples", "@@ -1,1 +1,1 @@", '-["q1"]', '+["q1","q2"]'].join("\n"),
    );
  });

  it("trains only the `trainable` parameters and leaves other text parameters at their default", async () => {
    server.respond("/chat/completions", () => reply({ reasoning: "r", artifact: "new" }));
    const study = await runGenerative({
      server,
      space: { system: { type: "text", default: "s" }, footer: { type: "text", default: "f" } },
      options: { validation: false, trainable: ["system"] },
      objective: () => 1,
      trials: 3,
    });
    expect(study.trials[2].config).toEqual({ system: "new", footer: "f" });
    expect(lastUserMessage(server.requests("/chat/completions")[0])).not.toContain('name="footer"');
  });

  it("keeps the artifact when the endpoint keeps failing (a retryable error), and records it", async () => {
    const failing: Provider = {
      name: "failing",
      chat: async () => {
        throw new LlmNetworkError("POST http://127.0.0.1:9/chat/completions", "ECONNREFUSED");
      },
      embed: async () => {
        throw new Error("unused");
      },
    };
    const study = await createStudy({
      name: "down",
      storage: "memory:",
      space: { prompt: { type: "text", default: "p" } },
      direction: "maximize",
      sampler: generativeOptimizer({ llm: { model: "gpt-4o-mini", provider: failing }, minibatch: 1, validation: false }),
      logger: () => {},
    });
    await study.optimize(linesObjective, { budget: { trials: 3 } });
    expect(study.trials.map((trial) => trial.config.prompt)).toEqual(["p", "p", "p"]);
    expect(recordOf(study.trials[1]).failure).toBe("the LLM call failed: POST http://127.0.0.1:9/chat/completions failed before any HTTP answer: ECONNREFUSED");
  });

  // Issue 17, item 8: one 200 answer whose body is not JSON stopped the study (exit 2), while
  // 500s, timeouts and resets were absorbed. It is now a failed call like them.
  describe("a 200 answer whose body is not JSON", () => {
    const fastRetries = () => openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null, maxRetries: 2, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    const garbled = { body: "<html><body>502 Bad Gateway</body></html>" };
    const run = (provider: Provider) =>
      createStudy({
        name: "garbled",
        storage: "memory:",
        space: { prompt: { type: "text", default: "p" } },
        direction: "maximize",
        sampler: generativeOptimizer({ llm: { model: "gpt-4o-mini", provider }, minibatch: 1, validation: false }),
        logger: () => {},
      });

    it("is retried by the client, and the retry's answer is used", async () => {
      server.script("/chat/completions", garbled, reply({ reasoning: "r", artifact: "p2" }));
      const study = await run(fastRetries());
      const summary = await study.optimize(linesObjective, { budget: { trials: 2 } });
      expect(summary).toMatchObject({ complete: 2, failed: 0 });
      expect(study.trials[1].config.prompt).toBe("p2");
      expect(server.requests("/chat/completions")).toHaveLength(2);
    });

    it("fails the update (artifact kept, failure recorded) when every retry gets one, and the study goes on", async () => {
      server.respond("/chat/completions", () => garbled);
      const study = await run(fastRetries());
      const summary = await study.optimize(linesObjective, { budget: { trials: 4 } });
      expect(summary).toMatchObject({ complete: 4, failed: 0 });
      expect(study.trials.map((trial) => trial.config.prompt)).toEqual(["p", "p", "p", "p"]);
      expect(recordOf(study.trials[1]).failure).toMatch(/^the LLM call failed: the response body of POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions is not JSON \(received: "<html>/);
      // Three updates, each the first attempt and its two retries.
      expect(server.requests("/chat/completions")).toHaveLength(9);
    });
  });

  it("stops the study with the configuration error when the API key is missing", async () => {
    const study = await createStudy({
      name: "nokey",
      storage: "memory:",
      space: { prompt: { type: "text", default: "p" } },
      direction: "maximize",
      sampler: generativeOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: "KNOBS_TEST_UNSET_KEY" }, minibatch: 1, validation: false }),
      logger: () => {},
    });
    await expect(study.optimize(linesObjective, { budget: { trials: 3 } })).rejects.toThrow(MissingApiKeyError);
  });
});

describe("generativeOptimizer: other parameters, determinism, resuming", () => {
  const mixed = { prompt: { type: "text" as const, default: "p" }, temperature: { type: "float" as const, low: 0, high: 1 }, top_k: { type: "int" as const, low: 1, high: 9 } };

  it("holds one seeded configuration of the other parameters for the whole run; `fixed` overrides it", async () => {
    server.respond("/chat/completions", appendLine("x"));
    const held = await runGenerative({ server, space: mixed, options: { validation: false }, objective: () => 1, trials: 5 });
    const temperatures = new Set(held.trials.map((trial) => trial.config.temperature));
    expect(temperatures.size).toBe(1);
    const other = await runGenerative({ server, space: mixed, options: { validation: false, seed: 1 }, objective: () => 1, trials: 1 });
    expect(other.trials[0].config.temperature).not.toBe([...temperatures][0]);
    const fixed = await runGenerative({ server, space: mixed, options: { validation: false, fixed: { temperature: 0.2 } }, objective: () => 1, trials: 3 });
    expect(fixed.trials.map((trial) => trial.config.temperature)).toEqual([0.2, 0.2, 0.2]);
    expect(new Set(fixed.trials.map((trial) => trial.config.top_k)).size).toBe(1);
  });

  it("asks the `inner` sampler for the other parameters at every trial", async () => {
    server.respond("/chat/completions", appendLine("x"));
    const study = await runGenerative({ server, space: mixed, options: { validation: false, inner: randomSampler({ seed: 3 }) }, objective: () => 1, trials: 4 });
    expect(new Set(study.trials.map((trial) => trial.config.temperature)).size).toBe(4);
    expect(study.trials[3].config.prompt).toBe("p\nx");
  });

  it("gives the same trajectory for the same seed and replies", async () => {
    server.respond("/chat/completions", appendLine("again"));
    const run = async () => {
      const study = await runGenerative({ server, space: mixed, options: { minibatch: 2 }, objective: linesObjective, trials: 9 });
      return study.trials.map((trial) => ({ config: trial.config, fidelity: trial.fidelity, userAttrs: trial.userAttrs, values: trial.values }));
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((trial) => recordOf(trial as never).diff !== undefined)).toHaveLength(2);
  });

  it("continues the same loop when the study is resumed with a new optimizer object", async () => {
    server.respond("/chat/completions", appendLine("x"));
    const storage = new MemoryStorage();
    await runGenerative({ server, storage, name: "resumed", options: { minibatch: 2 }, objective: linesObjective, trials: 4 });
    const study = await runGenerative({ server, storage, name: "resumed", options: { minibatch: 2 }, objective: linesObjective, trials: 8 });
    expect(layout(study.trials)).toBe("0v 0t 0t 1v 1t 1t 2v 2t");
    expect(server.requests("/chat/completions")).toHaveLength(2);
  });

  it("makes one update per version when trials run concurrently", async () => {
    server.respond("/chat/completions", appendLine("x"));
    const study = await createStudy({
      name: "concurrent",
      storage: "memory:",
      space: { prompt: { type: "text", default: "p" } },
      direction: "maximize",
      sampler: generativeOptimizer({ llm: { model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: null }, minibatch: 2 }),
      logger: () => {},
    });
    await study.optimize(linesObjective, { budget: { trials: 12 }, concurrency: 3 });
    const versions = study.trials.map((trial) => recordOf(trial).version);
    const last = Math.max(...versions);
    for (let version = 1; version <= last; version++) {
      const made = study.trials.filter((trial) => recordOf(trial).version === version && recordOf(trial).diff !== undefined);
      expect(made).toHaveLength(1);
      expect(made[0].number).toBe(Math.min(...study.trials.filter((trial) => recordOf(trial).version === version).map((trial) => trial.number)));
    }
    expect(server.requests("/chat/completions")).toHaveLength(last);
  });
});

describe("generativeOptimizer: options", () => {
  const llm = { model: "gpt-4o-mini", provider: { name: "unused" } as unknown as Provider };

  it("rejects bad settings with a ValidationError naming each field", () => {
    expect(() => generativeOptimizer({ llm, minibatch: 0, memory: -1, creditHorizon: { entries: 0 }, validation: { every: 0 } })).toThrow(
      [
        "generative optimizer: minibatch: Too small: expected number to be >=1",
        "generative optimizer: creditHorizon.entries: Too small: expected number to be >=1",
        "generative optimizer: memory: Too small: expected number to be >=0",
        "generative optimizer: validation.every: Too small: expected number to be >=1",
      ].join("\n"),
    );
    expect(() => generativeOptimizer({ llm, batch: 3 } as never)).toThrow(/^generative optimizer: batch: unknown option: expected one of llm, seed, trainable, .*, maxTokens$/);
    expect(() => generativeOptimizer({} as never)).toThrow("generative.llm: expected an object like");
  });

  it("checks the options against the space at the first ask", async () => {
    const ask = async (space: Record<string, unknown>, options: Record<string, unknown>) => {
      const study = await createStudy({ name: "s", storage: "memory:", space: space as never, direction: "maximize", sampler: generativeOptimizer({ llm, ...options }), logger: () => {} });
      return study.ask();
    };
    await expect(ask({ x: { type: "float", low: 0, high: 1 } }, {})).rejects.toThrow(
      'generative optimizer: trainable: the space has no text parameter to train: add one like { type: "text", default: "<starting prompt>" }',
    );
    await expect(ask({ x: { type: "float", low: 0, high: 1 }, p: { type: "text", default: "a" } }, { trainable: ["x", "q"] })).rejects.toThrow(
      'generative optimizer: trainable[0]: "x" is a float parameter; only text parameters can be trained\ngenerative optimizer: trainable[1]: the space has no parameter "q"',
    );
    await expect(ask({ p: { type: "text", default: "a" }, q: { type: "text", default: "b" } }, { startingArtifact: "one text" })).rejects.toThrow(
      "generative optimizer: startingArtifact: expected a map parameter -> text, since 2 parameters are trainable (p, q)",
    );
    await expect(ask({ p: { type: "text", default: "{}", format: "json" } }, { startingArtifact: "{oops" })).rejects.toThrow(
      'generative optimizer: startingArtifact.p: expected a string holding JSON, received "{oops"',
    );
    await expect(ask({ p: { type: "text", default: "a" } }, { fixed: { p: "b" } })).rejects.toThrow('generative optimizer: fixed.p: "p" is trainable; a trainable parameter cannot be fixed');
  });
});
