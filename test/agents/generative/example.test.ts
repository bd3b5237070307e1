import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bestArtifact, generativeOptimizer, GENERATIVE_ATTR, type GenerativeRecord } from "../../../src/agents/generative/index.js";
import { openAICompatible } from "../../../src/llm/index.js";
import { createStudy } from "../../../src/study/index.js";
import { sentimentObjective } from "../../../examples/generative-prompt/objective.js";
import { SENTIMENT_OPTIMIZER_MODEL as OPTIMIZER_MODEL, SENTIMENT_SUT_MODEL as SUT_MODEL, ScriptedServer, serveSentimentModels } from "../../../src/testing/index.js";

const STARTING_PROMPT = "Classify the sentiment of the customer message.";

describe("examples/generative-prompt against the scripted server", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = serveSentimentModels(await ScriptedServer.start());
  });
  afterAll(() => server.stop());

  it("improves the prompt: the returned artifact validates better than the starting one", async () => {
    const study = await createStudy({
      name: "generative-prompt",
      storage: "memory:",
      space: { system_prompt: { type: "text", default: STARTING_PROMPT, format: "prompt" } },
      objectives: [{ name: "accuracy", direction: "maximize" }],
      sampler: generativeOptimizer({
        llm: { model: OPTIMIZER_MODEL, baseURL: server.baseURL, apiKeyEnv: null, temperature: 0 },
        minibatch: 2,
        memory: 3,
        creditHorizon: { entries: 8, chars: 2000 },
        task: "The artifact is the system prompt of a sentiment classifier for customer messages.",
      }),
      logger: () => {},
    });
    const provider = openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null });
    const summary = await study.optimize(sentimentObjective({ provider, model: SUT_MODEL }), { budget: { trials: 12 } });
    expect(summary).toMatchObject({ complete: 12, failed: 0 });

    const records = study.trials.map((trial) => trial.userAttrs[GENERATIVE_ATTR] as GenerativeRecord);
    // v0: validation + 2 training trials, then each update makes a version validated first.
    expect(records.map((record) => `${record.version}${record.split[0]}`)).toEqual(["0v", "0t", "0t", "1v", "1t", "1t", "2v", "2t", "2t", "3v", "3t", "3t"]);

    const validation = study.trials.filter((trial) => trial.fidelity?.split === "validation").map((trial) => trial.values![0]);
    expect(validation).toEqual([0, 3 / 9, 6 / 9, 1]);

    const best = bestArtifact(study)!;
    expect(best.version).toBe(3);
    expect(best.validationScore).toBe(1);
    expect(best.validationScore).toBeGreaterThan(validation[0]);
    expect(best.artifact.system_prompt).toBe(
      [
        STARTING_PROMPT,
        "Answer with the label only: positive, negative or neutral.",
        "Watch for sarcasm: praise words wrapped around a complaint mean the message is negative.",
        "If a message is mixed, with both a positive and a negative point, answer neutral.",
      ].join("\n"),
    );

    // Three updates, each paid for as optimizer spend (gpt-4o-mini is priced), apart from the system's calls.
    const spend = await study.spend();
    expect(spend.optimizer.input_tokens).toBe(3 * 1500);
    expect(spend.optimizer.usd).toBeGreaterThan(0);
    expect(spend.trials.usd).toBeUndefined(); // the simulated system-under-test model has no price
    await study.close();
  });
});
