import { chunkTokenSpans, type TokenSpans } from "../text/tokenize.js";
import { checkChunking } from "./check-chunking.js";
import type { ChunkSpan } from "./spec.js";

/**
 * Fixed-size token chunks: windows of `size` chunk tokens (text/tokenize.ts), each starting
 * `size - overlap` tokens after the previous one. A chunk runs from its first token to the
 * start of the token after its last (so it keeps the whitespace that follows it); the first
 * chunk starts at 0 and the last ends at the end of the text, so with overlap 0 the chunks
 * tile the text. A text without tokens (empty or blank) has no chunks.
 *
 * @example
 * chunkByTokens("one two, three four", 2, 0); // [0,7) "one two", [7,15) ", three ", [15,19) "four"
 */
export function chunkByTokens(text: string, size: number, overlap: number, tokens: TokenSpans = chunkTokenSpans(text)): ChunkSpan[] {
  checkChunking(size, overlap);
  const count = tokens.starts.length;
  const spans: ChunkSpan[] = [];
  for (let first = 0; first < count; first += size - overlap) {
    const next = Math.min(first + size, count);
    spans.push({ start: first === 0 ? 0 : tokens.starts[first], end: next === count ? text.length : tokens.starts[next] });
    if (next === count) break;
  }
  return spans;
}
