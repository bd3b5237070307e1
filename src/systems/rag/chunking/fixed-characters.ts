import { checkChunking } from "./check-chunking.js";
import type { ChunkSpan } from "./spec.js";

/**
 * Fixed-size character chunks: [0, size), [size - overlap, 2 size - overlap), ... until the
 * end of the text; the last chunk may be shorter. With overlap 0 the chunks tile the text.
 * Characters are UTF-16 code units, so a cut may fall inside a surrogate pair (an emoji).
 *
 * @example
 * chunkByCharacters("abcdefghij", 4, 1); // [0,4) [3,7) [6,10)
 */
export function chunkByCharacters(text: string, size: number, overlap: number): ChunkSpan[] {
  checkChunking(size, overlap);
  const spans: ChunkSpan[] = [];
  const length = text.length;
  for (let start = 0; start < length; start += size - overlap) {
    const end = Math.min(start + size, length);
    spans.push({ start, end });
    if (end === length) break;
  }
  return spans;
}
