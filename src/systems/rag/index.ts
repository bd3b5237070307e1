/**
 * The tunable RAG pipeline and its live benchmark tasks: corpus loaders (corpus folders, the
 * chroma chunking evaluation), chunkers (fixed characters, fixed tokens, recursive), retrieval
 * (our BM25, dense through a Provider, hybrid fusion, lexical or LLM rerank), metrics without an
 * LLM (character span IoU, recall, precision; hit rate, MRR, nDCG; EM and token F1) plus an
 * LLM-judge hook, the search space RAG_SPACE, ragPipeline, and the offline tasks
 * `rag/chroma-chunking` and corpusTask(folder). See docs/rag.md.
 *
 * @example
 * import { chromaChunkingTask } from "knobs";
 * const task = chromaChunkingTask();
 * task.evaluate({ chunker: "recursive", chunk_size: 400, overlap_pct: 0, bm25_k1: 1.2, bm25_b: 0.75, rerank: false, top_k: 5 }, null, 0).values; // [iou, recall, precision]
 */
export type { Corpus, GoldSpan, RagDocument, RagQuestion } from "./corpus/spec.js";
export { CorpusDataError, type CorpusLocation } from "./corpus/corpus-data-error.js";
export { loadCorpusFolder } from "./corpus/load-corpus-folder.js";
export { corpusTaskYamlSchema, type CorpusTaskYaml } from "./corpus/corpus-task-yaml.js";
export { parseJsonl } from "./corpus/read-jsonl.js";
export {
  CHROMA_CHUNKING_SHA256,
  CHROMA_CHUNKING_SOURCE,
  CHROMA_CORPORA,
  loadChromaChunking,
  type LoadChromaChunkingOptions,
} from "./corpus/load-chroma-chunking.js";

export { wordTokens, chunkTokenSpans, type TokenSpans } from "./text/tokenize.js";
export type { Chunk, ChunkerKind, ChunkingConfig, ChunkSpan } from "./chunking/spec.js";
export { chunkByCharacters } from "./chunking/fixed-characters.js";
export { chunkByTokens } from "./chunking/fixed-tokens.js";
export { chunkRecursively } from "./chunking/recursive.js";
export { chunkText, chunkingKey } from "./chunking/chunk-text.js";

export type { Scored } from "./retrieval/spec.js";
export { Bm25Index, type Bm25Params, type TermSlice } from "./retrieval/bm25-index.js";
export { DenseIndex, type DenseIndexOptions } from "./retrieval/dense-index.js";
export { reciprocalRankFusion, weightedScoreFusion } from "./retrieval/fusion.js";
export { applyRerank, coverageScores } from "./retrieval/lexical-rerank.js";
export type { Reranker, RerankCandidate, RerankResult } from "./retrieval/reranker.js";
export { DEFAULT_RERANK_TEMPLATE, llmReranker, parseRating, type LlmRerankerOptions } from "./retrieval/llm-reranker.js";

export { mergeSpans, type Span, type SpanSet } from "./metrics/spans.js";
export { spanScores, type SpanMetricMode, type SpanScores } from "./metrics/span-metrics.js";
export { dcg, hit, ndcg, reciprocalRank } from "./metrics/rank-metrics.js";
export { exactMatch, normalizeAnswer, tokenF1 } from "./metrics/answer-metrics.js";
export { DEFAULT_JUDGE_TEMPLATE, llmJudge, parseVerdict, type AnswerJudge, type JudgeInput, type JudgeResult, type LlmJudgeOptions } from "./metrics/llm-judge.js";

export { RAG_SPACE, ragSpace, type RagSpaceOptions } from "./pipeline/rag-space.js";
export { DEFAULT_RAG_CONFIG, parseRagSettings, type RagSettings, type RetrieverKind } from "./pipeline/rag-settings.js";
export { PROMPT_TEMPLATES, renderPrompt, type PromptTemplate } from "./pipeline/prompt-templates.js";
export { CorpusIndexer, type CorpusIndexerOptions } from "./pipeline/corpus-indexer.js";
export { ChunkIndex } from "./pipeline/chunk-index.js";
export { candidateDepth, retrieveLexical } from "./pipeline/retrieve-lexical.js";
export { meanScores, scoreRetrieved, type RetrievalScores } from "./pipeline/score-retrieval.js";
export { evaluateLexical, type LexicalEvaluation } from "./pipeline/evaluate-lexical.js";
export {
  ragPipeline,
  type QuestionResult,
  type RagAnswer,
  type RagEvaluation,
  type RagPipeline,
  type RagPipelineOptions,
  type RetrievedChunk,
} from "./pipeline/rag-pipeline.js";

export { RagRetrievalTask, type RagRetrievalTaskOptions } from "./task/rag-retrieval-task.js";
export { chromaChunkingTask, type ChromaChunkingTaskOptions } from "./task/chroma-chunking-task.js";
export { corpusTask, type CorpusTaskOptions } from "./task/corpus-task.js";
export { CHROMA_CHUNKING_ENV, resolveChromaChunkingPath } from "./task/data-path.js";
