import { checkChunking } from "./check-chunking.js";
import type { ChunkSpan } from "./spec.js";

/**
 * Separators, coarsest first: blank lines (paragraphs), line breaks, sentence ends (., ! or ?
 * with closing quotes or brackets, then whitespace), whitespace (words). A separator stays with
 * the piece before it, so pieces always tile the text.
 */
const SEPARATORS: readonly RegExp[] = [/\n[ \t]*\n\s*/g, /\n\s*/g, /[.!?]+["'\u201d\u2019)\]]*\s+/g, /\s+/g];

/**
 * Recursive, sentence-aware chunks (the idea of LangChain's RecursiveCharacterTextSplitter,
 * keeping exact character spans): split the text at paragraph breaks; split any piece longer
 * than `size` at line breaks, then sentence ends, then whitespace, then every `size`
 * characters. Then merge consecutive pieces greedily into chunks of at most `size`
 * characters; each new chunk starts with the trailing pieces of the previous chunk that fit in
 * `overlap` characters (so overlap falls on piece boundaries and may be less than asked).
 * With overlap 0 the chunks tile the text.
 *
 * @example
 * chunkRecursively("One. Two.\n\nThree four.", 12, 0); // [0,11) "One. Two.\n\n", [11,22) "Three four."
 */
export function chunkRecursively(text: string, size: number, overlap: number): ChunkSpan[] {
  checkChunking(size, overlap);
  const pieces: ChunkSpan[] = [];
  splitPieces(text, 0, text.length, size, 0, pieces);
  return mergePieces(pieces, size, overlap);
}

/** Appends to `out` pieces of at most `size` characters tiling [start, end), splitting at separator `level` or finer. */
function splitPieces(text: string, start: number, end: number, size: number, level: number, out: ChunkSpan[]): void {
  if (end - start <= size) {
    if (end > start) out.push({ start, end });
    return;
  }
  if (level === SEPARATORS.length) {
    for (let at = start; at < end; at += size) out.push({ start: at, end: Math.min(at + size, end) });
    return;
  }
  const separator = SEPARATORS[level];
  separator.lastIndex = start;
  let from = start;
  for (let match = separator.exec(text); match !== null && match.index < end; match = separator.exec(text)) {
    const cut = Math.min(match.index + match[0].length, end);
    if (cut > from && cut < end) {
      splitPieces(text, from, cut, size, level + 1, out);
      from = cut;
    }
    if (cut >= end) break;
  }
  splitPieces(text, from, end, size, level + 1, out);
}

/** Greedy merge of contiguous pieces (each at most `size` long) into chunks, with piece-aligned overlap. */
function mergePieces(pieces: readonly ChunkSpan[], size: number, overlap: number): ChunkSpan[] {
  const chunks: ChunkSpan[] = [];
  let first = 0;
  while (first < pieces.length) {
    let next = first + 1;
    while (next < pieces.length && pieces[next].end - pieces[first].start <= size) next++;
    chunks.push({ start: pieces[first].start, end: pieces[next - 1].end });
    if (next === pieces.length) break;
    // Step back over trailing pieces while they fit in the overlap and leave room for the next piece.
    let start = next;
    while (start - 1 > first && pieces[next - 1].end - pieces[start - 1].start <= overlap && pieces[next].end - pieces[start - 1].start <= size) start--;
    first = start;
  }
  return chunks;
}
