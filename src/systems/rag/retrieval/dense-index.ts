import { KnobsError } from "../../../errors/index.js";
import { addCosts, type LlmCost, type Provider } from "../../../llm/index.js";
import type { Scored } from "./spec.js";
import { topK } from "./top-k.js";

export interface DenseIndexOptions {
  provider: Provider;
  /** Embedding model name, as the provider knows it. */
  model: string;
  /** Texts per embed call (default 64). */
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * Dense retrieval: every unit embedded once through a Provider's `embed`, scored against a
 * query embedding by cosine similarity. Vectors are L2-normalized and packed in one
 * Float32Array, so a search is one pass of dot products.
 */
export class DenseIndex {
  readonly size: number;
  readonly dimension: number;
  private readonly vectors: Float32Array;

  private constructor(vectors: Float32Array, dimension: number) {
    this.vectors = vectors;
    this.dimension = dimension;
    this.size = dimension === 0 ? 0 : vectors.length / dimension;
  }

  /** Embeds `texts` in batches and indexes them (unit i is texts[i]); returns the index and what the calls cost. */
  static async build(texts: readonly string[], options: DenseIndexOptions): Promise<{ index: DenseIndex; cost: LlmCost | null }> {
    const batchSize = Math.max(1, options.batchSize ?? 64);
    const rows: number[][] = [];
    let cost: LlmCost | null = null;
    for (let from = 0; from < texts.length; from += batchSize) {
      const input = texts.slice(from, from + batchSize);
      const response = await options.provider.embed({ model: options.model, input, signal: options.signal });
      if (response.vectors.length !== input.length) {
        throw new KnobsError("embedding_mismatch", `embedding model "${options.model}" returned ${response.vectors.length} vectors for ${input.length} inputs`);
      }
      rows.push(...response.vectors);
      cost = cost ? addCosts(cost, response.cost) : response.cost;
    }
    return { index: DenseIndex.fromVectors(rows), cost };
  }

  /** Indexes given vectors (all of one dimension); unit i is vectors[i]. */
  static fromVectors(rows: readonly (readonly number[])[]): DenseIndex {
    const dimension = rows.length === 0 ? 0 : rows[0].length;
    const vectors = new Float32Array(rows.length * dimension);
    rows.forEach((row, i) => {
      if (row.length !== dimension) throw new KnobsError("embedding_mismatch", `embedding ${i} has ${row.length} dimensions, expected ${dimension}`);
      const norm = Math.hypot(...row) || 1;
      for (let d = 0; d < dimension; d++) vectors[i * dimension + d] = row[d] / norm;
    });
    return new DenseIndex(vectors, dimension);
  }

  /** The `k` units most similar to `query` (cosine), best first. */
  search(query: readonly number[], k: number): Scored[] {
    if (this.size === 0) return [];
    if (query.length !== this.dimension) throw new KnobsError("embedding_mismatch", `query embedding has ${query.length} dimensions, the index ${this.dimension}`);
    const norm = Math.hypot(...query) || 1;
    const dimension = this.dimension;
    const vectors = this.vectors;
    const similarity = (id: number) => {
      let dot = 0;
      for (let d = 0, at = id * dimension; d < dimension; d++, at++) dot += vectors[at] * query[d];
      return dot / norm;
    };
    return topK(this.size, (i) => i, similarity, k);
  }
}
