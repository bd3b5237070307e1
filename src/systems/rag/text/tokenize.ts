/**
 * The two tokenizers of the RAG pipeline, both plain regular expressions (no model vocabulary,
 * so results never depend on a download):
 *
 * - word tokens, for BM25 and the lexical reranker: maximal runs of Unicode letters and digits
 *   (`[\p{L}\p{N}]+`), lowercased; punctuation and whitespace separate tokens and are dropped.
 *   "State-of-the-art, 2024!" -> state, of, the, art, 2024.
 * - chunk tokens, for the fixed-token chunker: the same word runs plus every other
 *   non-space character as a token of its own, which counts text a little like a BPE
 *   tokenizer does (about 1.2 tokens per English word). "Hi, you!" -> Hi , you !
 */

const WORD = /[\p{L}\p{N}]+/gu;
const CHUNK_TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Token positions in a text: token i covers characters [starts[i], ends[i]). */
export interface TokenSpans {
  starts: Int32Array;
  ends: Int32Array;
}

/** Word tokens of `text`, lowercased, in order. */
export function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(WORD)) tokens.push(match[0].toLowerCase());
  return tokens;
}

/**
 * Word tokens of `text` with their character spans, each mapped to a term id by `termId`
 * (which assigns ids to new terms). Spans are in the original text (lowercasing is applied per
 * token, so offsets never shift).
 */
export function wordTokenSpans(text: string, termId: (term: string) => number): TokenSpans & { terms: Int32Array } {
  const starts: number[] = [];
  const ends: number[] = [];
  const terms: number[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index as number;
    starts.push(start);
    ends.push(start + match[0].length);
    terms.push(termId(match[0].toLowerCase()));
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends), terms: Int32Array.from(terms) };
}

/** Chunk tokens of `text` with their character spans (see the file comment). */
export function chunkTokenSpans(text: string): TokenSpans {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of text.matchAll(CHUNK_TOKEN)) {
    const start = match.index as number;
    starts.push(start);
    ends.push(start + match[0].length);
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** The first index i with values[i] >= target (values ascending); values.length when none. */
export function lowerBound(values: ArrayLike<number>, target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index i with values[i] > target (values ascending); values.length when none. */
export function upperBound(values: ArrayLike<number>, target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] <= target) low = mid + 1;
    else high = mid;
  }
  return low;
}
