/**
 * A synthetic RAG-like conditional space and loss (not LLM-system data), used by the TPE tests
 * and by branch-exploration.ts: shared knobs (learning rate, top-k, chunk size, ...), a
 * retriever that opens its own parameters, and a reranker inside two of the retrievers. Unlike
 * the conditional function, its best branch (hybrid with a reranker) is also easy to find, so
 * it shows what exploring branches costs where exploring is not needed. Minimum -0.2.
 */
import { Space, type Config } from "../../src/space/index.js";

export const ragLikeSpace = Space.parse({
  lr: { type: "float", low: 1e-5, high: 1e-1, log: true },
  top_k: { type: "int", low: 1, high: 20 },
  chunk: { type: "int", low: 64, high: 4096, log: true },
  temperature: { type: "float", low: 0, high: 1, step: 0.1 },
  batch: { type: "int", low: 8, high: 64, step: 8 },
  size: { type: "ordinal", values: ["0.5B", "3B", "7B"] },
  retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid"] },
  alpha: { type: "float", low: 0, high: 1, when: { retriever: "hybrid" } },
  hybrid_k: { type: "int", low: 1, high: 5, when: { retriever: "hybrid" } },
  rerank: { type: "categorical", choices: [true, false], when: { retriever: ["dense", "hybrid"] } },
  rerank_k: { type: "int", low: 2, high: 10, when: { rerank: true } },
});

/** A loss on `ragLikeSpace` that rewards a specific corner, conditional parameters included. */
export function ragLikeLoss(config: Config): number {
  let loss = (Math.log10(config.lr as number) + 3) ** 2 + (((config.top_k as number) - 7) / 5) ** 2;
  loss += (Math.log2(config.chunk as number) - 9) ** 2 / 4 + ((config.temperature as number) - 0.3) ** 2 + ((config.batch as number) - 32) ** 2 / 500;
  loss += config.size === "3B" ? 0 : 0.5;
  if (config.retriever === "hybrid") loss += ((config.alpha as number) - 0.7) ** 2 + ((config.hybrid_k as number) - 2) ** 2 / 20;
  else loss += 0.6;
  if (config.rerank === true) loss += ((config.rerank_k as number) - 4) ** 2 / 16 - 0.2;
  return loss;
}
