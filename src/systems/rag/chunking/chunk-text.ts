import type { TokenSpans } from "../text/tokenize.js";
import { chunkByCharacters } from "./fixed-characters.js";
import { chunkByTokens } from "./fixed-tokens.js";
import { chunkRecursively } from "./recursive.js";
import type { ChunkingConfig, ChunkSpan } from "./spec.js";

/**
 * Chunks one text with the configured chunker. `tokens` may pass the text's chunk-token spans
 * when they are already known (the token chunker then skips tokenizing).
 */
export function chunkText(text: string, config: ChunkingConfig, tokens?: TokenSpans): ChunkSpan[] {
  switch (config.kind) {
    case "chars":
      return chunkByCharacters(text, config.size, config.overlap);
    case "tokens":
      return chunkByTokens(text, config.size, config.overlap, tokens);
    case "recursive":
      return chunkRecursively(text, config.size, config.overlap);
  }
}

/** A stable key of a chunking configuration, e.g. "recursive:800:200" (for caches). */
export function chunkingKey(config: ChunkingConfig): string {
  return `${config.kind}:${config.size}:${config.overlap}`;
}
