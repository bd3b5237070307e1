import type { GoldSpan } from "../corpus/spec.js";
import { ndcg, hit, reciprocalRank } from "../metrics/rank-metrics.js";
import { spanScores, type SpanMetricMode } from "../metrics/span-metrics.js";
import { spansIntersect } from "../metrics/spans.js";
import type { Scored } from "../retrieval/spec.js";
import type { ChunkIndex } from "./chunk-index.js";

/** Retrieval metrics of one question (or their means over questions). */
export interface RetrievalScores {
  /** Character IoU of retrieved chunks against gold spans (see metrics/span-metrics.ts). */
  iou: number;
  recall: number;
  precision: number;
  /** 1 when some retrieved chunk touches a gold span. */
  hitRate: number;
  /** Reciprocal rank of the first retrieved chunk touching a gold span. */
  mrr: number;
  /** nDCG at top_k with binary relevance (a chunk is relevant when it touches a gold span). */
  ndcg: number;
}

/** Scores one question's retrieved chunks against its gold spans; `k` is the nDCG cut-off (top_k). */
export function scoreRetrieved(index: ChunkIndex, retrieved: readonly Scored[], gold: readonly GoldSpan[], k: number, mode: SpanMetricMode): RetrievalScores {
  const chunks = retrieved.map((r) => index.chunks[r.id]);
  const spans = spanScores(chunks, gold, mode);
  const relevant = chunks.map((chunk) => gold.some((span) => spansIntersect(chunk, span)));
  const idealCount = Math.min(k, index.chunksTouching(gold).length);
  return {
    ...spans,
    hitRate: hit(relevant),
    mrr: reciprocalRank(relevant),
    ndcg: ndcg(relevant.map(Number), new Array<number>(idealCount).fill(1), k),
  };
}

/** Means of per-question scores (all zero for no questions). */
export function meanScores(scores: readonly RetrievalScores[]): RetrievalScores {
  const mean = (pick: (s: RetrievalScores) => number) => (scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + pick(s), 0) / scores.length);
  return {
    iou: mean((s) => s.iou),
    recall: mean((s) => s.recall),
    precision: mean((s) => s.precision),
    hitRate: mean((s) => s.hitRate),
    mrr: mean((s) => s.mrr),
    ndcg: mean((s) => s.ndcg),
  };
}
