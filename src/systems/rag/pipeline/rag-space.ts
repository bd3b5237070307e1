import { categorical, float, int, Space, type Param } from "../../../space/index.js";
import { PROMPT_TEMPLATES } from "./prompt-templates.js";
import type { RetrieverKind } from "./rag-settings.js";

export interface RagSpaceOptions {
  /** Retrievers to choose from (default ["bm25"]); dense and hybrid need a provider with embeddings. */
  retrievers?: readonly RetrieverKind[];
  /** Embedding models to choose from for dense and hybrid retrieval; a knob only with two or more. */
  embeddingModels?: readonly string[];
  /** Add the generation knobs, prompt_template and temperature (default false). */
  generation?: boolean;
}

/**
 * The search space of the RAG pipeline:
 *
 * - `chunker`: chars | tokens | recursive
 * - `chunk_size`: 64..4096 characters, log scale (chars, recursive); `chunk_tokens`: 16..1024
 *   chunk tokens, log scale (tokens)
 * - `overlap_pct`: 0..50, step 5: overlap as a percentage of the chunk size (so no
 *   configuration has overlap >= size)
 * - `retriever`: the retrievers given (absent when only bm25)
 * - `bm25_k1` 0..3, `bm25_b` 0..1 (bm25, hybrid)
 * - `fusion`: rrf | weighted (hybrid); `rrf_k` 1..200 log (rrf); `alpha` 0..1, the dense weight (weighted)
 * - `embedding_model` (dense, hybrid; with two or more models)
 * - `rerank`: false | true; `rerank_threshold` 0..1 (rerank)
 * - `top_k`: 1..20 chunks
 * - `prompt_template` (PROMPT_TEMPLATES) and `temperature` 0..1 (generation)
 *
 * @example
 * ragSpace().names; // chunker, chunk_size, chunk_tokens, overlap_pct, bm25_k1, bm25_b, rerank, rerank_threshold, top_k
 */
export function ragSpace(options: RagSpaceOptions = {}): Space {
  const retrievers: RetrieverKind[] = [...new Set<RetrieverKind>(options.retrievers ?? ["bm25"])];
  const lexical = retrievers.filter((r) => r !== "dense");
  const choosing = retrievers.length > 1;
  const whenRetriever = (kinds: RetrieverKind[]) => (choosing ? { when: { retriever: kinds } } : {});
  const definition: Record<string, Param> = {
    chunker: categorical(["chars", "tokens", "recursive"]),
    chunk_size: int(64, 4096, { log: true, when: { chunker: ["chars", "recursive"] } }),
    chunk_tokens: int(16, 1024, { log: true, when: { chunker: "tokens" } }),
    overlap_pct: int(0, 50, { step: 5 }),
  };
  if (choosing) definition.retriever = categorical(retrievers);
  if (lexical.length > 0) {
    definition.bm25_k1 = float(0, 3, whenRetriever(lexical));
    definition.bm25_b = float(0, 1, whenRetriever(lexical));
  }
  if (retrievers.includes("hybrid")) {
    definition.fusion = categorical(["rrf", "weighted"], whenRetriever(["hybrid"]));
    definition.rrf_k = int(1, 200, { log: true, when: { fusion: "rrf" } });
    definition.alpha = float(0, 1, { when: { fusion: "weighted" } });
  }
  const models = [...new Set(options.embeddingModels ?? [])];
  const embedding = retrievers.filter((r) => r !== "bm25");
  if (models.length > 1 && embedding.length > 0) definition.embedding_model = categorical(models, whenRetriever(embedding));
  definition.rerank = categorical([false, true]);
  definition.rerank_threshold = float(0, 1, { when: { rerank: true } });
  definition.top_k = int(1, 20);
  if (options.generation) {
    definition.prompt_template = categorical(Object.keys(PROMPT_TEMPLATES));
    definition.temperature = float(0, 1);
  }
  return Space.parse(definition);
}

/** The full space: bm25, dense and hybrid retrieval, and the generation knobs. */
export const RAG_SPACE: Space = ragSpace({ retrievers: ["bm25", "dense", "hybrid"], generation: true });
