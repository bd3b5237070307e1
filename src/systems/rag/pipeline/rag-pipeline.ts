import { KnobsError } from "../../../errors/index.js";
import { addCosts, metered, toLedgerCost, type LlmCost, type MeteredProvider, type Provider } from "../../../llm/index.js";
import type { Config } from "../../../space/index.js";
import type { Chunk } from "../chunking/spec.js";
import type { Corpus, RagQuestion } from "../corpus/spec.js";
import { exactMatch, tokenF1 } from "../metrics/answer-metrics.js";
import type { AnswerJudge } from "../metrics/llm-judge.js";
import type { SpanMetricMode } from "../metrics/span-metrics.js";
import { DenseIndex } from "../retrieval/dense-index.js";
import { reciprocalRankFusion, weightedScoreFusion } from "../retrieval/fusion.js";
import { applyRerank, coverageScores } from "../retrieval/lexical-rerank.js";
import type { Reranker } from "../retrieval/reranker.js";
import type { Scored } from "../retrieval/spec.js";
import type { ChunkIndex } from "./chunk-index.js";
import { CorpusIndexer } from "./corpus-indexer.js";
import { mapLimit } from "../../map-limit.js";
import { PROMPT_TEMPLATES, renderPrompt } from "./prompt-templates.js";
import { parseRagSettings, type RagSettings } from "./rag-settings.js";
import { candidateDepth } from "./retrieve-lexical.js";
import { meanScores, scoreRetrieved, type RetrievalScores } from "./score-retrieval.js";

export interface RagPipelineOptions {
  /** The corpus, or a CorpusIndexer to share its tokenization and index cache between pipelines. */
  corpus: Corpus | CorpusIndexer;
  /** A configuration of RAG_SPACE; absent knobs take DEFAULT_RAG_CONFIG. */
  config?: Config;
  /** Needed for dense and hybrid retrieval (embed) and for generation (chat). */
  provider?: Provider;
  /** Embedding model when the config has no `embedding_model`. */
  embeddingModel?: string;
  /** Chat model for generation; without it (or a provider) the pipeline only retrieves. */
  chatModel?: string;
  /** Replaces the lexical reranker when `rerank` is on (e.g. llmReranker). */
  reranker?: Reranker;
  /** Scores generated answers in [0, 1] (e.g. llmJudge) beside EM and F1. */
  judge?: AnswerJudge;
  /** How retrieved text is counted by the span metrics (default "chroma"). */
  metricMode?: SpanMetricMode;
  /** Output token cap of a generation (default 256). */
  maxTokens?: number;
  /** Questions in flight during evaluate (default 4). */
  concurrency?: number;
  /** Texts per embed call (default 64). */
  embedBatchSize?: number;
}

/** A retrieved chunk: its span, its id in the index, its final score and its text. */
export interface RetrievedChunk extends Chunk {
  id: number;
  score: number;
  text: string;
}

export interface RagAnswer {
  /** The answer read from the reply (see PromptTemplate.extract). */
  answer: string;
  reply: string;
  chunks: RetrievedChunk[];
}

/** What evaluate measured for one question. */
export interface QuestionResult {
  id: string;
  retrieval?: RetrievalScores;
  answer?: string;
  exactMatch?: number;
  f1?: number;
  judge?: number;
}

export interface RagEvaluation {
  /** Questions evaluated. */
  questions: number;
  /** Means over the questions with gold spans; null when none has any. */
  retrieval: RetrievalScores | null;
  /** Means over the questions answered (EM and F1 over those with gold answers); null without generation. */
  answers: { answered: number; exactMatch: number; f1: number; judge: number | null } | null;
  /** chunks, index_ms, tokens_indexed, plus what the pipeline's LLM calls spent so far (ledger names). */
  cost: Record<string, number>;
  perQuestion: QuestionResult[];
}

/** A configured RAG pipeline: chunk, index, retrieve (BM25, dense or hybrid; optional rerank), generate. */
export interface RagPipeline {
  readonly settings: RagSettings;
  readonly indexer: CorpusIndexer;
  /** Chunks and indexes the corpus (cached per chunking), embedding the chunks for dense and hybrid retrieval. */
  prepare(): Promise<ChunkIndex>;
  /** The top_k chunks for a question, best first. */
  retrieve(question: string): Promise<RetrievedChunk[]>;
  /** Retrieves, then asks the chat model with the configured prompt template and temperature. */
  answer(question: string): Promise<RagAnswer>;
  /** Runs every question (or those given): retrieval metrics, and answer metrics when generating. */
  evaluate(options?: { questions?: readonly RagQuestion[] }): Promise<RagEvaluation>;
}

/**
 * Builds a RAG pipeline from a configuration of RAG_SPACE. BM25 retrieval and the lexical
 * rerank need nothing else; dense and hybrid retrieval need a provider and an embedding model;
 * generation needs a provider and a chat model. Every LLM call goes through the provider
 * (so its replay cache, rate limits and retries apply) and is metered into `evaluate`'s cost.
 *
 * @example
 * const pipeline = ragPipeline({ corpus: loadCorpusFolder("my-corpus"), config: { chunker: "recursive", chunk_size: 400, top_k: 3 } });
 * const { retrieval } = await pipeline.evaluate(); // { iou, recall, precision, hitRate, mrr, ndcg }
 */
export function ragPipeline(options: RagPipelineOptions): RagPipeline {
  return new ConfiguredPipeline(options);
}

class ConfiguredPipeline implements RagPipeline {
  readonly settings: RagSettings;
  readonly indexer: CorpusIndexer;
  private readonly options: RagPipelineOptions;
  private readonly llm: MeteredProvider | undefined;
  private hookCost: LlmCost | null = null;
  private readonly embedding = new Map<ChunkIndex, Promise<void>>();

  constructor(options: RagPipelineOptions) {
    this.options = options;
    this.settings = parseRagSettings(options.config ?? {});
    this.indexer = options.corpus instanceof CorpusIndexer ? options.corpus : new CorpusIndexer(options.corpus);
    this.llm = options.provider ? metered(options.provider) : undefined;
  }

  async prepare(): Promise<ChunkIndex> {
    const index = this.indexer.index(this.settings.chunking);
    if (this.settings.retriever === "bm25") return index;
    const model = this.embeddingModel();
    if (index.dense.has(model)) return index;
    // Concurrent callers wait for one embedding pass rather than each starting their own.
    let pending = this.embedding.get(index);
    if (!pending) {
      const texts = index.chunks.map((chunk) => this.indexer.chunkText(chunk));
      pending = DenseIndex.build(texts, { provider: this.requireProvider("dense retrieval"), model, batchSize: this.options.embedBatchSize }).then(({ index: dense }) => {
        index.dense.set(model, dense);
      });
      this.embedding.set(index, pending);
      pending.finally(() => this.embedding.delete(index)).catch(() => undefined);
    }
    await pending;
    return index;
  }

  async retrieve(question: string, queryVector?: readonly number[]): Promise<RetrievedChunk[]> {
    const index = await this.prepare();
    const { settings } = this;
    const terms = this.indexer.queryTerms(question);
    const reranking = settings.rerank.enabled;
    const depth = candidateDepth(settings.topK);
    let candidates: Scored[];
    if (settings.retriever === "bm25") {
      candidates = index.bm25.search(terms, settings.bm25, reranking ? depth : settings.topK);
    } else {
      const vector = queryVector ?? (await this.embedQueries([question]))[0];
      const dense = index.dense.get(this.embeddingModel()) as DenseIndex;
      if (settings.retriever === "dense") {
        candidates = dense.search(vector, reranking ? depth : settings.topK);
      } else {
        const lists = [dense.search(vector, depth), index.bm25.search(terms, settings.bm25, depth)];
        const fused = settings.fusion.kind === "rrf" ? reciprocalRankFusion(lists, settings.fusion.k) : weightedScoreFusion(lists, [settings.fusion.alpha, 1 - settings.fusion.alpha]);
        candidates = fused.slice(0, reranking ? depth : settings.topK);
      }
    }
    if (reranking) {
      let scores: number[];
      if (this.options.reranker) {
        const result = await this.options.reranker.rerank(
          question,
          candidates.map((c) => ({ id: c.id, score: c.score, text: this.indexer.chunkText(index.chunks[c.id]) })),
        );
        if (result.cost) this.hookCost = this.hookCost ? addCosts(this.hookCost, result.cost) : result.cost;
        scores = result.scores;
      } else {
        scores = coverageScores(index.bm25, terms, candidates);
      }
      candidates = applyRerank(candidates, scores, settings.rerank.threshold, settings.topK);
    }
    return candidates.map((c) => {
      const chunk = index.chunks[c.id];
      return { ...chunk, id: c.id, score: c.score, text: this.indexer.chunkText(chunk) };
    });
  }

  async answer(question: string, queryVector?: readonly number[]): Promise<RagAnswer> {
    const chatModel = this.options.chatModel;
    if (!chatModel) throw new KnobsError("rag_needs_provider", "generation needs a chat model: pass `chatModel` (and `provider`) to ragPipeline");
    const provider = this.requireProvider("generation");
    const chunks = await this.retrieve(question, queryVector);
    const template = PROMPT_TEMPLATES[this.settings.promptTemplate];
    const response = await provider.chat({
      model: chatModel,
      messages: [{ role: "user", content: renderPrompt(template, question, chunks.map((c) => c.text)) }],
      temperature: this.settings.temperature,
      maxTokens: this.options.maxTokens ?? 256,
    });
    return { answer: template.extract(response.text), reply: response.text, chunks };
  }

  async evaluate(options: { questions?: readonly RagQuestion[] } = {}): Promise<RagEvaluation> {
    const questions = options.questions ?? this.indexer.corpus.questions;
    const index = await this.prepare();
    const generating = this.llm !== undefined && this.options.chatModel !== undefined;
    const vectors = this.settings.retriever === "bm25" ? null : await this.embedQueries(questions.map((q) => q.question));
    const mode = this.options.metricMode ?? "chroma";
    const perQuestion = await mapLimit(questions, this.options.concurrency ?? 4, async (question, i) => {
      const result: QuestionResult = { id: question.id };
      const vector = vectors ? vectors[i] : undefined;
      let chunks: RetrievedChunk[];
      if (generating) {
        const answered = await this.answer(question.question, vector);
        chunks = answered.chunks;
        result.answer = answered.answer;
        if (question.answers && question.answers.length > 0) {
          result.exactMatch = exactMatch(answered.answer, question.answers);
          result.f1 = tokenF1(answered.answer, question.answers);
        }
        if (this.options.judge) {
          const verdict = await this.options.judge.judge({
            question: question.question,
            answer: answered.answer,
            references: question.answers ?? [],
            context: chunks.map((c) => c.text).join("\n\n"),
          });
          if (verdict.cost) this.hookCost = this.hookCost ? addCosts(this.hookCost, verdict.cost) : verdict.cost;
          result.judge = verdict.score;
        }
      } else {
        chunks = await this.retrieve(question.question, vector);
      }
      if (question.references && question.references.length > 0) result.retrieval = scoreRetrieved(index, chunks, question.references, this.settings.topK, mode);
      return result;
    });
    return {
      questions: questions.length,
      retrieval: summarizeRetrieval(perQuestion),
      answers: generating ? summarizeAnswers(perQuestion) : null,
      cost: { chunks: index.chunks.length, index_ms: index.buildMs, tokens_indexed: index.tokensIndexed, ...this.llmCost() },
      perQuestion,
    };
  }

  private llmCost(): Record<string, number> {
    let total = this.llm && this.llm.calls > 0 ? this.llm.spent : null;
    if (this.hookCost) total = total ? addCosts(total, this.hookCost) : this.hookCost;
    return total ? toLedgerCost(total) : {};
  }

  private async embedQueries(texts: readonly string[]): Promise<number[][]> {
    const provider = this.requireProvider("dense retrieval");
    const model = this.embeddingModel();
    const batch = Math.max(1, this.options.embedBatchSize ?? 64);
    const vectors: number[][] = [];
    for (let from = 0; from < texts.length; from += batch) {
      const response = await provider.embed({ model, input: texts.slice(from, from + batch) });
      vectors.push(...response.vectors);
    }
    return vectors;
  }

  private embeddingModel(): string {
    const model = this.settings.embeddingModel ?? this.options.embeddingModel;
    if (!model) throw new KnobsError("rag_needs_provider", `retriever "${this.settings.retriever}" needs an embedding model: set \`embedding_model\` in the config or pass \`embeddingModel\` to ragPipeline`);
    return model;
  }

  private requireProvider(purpose: string): MeteredProvider {
    if (!this.llm) throw new KnobsError("rag_needs_provider", `${purpose} needs an LLM provider: pass \`provider\` to ragPipeline`);
    return this.llm;
  }
}

function summarizeRetrieval(results: readonly QuestionResult[]): RetrievalScores | null {
  const scored = results.flatMap((r) => (r.retrieval ? [r.retrieval] : []));
  return scored.length === 0 ? null : meanScores(scored);
}

function summarizeAnswers(results: readonly QuestionResult[]): RagEvaluation["answers"] {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const withGold = results.filter((r) => r.exactMatch !== undefined);
  const judged = results.flatMap((r) => (r.judge === undefined ? [] : [r.judge]));
  return {
    answered: results.filter((r) => r.answer !== undefined).length,
    exactMatch: mean(withGold.map((r) => r.exactMatch as number)),
    f1: mean(withGold.map((r) => r.f1 as number)),
    judge: judged.length === 0 ? null : mean(judged),
  };
}
