import { performance } from "node:perf_hooks";
import { chunkingKey, chunkText } from "../chunking/chunk-text.js";
import type { Chunk, ChunkingConfig } from "../chunking/spec.js";
import type { Corpus } from "../corpus/spec.js";
import { Bm25Index, type TermSlice } from "../retrieval/bm25-index.js";
import { chunkTokenSpans, lowerBound, upperBound, wordTokens, wordTokenSpans, type TokenSpans } from "../text/tokenize.js";
import { ChunkIndex } from "./chunk-index.js";
import { LruCache } from "./lru-cache.js";

export interface CorpusIndexerOptions {
  /** Chunk indexes kept in memory, least recently used evicted first (default 4). */
  cacheSize?: number;
}

/**
 * Indexes one corpus under any chunking configuration. The corpus is word-tokenized once
 * (text/tokenize.ts): a chunk's BM25 terms are the word tokens lying wholly inside its span,
 * found by binary search, so a new chunking never re-reads the text. Chunk indexes are kept in
 * an LRU cache keyed by the chunking (BM25's k1 and b are chosen per query, so they share it).
 *
 * @example
 * const indexer = new CorpusIndexer(corpus);
 * const index = indexer.index({ kind: "recursive", size: 800, overlap: 200 });
 * index.bm25.search(indexer.queryTerms("who won?"), { k1: 1.2, b: 0.75 }, 5);
 */
export class CorpusIndexer {
  readonly corpus: Corpus;
  private readonly vocabulary = new Map<string, number>();
  private readonly words: (TokenSpans & { terms: Int32Array })[];
  private readonly chunkTokens: (TokenSpans | undefined)[];
  private readonly documentIndex: ReadonlyMap<string, number>;
  private readonly cache: LruCache<string, ChunkIndex>;

  constructor(corpus: Corpus, options: CorpusIndexerOptions = {}) {
    this.corpus = corpus;
    this.cache = new LruCache(options.cacheSize ?? 4);
    const termId = (term: string) => {
      let id = this.vocabulary.get(term);
      if (id === undefined) this.vocabulary.set(term, (id = this.vocabulary.size));
      return id;
    };
    this.words = corpus.documents.map((document) => wordTokenSpans(document.text, termId));
    this.chunkTokens = corpus.documents.map(() => undefined);
    this.documentIndex = new Map(corpus.documents.map((document, i) => [document.id, i]));
  }

  /** Distinct word terms in the corpus. */
  get vocabularySize(): number {
    return this.vocabulary.size;
  }

  /** The index for a chunking configuration, from the cache or built now. */
  index(chunking: ChunkingConfig): ChunkIndex {
    const key = chunkingKey(chunking);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const built = this.build(chunking);
    this.cache.set(key, built);
    return built;
  }

  /** Whether the index of this chunking is in the cache. */
  isCached(chunking: ChunkingConfig): boolean {
    return this.cache.has(chunkingKey(chunking));
  }

  /** Term ids of a query's word tokens, in order; words the corpus never uses are dropped. */
  queryTerms(text: string): number[] {
    const ids: number[] = [];
    for (const token of wordTokens(text)) {
      const id = this.vocabulary.get(token);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  /** The text of a chunk. */
  chunkText(chunk: Chunk): string {
    return this.corpus.documents[chunk.docIndex].text.slice(chunk.start, chunk.end);
  }

  private build(chunking: ChunkingConfig): ChunkIndex {
    const started = performance.now();
    const chunks: Chunk[] = [];
    const slices: TermSlice[] = [];
    const documentFirst = new Int32Array(this.corpus.documents.length + 1);
    this.corpus.documents.forEach((document, d) => {
      documentFirst[d] = chunks.length;
      let tokens: TokenSpans | undefined;
      if (chunking.kind === "tokens") tokens = this.chunkTokens[d] ??= chunkTokenSpans(document.text);
      const words = this.words[d];
      for (const span of chunkText(document.text, chunking, tokens)) {
        chunks.push({ docId: document.id, docIndex: d, start: span.start, end: span.end });
        const from = lowerBound(words.starts, span.start);
        const to = Math.max(from, upperBound(words.ends, span.end));
        slices.push({ terms: words.terms, from, to });
      }
    });
    documentFirst[this.corpus.documents.length] = chunks.length;
    const bm25 = Bm25Index.build(slices, this.vocabulary.size);
    return new ChunkIndex({ chunking, chunks, bm25, buildMs: performance.now() - started, documentFirst, documentIndex: this.documentIndex });
  }
}
