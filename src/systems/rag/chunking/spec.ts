/** Chunking: what a chunker is given and what it returns. Types only. */

/** The three chunkers: fixed characters, fixed chunk tokens, recursive (paragraph, sentence, word). */
export type ChunkerKind = "chars" | "tokens" | "recursive";

/**
 * A chunking configuration. `size` and `overlap` count characters for `chars` and
 * `recursive`, chunk tokens for `tokens` (see text/tokenize.ts); 0 <= overlap < size.
 */
export interface ChunkingConfig {
  kind: ChunkerKind;
  size: number;
  overlap: number;
}

/** Characters [start, end) of a text. */
export interface ChunkSpan {
  start: number;
  end: number;
}

/** A chunk of a corpus: its document (by id and position in the corpus) and its character span. */
export interface Chunk extends ChunkSpan {
  docId: string;
  docIndex: number;
}
