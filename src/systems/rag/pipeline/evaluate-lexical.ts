import { performance } from "node:perf_hooks";
import type { SpanMetricMode } from "../metrics/span-metrics.js";
import type { ChunkIndex } from "./chunk-index.js";
import type { CorpusIndexer } from "./corpus-indexer.js";
import type { RagSettings } from "./rag-settings.js";
import { retrieveLexical } from "./retrieve-lexical.js";
import { meanScores, scoreRetrieved, type RetrievalScores } from "./score-retrieval.js";

/** What one offline (BM25) evaluation of a corpus measured. */
export interface LexicalEvaluation {
  /** Means over the questions that have gold spans. */
  scores: RetrievalScores;
  /** Number of questions scored. */
  questions: number;
  index: ChunkIndex;
  /** Whether the index came from the cache. */
  cached: boolean;
  /** Measured milliseconds spent answering the questions (retrieval and scoring). */
  queryMs: number;
}

/**
 * Chunks and indexes the corpus (or takes the cached index), retrieves for every question
 * with gold spans by BM25 (plus the lexical rerank when on), and averages the retrieval
 * metrics. Needs no LLM; deterministic except for the measured times.
 */
export function evaluateLexical(indexer: CorpusIndexer, settings: RagSettings, mode: SpanMetricMode = "chroma"): LexicalEvaluation {
  const cached = indexer.isCached(settings.chunking);
  const index = indexer.index(settings.chunking);
  const started = performance.now();
  const perQuestion: RetrievalScores[] = [];
  for (const question of indexer.corpus.questions) {
    if (!question.references || question.references.length === 0) continue;
    const retrieved = retrieveLexical(index, indexer.queryTerms(question.question), settings);
    perQuestion.push(scoreRetrieved(index, retrieved, question.references, settings.topK, mode));
  }
  return { scores: meanScores(perQuestion), questions: perQuestion.length, index, cached, queryMs: performance.now() - started };
}
