import { CHROMA_CHUNKING_SOURCE, loadChromaChunking } from "../corpus/load-chroma-chunking.js";
import type { SpanMetricMode } from "../metrics/span-metrics.js";
import { resolveChromaChunkingPath } from "./data-path.js";
import { RagRetrievalTask } from "./rag-retrieval-task.js";

export interface ChromaChunkingTaskOptions {
  /** The data folder; default $KNOBS_CHROMA_CHUNKING or ../shared/data/chroma-chunking (see resolveChromaChunkingPath). */
  path?: string;
  /** How retrieved text is counted (default "chroma": as the upstream evaluation). */
  metricMode?: SpanMetricMode;
  /** Chunk indexes kept in memory (default 4). */
  cacheSize?: number;
  /** Check the files' SHA-256 (default true). */
  verify?: boolean;
}

/**
 * The live task `rag/chroma-chunking`: tune chunking and BM25 retrieval on the chroma
 * chunking evaluation (5 corpora, 472 questions with gold character spans; Smith and
 * Troynikov, 2024). Maximize character IoU of the top_k retrieved chunks against the gold
 * spans (then recall, precision). Offline: no LLM. The data is read from a path on first
 * evaluate, never shipped in the package.
 *
 * @example
 * const task = chromaChunkingTask();
 * task.evaluate({ chunker: "recursive", chunk_size: 400, overlap_pct: 0, bm25_k1: 1.2, bm25_b: 0.75, rerank: false, top_k: 5 }, null, 0);
 */
export function chromaChunkingTask(options: ChromaChunkingTaskOptions = {}): RagRetrievalTask {
  return new RagRetrievalTask({
    id: "rag/chroma-chunking",
    description: "Chroma chunking evaluation (5 corpora, 472 questions): tune chunking and BM25 retrieval; maximize character IoU of retrieved chunks vs gold spans (offline, no LLM)",
    source: CHROMA_CHUNKING_SOURCE,
    license: "MIT",
    metricMode: options.metricMode,
    cacheSize: options.cacheSize,
    load: () => loadChromaChunking(resolveChromaChunkingPath(options.path), { verify: options.verify }),
  });
}
