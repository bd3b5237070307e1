import { lowerBound, upperBound } from "../text/tokenize.js";
import type { Chunk, ChunkingConfig } from "../chunking/spec.js";
import type { GoldSpan } from "../corpus/spec.js";
import type { Bm25Index } from "../retrieval/bm25-index.js";
import type { DenseIndex } from "../retrieval/dense-index.js";

/**
 * The chunks of a corpus under one chunking configuration, with their BM25 index (chunk i is
 * unit i) and, once built, dense indexes by embedding model. Within a document, chunk starts
 * and ends both ascend (every chunker guarantees it), which `chunksTouching` relies on.
 */
export class ChunkIndex {
  readonly chunking: ChunkingConfig;
  readonly chunks: readonly Chunk[];
  readonly bm25: Bm25Index;
  /** Word tokens indexed, summed over chunks (text in several chunks counts each time). */
  readonly tokensIndexed: number;
  /** Measured milliseconds to chunk the corpus and build the BM25 index. */
  readonly buildMs: number;
  /** Dense indexes by embedding model (built on demand by the pipeline). */
  readonly dense = new Map<string, DenseIndex>();
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** First chunk id of each document, plus a last entry = number of chunks. */
  private readonly documentFirst: Int32Array;
  private readonly documentIndex: ReadonlyMap<string, number>;

  constructor(fields: {
    chunking: ChunkingConfig;
    chunks: readonly Chunk[];
    bm25: Bm25Index;
    buildMs: number;
    documentFirst: Int32Array;
    documentIndex: ReadonlyMap<string, number>;
  }) {
    this.chunking = fields.chunking;
    this.chunks = fields.chunks;
    this.bm25 = fields.bm25;
    this.buildMs = fields.buildMs;
    this.documentFirst = fields.documentFirst;
    this.documentIndex = fields.documentIndex;
    this.starts = Int32Array.from(fields.chunks, (c) => c.start);
    this.ends = Int32Array.from(fields.chunks, (c) => c.end);
    let tokens = 0;
    for (const length of fields.bm25.lengths) tokens += length;
    this.tokensIndexed = tokens;
  }

  /** Ids of the chunks sharing at least one character with any of the spans, ascending. */
  chunksTouching(spans: readonly GoldSpan[]): number[] {
    const ids = new Set<number>();
    for (const span of spans) {
      const d = this.documentIndex.get(span.docId);
      if (d === undefined) continue;
      const first = this.documentFirst[d];
      const last = this.documentFirst[d + 1];
      // Chunks with end > span.start and start < span.end.
      const from = first + upperBound(this.ends.subarray(first, last), span.start);
      const to = first + lowerBound(this.starts.subarray(first, last), span.end);
      for (let id = from; id < to; id++) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  }
}
