import type { Scored } from "./spec.js";
import { topK } from "./top-k.js";

/** BM25's two knobs: term-frequency saturation k1 (>= 0) and length normalization b (0..1). */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** The terms of one indexed unit (a chunk): term ids [from, to) of a shared array. */
export interface TermSlice {
  terms: Int32Array;
  from: number;
  to: number;
}

/**
 * An inverted index scored with Okapi BM25 (Robertson et al., TREC-3 1994; the Lucene form):
 *
 *   score(q, d) = sum over query tokens t of idf(t) * tf(t,d) * (k1 + 1) / (tf(t,d) + k1 * (1 - b + b * |d| / avgdl))
 *   idf(t)      = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
 *
 * N is the number of units, df(t) the number of units holding t, |d| the unit's token count
 * and avgdl the mean of |d|. A term repeated in the query counts once per repetition (as in
 * rank_bm25 and Lucene); terms the index has never seen are skipped. Postings are stored in
 * compressed-row arrays (one block per term, ids ascending), so k1 and b are chosen per query
 * without rebuilding.
 */
export class Bm25Index {
  /** Number of indexed units. */
  readonly size: number;
  /** Mean unit length in tokens. */
  readonly averageLength: number;
  /** Token count of each unit. */
  readonly lengths: Int32Array;
  private readonly offsets: Int32Array;
  private readonly postingIds: Int32Array;
  private readonly postingTfs: Int32Array;
  private readonly idfs: Float64Array;
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private norms: { k1: number; b: number; values: Float64Array } | null = null;

  private constructor(fields: { lengths: Int32Array; offsets: Int32Array; postingIds: Int32Array; postingTfs: Int32Array }) {
    this.size = fields.lengths.length;
    this.lengths = fields.lengths;
    this.offsets = fields.offsets;
    this.postingIds = fields.postingIds;
    this.postingTfs = fields.postingTfs;
    let total = 0;
    for (const length of this.lengths) total += length;
    this.averageLength = this.size === 0 ? 0 : total / this.size;
    const vocabulary = this.offsets.length - 1;
    this.idfs = new Float64Array(vocabulary);
    for (let t = 0; t < vocabulary; t++) {
      const df = this.offsets[t + 1] - this.offsets[t];
      this.idfs[t] = Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
    }
    this.scores = new Float64Array(this.size);
    this.touched = new Int32Array(this.size);
  }

  /** Indexes units whose terms are ids in [0, vocabularySize). Unit i gets id i. */
  static build(units: readonly TermSlice[], vocabularySize: number): Bm25Index {
    const counts = new Int32Array(vocabularySize);
    const seen: number[] = [];
    const df = new Int32Array(vocabularySize);
    const pairTerms: number[] = [];
    const pairTfs: number[] = [];
    const pairEnds = new Int32Array(units.length);
    const lengths = new Int32Array(units.length);
    units.forEach((unit, u) => {
      for (let i = unit.from; i < unit.to; i++) {
        const term = unit.terms[i];
        if (counts[term]++ === 0) seen.push(term);
      }
      for (const term of seen) {
        df[term]++;
        pairTerms.push(term);
        pairTfs.push(counts[term]);
        counts[term] = 0;
      }
      seen.length = 0;
      pairEnds[u] = pairTerms.length;
      lengths[u] = unit.to - unit.from;
    });
    const offsets = new Int32Array(vocabularySize + 1);
    for (let t = 0; t < vocabularySize; t++) offsets[t + 1] = offsets[t] + df[t];
    const fill = offsets.slice(0, vocabularySize);
    const postingIds = new Int32Array(pairTerms.length);
    const postingTfs = new Int32Array(pairTerms.length);
    let pair = 0;
    for (let u = 0; u < units.length; u++) {
      for (; pair < pairEnds[u]; pair++) {
        const at = fill[pairTerms[pair]]++;
        postingIds[at] = u;
        postingTfs[at] = pairTfs[pair];
      }
    }
    return new Bm25Index({ lengths, offsets, postingIds, postingTfs });
  }

  /** Number of distinct term ids the index was built for. */
  get vocabularySize(): number {
    return this.offsets.length - 1;
  }

  /** Inverse document frequency of a term id (as if unseen when out of range). */
  idf(term: number): number {
    if (term < 0 || term >= this.idfs.length) return Math.log(1 + (this.size + 0.5) / 0.5);
    return this.idfs[term];
  }

  /** Number of units holding the term. */
  documentFrequency(term: number): number {
    if (term < 0 || term >= this.idfs.length) return 0;
    return this.offsets[term + 1] - this.offsets[term];
  }

  /** How often `term` occurs in unit `id` (binary search in the term's postings). */
  termFrequency(term: number, id: number): number {
    if (term < 0 || term >= this.idfs.length) return 0;
    let low = this.offsets[term];
    let high = this.offsets[term + 1];
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.postingIds[mid] < id) low = mid + 1;
      else high = mid;
    }
    return low < this.offsets[term + 1] && this.postingIds[low] === id ? this.postingTfs[low] : 0;
  }

  /** The BM25 score of one unit for a query (term ids). */
  score(query: readonly number[], id: number, params: Bm25Params): number {
    const norm = this.normsFor(params)[id];
    let total = 0;
    for (const term of query) {
      const tf = this.termFrequency(term, id);
      if (tf > 0) total += (this.idfs[term] * tf * (params.k1 + 1)) / (tf + norm);
    }
    return total;
  }

  /** The `k` best units for a query (term ids), best first; units scoring 0 are left out. */
  search(query: readonly number[], params: Bm25Params, k: number): Scored[] {
    const norms = this.normsFor(params);
    const { scores, touched, offsets, postingIds, postingTfs, idfs } = this;
    let count = 0;
    for (const term of query) {
      if (term < 0 || term >= idfs.length) continue;
      const weight = idfs[term] * (params.k1 + 1);
      for (let p = offsets[term], end = offsets[term + 1]; p < end; p++) {
        const id = postingIds[p];
        const tf = postingTfs[p];
        const before = scores[id];
        if (before === 0) touched[count++] = id;
        scores[id] = before + (weight * tf) / (tf + norms[id]);
      }
    }
    const best = topK(count, (i) => touched[i], (i) => scores[touched[i]], k);
    for (let i = 0; i < count; i++) scores[touched[i]] = 0;
    return best;
  }

  /** k1 * (1 - b + b * |d| / avgdl) for every unit, kept for the last (k1, b) asked. */
  private normsFor(params: Bm25Params): Float64Array {
    if (this.norms && this.norms.k1 === params.k1 && this.norms.b === params.b) return this.norms.values;
    const values = new Float64Array(this.size);
    const average = this.averageLength > 0 ? this.averageLength : 1;
    for (let i = 0; i < this.size; i++) values[i] = params.k1 * (1 - params.b + (params.b * this.lengths[i]) / average);
    this.norms = { k1: params.k1, b: params.b, values };
    return values;
  }
}
