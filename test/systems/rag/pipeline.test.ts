import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAICompatible } from "../../../src/llm/index.js";
import { rngFor } from "../../../src/math/index.js";
import type { Config } from "../../../src/space/index.js";
import {
  CorpusIndexer,
  DEFAULT_RAG_CONFIG,
  evaluateLexical,
  llmJudge,
  llmReranker,
  loadCorpusFolder,
  parseRagSettings,
  RAG_SPACE,
  ragPipeline,
  ragSpace,
} from "../../../src/systems/rag/index.js";
import { chatCompletion, ScriptedServer } from "../../llm/scripted-server.js";
import { fakeProvider } from "./fake-provider.js";

const corpus = loadCorpusFolder(fileURLToPath(new URL("./fixtures/tiny-corpus", import.meta.url)));
const small = { chunker: "recursive", chunk_size: 80, overlap_pct: 0, top_k: 1 };

describe("the RAG space", () => {
  it("without a provider has BM25 knobs only", () => {
    expect(ragSpace().names).toEqual(["chunker", "chunk_size", "chunk_tokens", "overlap_pct", "bm25_k1", "bm25_b", "rerank", "rerank_threshold", "top_k"]);
  });

  it("RAG_SPACE adds retrievers, fusion under conditions, and generation knobs", () => {
    expect([...RAG_SPACE.names].sort()).toEqual(
      ["alpha", "bm25_b", "bm25_k1", "chunk_size", "chunk_tokens", "chunker", "fusion", "overlap_pct", "prompt_template", "retriever", "rerank", "rerank_threshold", "rrf_k", "temperature", "top_k"].sort(),
    );
    expect(RAG_SPACE.isActive("fusion", { retriever: "hybrid" })).toBe(true);
    expect(RAG_SPACE.isActive("fusion", { retriever: "dense" })).toBe(false);
    expect(RAG_SPACE.isActive("bm25_k1", { retriever: "dense" })).toBe(false);
    expect(RAG_SPACE.isActive("rrf_k", { retriever: "hybrid", fusion: "rrf" })).toBe(true);
    expect(RAG_SPACE.isActive("alpha", { retriever: "hybrid", fusion: "rrf" })).toBe(false);
    expect(ragSpace({ retrievers: ["bm25", "dense"], embeddingModels: ["small", "large"] }).params.embedding_model).toEqual({
      type: "categorical",
      choices: ["small", "large"],
      when: { retriever: ["dense"] },
    });
  });

  it("every sampled configuration parses into valid settings (overlap < size)", () => {
    const rng = rngFor(0, "rag-space");
    for (let i = 0; i < 300; i++) {
      const config = RAG_SPACE.sample(rng);
      const settings = parseRagSettings(config);
      expect(settings.chunking.overlap).toBeLessThan(settings.chunking.size);
      expect(settings.chunking.size).toBe(config.chunker === "tokens" ? config.chunk_tokens : config.chunk_size);
      if (config.retriever === "hybrid") expect(settings.fusion.kind).toBe(config.fusion);
    }
  });

  it("fills absent knobs from the defaults and turns overlap_pct into units of the chunker", () => {
    const settings = parseRagSettings({});
    expect(settings).toMatchObject({ chunking: { kind: "recursive", size: 800, overlap: 200 }, retriever: "bm25", bm25: { k1: 1.2, b: 0.75 }, topK: 5 });
    expect(parseRagSettings({ chunker: "tokens", chunk_tokens: 3, overlap_pct: 50 }).chunking).toEqual({ kind: "tokens", size: 3, overlap: 2 });
    expect(parseRagSettings({ chunk_size: 1, overlap_pct: 50 }).chunking.overlap).toBe(0);
    expect(() => parseRagSettings({ retriever: "sparse" })).toThrow('RAG config "retriever": expected one of bm25, dense, hybrid, received "sparse"');
    expect(ragSpace().check(DEFAULT_RAG_CONFIG)).toEqual([]);
    expect(RAG_SPACE.check({ ...DEFAULT_RAG_CONFIG, retriever: "bm25", prompt_template: "concise", temperature: 0 })).toEqual([]);
  });
});

describe("ragPipeline with BM25", () => {
  it("retrieves the sentence that answers the question", async () => {
    const pipeline = ragPipeline({ corpus, config: small });
    const [chunk] = await pipeline.retrieve("Who first lit the lighthouse lamp?");
    expect(chunk.docId).toBe("lighthouse");
    expect(chunk.text).toContain("Ada Morrow");
  });

  it("scores retrieval exactly as the offline evaluation does, and only questions with gold spans", async () => {
    const configs: Config[] = [small, { ...small, rerank: true, rerank_threshold: 0.5, top_k: 2 }, { chunker: "tokens", chunk_tokens: 12, overlap_pct: 25, top_k: 3 }];
    for (const config of configs) {
      const indexer = new CorpusIndexer(corpus);
      const evaluation = await ragPipeline({ corpus: indexer, config }).evaluate();
      const offline = evaluateLexical(indexer, parseRagSettings(config));
      expect(evaluation.questions).toBe(8);
      expect(offline.questions).toBe(7);
      expect(evaluation.retrieval).toEqual(offline.scores);
      expect(evaluation.answers).toBeNull();
      expect(evaluation.perQuestion[7].retrieval).toBeUndefined();
    }
  });

  it("with whole-document chunks, retrieves the right document for every question (recall 1, hit rate 1, MRR 1)", async () => {
    const { retrieval } = await ragPipeline({ corpus, config: { chunker: "chars", chunk_size: 4000, overlap_pct: 0, top_k: 1 } }).evaluate();
    expect(retrieval).toMatchObject({ recall: 1, hitRate: 1, mrr: 1, ndcg: 1 });
  });

  it("without a provider refuses dense retrieval and generation by name", async () => {
    await expect(ragPipeline({ corpus, config: { retriever: "dense" }, embeddingModel: "e" }).retrieve("x")).rejects.toThrow(
      "dense retrieval needs an LLM provider: pass `provider` to ragPipeline",
    );
    await expect(ragPipeline({ corpus, config: { retriever: "dense" }, provider: fakeProvider() }).retrieve("x")).rejects.toThrow(
      'retriever "dense" needs an embedding model',
    );
    await expect(ragPipeline({ corpus }).answer("x")).rejects.toThrow("generation needs a chat model");
  });
});

describe("ragPipeline with a provider", () => {
  it("dense retrieval embeds the chunks once and the questions in a batch, and meters the tokens", async () => {
    const provider = fakeProvider();
    const pipeline = ragPipeline({ corpus, config: { ...small, retriever: "dense" }, provider, embeddingModel: "hash" });
    const [chunk] = await pipeline.retrieve("What powers the orchard's cider press?");
    expect(chunk.text).toContain("water power");
    const evaluation = await pipeline.evaluate();
    expect(evaluation.retrieval?.hitRate).toBeGreaterThan(0.8);
    // One embed call for the chunks, one for the single question, one batch for the eight questions.
    expect(provider.embeds.map((e) => e.input.length)).toEqual([pipeline.indexer.index(pipeline.settings.chunking).chunks.length, 1, 8]);
    expect(evaluation.cost.input_tokens).toBeGreaterThan(0);
  });

  it("hybrid retrieval fuses dense and BM25 lists with RRF or weights", async () => {
    const fusions: Config[] = [{ fusion: "rrf", rrf_k: 60 }, { fusion: "weighted", alpha: 0.3 }];
    for (const fusion of fusions) {
      const pipeline = ragPipeline({ corpus, config: { ...small, retriever: "hybrid", ...fusion }, provider: fakeProvider(), embeddingModel: "hash" });
      const [chunk] = await pipeline.retrieve("What powers the orchard's cider press?");
      expect(chunk.text).toContain("water power");
    }
  });

  it("an LLM reranker replaces the lexical one and its cost is counted", async () => {
    // The reranker rates only the glacier passage high.
    const provider = fakeProvider((prompt) => (prompt.includes("Passage:\nThe Tarn glacier") ? "9" : "1"));
    const reranker = llmReranker({ provider, model: "judge" });
    const pipeline = ragPipeline({ corpus, config: { ...small, rerank: true, rerank_threshold: 0.5, top_k: 3 }, reranker });
    const chunks = await pipeline.retrieve("How far did the Tarn glacier retreat?");
    expect(chunks.map((c) => c.score)).toEqual([0.9]);
    expect(chunks[0].text).toContain("four hundred meters");
    const { cost } = await pipeline.evaluate({ questions: corpus.questions.slice(0, 1) });
    expect(cost.input_tokens).toBeGreaterThan(0);
  });

  it("generates, scores EM and F1 against gold answers, and asks the judge", async () => {
    const golds = new Map(corpus.questions.map((q) => [q.question, q.answers?.[0] ?? "unknown"]));
    const provider = fakeProvider((prompt) => {
      if (prompt.startsWith("You grade answers")) return prompt.includes("Candidate answer: unknown") ? "INCORRECT" : "CORRECT";
      const question = prompt.slice(prompt.lastIndexOf("Question: ") + "Question: ".length);
      return question.startsWith("When do researchers") ? "in August" : `Answer: ${golds.get(question)}`;
    });
    const pipeline = ragPipeline({
      corpus,
      config: { ...small, prompt_template: "reasoning", temperature: 0.5 },
      provider,
      chatModel: "chat",
      judge: llmJudge({ provider, model: "judge" }),
    });
    const evaluation = await pipeline.evaluate();
    const answers = evaluation.answers;
    expect(answers?.answered).toBe(8);
    // 6 of 7 gold answers exact; "in August" vs "every August" has F1 0.5.
    expect(answers?.exactMatch).toBeCloseTo(6 / 7, 12);
    expect(answers?.f1).toBeCloseTo((6 + 0.5) / 7, 12);
    expect(answers?.judge).toBeCloseTo(7 / 8, 12);
    const generation = provider.chats.find((c) => c.model === "chat");
    expect(generation?.temperature).toBe(0.5);
    expect(generation?.messages[0].content).toMatch(/^Read the numbered passages.*\n\n\[1\] /s);
    expect(evaluation.cost).toMatchObject({ input_tokens: 16 * 10, output_tokens: 16 * 2 });
  });
});

describe("ragPipeline over HTTP (local scripted OpenAI-compatible server)", () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it("sends the rendered prompt with the configured temperature and extracts the answer", async () => {
    server.script("/chat/completions", { body: chatCompletion({ content: " keeper Ada Morrow " }) });
    const provider = openAICompatible({ baseURL: server.baseURL, apiKeyEnv: null });
    const pipeline = ragPipeline({ corpus, config: { ...small, prompt_template: "concise", temperature: 0.2 }, provider, chatModel: "gpt-4o-mini", maxTokens: 32 });
    const result = await pipeline.answer("Who first lit the lighthouse lamp?");
    expect(result.answer).toBe("keeper Ada Morrow");
    const [request] = server.requests("/chat/completions");
    expect(request.body.temperature).toBe(0.2);
    expect(request.body.model).toBe("gpt-4o-mini");
    expect(request.body.messages[0].content).toContain("[1] Its lamp was first lit by keeper Ada Morrow.");
    expect(request.body.messages[0].content).toMatch(/Question: Who first lit the lighthouse lamp\?$/);
  });
});
