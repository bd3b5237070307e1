import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { llamaCpp, metered } from "../../src/llm/index.js";
import { LLM_BASE_URL_ENV, LLM_THREADS_ENV, providerFromEnv, twoWikiTask } from "../../src/systems/multistage/index.js";
import { loadCorpusFolder, ragPipeline } from "../../src/systems/rag/index.js";
import { ValidationError } from "../../src/errors/index.js";
import { describeWithLocalModel, TEST_MODEL } from "../llm/local/local-runtime.js";
import { MINI_2WIKI } from "./multistage/helpers.js";

const describeLocal = await describeWithLocalModel();

// The story model's answers are nonsense: these tests prove the systems' LLM steps run on the
// embedded runtime (no server, no network), not that they score well.
describeLocal("the systems' LLM steps on the embedded model", () => {
  const llm = llamaCpp({ modelPath: TEST_MODEL, threads: 1, contextSize: 1024 });
  afterAll(() => llm.dispose());

  it("answers a RAG question with the local model as the generator", async () => {
    const provider = metered(llm);
    const corpus = loadCorpusFolder(fileURLToPath(new URL("./rag/fixtures/tiny-corpus", import.meta.url)));
    const pipeline = ragPipeline({ corpus, config: { chunker: "recursive", chunk_size: 80, overlap_pct: 0, top_k: 1, prompt_template: "concise", temperature: 0 }, provider, chatModel: "local", maxTokens: 16 });
    const result = await pipeline.answer("Who first lit the lighthouse lamp?");
    expect(result.reply.length).toBeGreaterThan(0);
    expect(result.chunks).toHaveLength(1);
    expect(provider.ledgerCost()).toMatchObject({ usd: 0, output_tokens: expect.any(Number) });
    expect(provider.ledgerCost().output_tokens).toBeGreaterThan(0);
  });

  it("runs the multi-stage 2wiki task on KNOBS_LLM_BASE_URL=local:<model>, counting its tokens", async () => {
    const saved = { base: process.env[LLM_BASE_URL_ENV], threads: process.env[LLM_THREADS_ENV] };
    process.env[LLM_BASE_URL_ENV] = `local:${TEST_MODEL}`;
    process.env[LLM_THREADS_ENV] = "1";
    try {
      expect(providerFromEnv().name).toBe("llama-cpp");
      const task = twoWikiTask({ path: MINI_2WIKI, verify: false, questionCounts: [1, 2, 3], concurrency: 1, sampleConcurrency: 1 });
      const config = { "retrieve.model": "Qwen/Qwen2.5-7B-Instruct-AWQ", "retrieve.samples": 1, "answer.model": "meta-llama/Llama-3.2-3B-Instruct", "answer.samples": 1 };
      const evaluation = await task.evaluate(config, { questions: 1 }, 0);
      expect(evaluation.values).toHaveLength(3);
      expect(evaluation.cost.output_tokens).toBeGreaterThan(0);
      expect(evaluation.cost.llm_calls).toBeGreaterThanOrEqual(1);
    } finally {
      for (const [name, value] of [[LLM_BASE_URL_ENV, saved.base], [LLM_THREADS_ENV, saved.threads]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }, 60_000);
});

it("rejects a KNOBS_LLM_THREADS that is not a positive integer", () => {
  expect(() => providerFromEnv({ [LLM_BASE_URL_ENV]: `local:${TEST_MODEL}`, [LLM_THREADS_ENV]: "two" })).toThrow(ValidationError);
  expect(() => providerFromEnv({ [LLM_BASE_URL_ENV]: `local:${TEST_MODEL}`, [LLM_THREADS_ENV]: "two" })).toThrow(/KNOBS_LLM_THREADS/);
});
