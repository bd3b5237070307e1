import { describe, expect, it } from "vitest";
import {
  applyRerank,
  Bm25Index,
  CorpusIndexer,
  coverageScores,
  DenseIndex,
  reciprocalRankFusion,
  weightedScoreFusion,
  type Corpus,
} from "../../../src/systems/rag/index.js";

// Terms: apple 0, banana 1, cherry 2, date 3, elderberry 4.
// d0 = apple banana cherry (3 tokens), d1 = apple apple date (3), d2 = banana date date elderberry (4).
const terms = Int32Array.from([0, 1, 2, 0, 0, 3, 1, 3, 3, 4]);
const units = [
  { terms, from: 0, to: 3 },
  { terms, from: 3, to: 6 },
  { terms, from: 6, to: 10 },
];
const params = { k1: 1.2, b: 0.75 };

// By hand: N = 3, avgdl = 10/3. idf(df=2) = ln(1 + 1.5/2.5) = ln 1.6; idf(df=1) = ln(1 + 2.5/1.5) = ln(8/3).
// k1 (1 - b + b |d| / avgdl): 1.2 * (0.25 + 0.75 * 0.9) = 1.11 for |d| = 3; 1.2 * (0.25 + 0.75 * 1.2) = 1.38 for |d| = 4.
const IDF2 = Math.log(1.6);
const IDF1 = Math.log(8 / 3);
const expected = {
  d0: (IDF2 * 1 * 2.2) / (1 + 1.11), // apple once
  d1: (IDF2 * 2 * 2.2) / (2 + 1.11) + (IDF2 * 1 * 2.2) / (1 + 1.11), // apple twice, date once
  d2: (IDF2 * 2 * 2.2) / (2 + 1.38), // date twice
};

describe("Bm25Index", () => {
  const index = Bm25Index.build(units, 5);

  it("holds document frequencies, lengths and Lucene idf", () => {
    expect([0, 1, 2, 3, 4].map((t) => index.documentFrequency(t))).toEqual([2, 2, 1, 2, 1]);
    expect([...index.lengths]).toEqual([3, 3, 4]);
    expect(index.averageLength).toBeCloseTo(10 / 3, 12);
    expect(index.idf(0)).toBeCloseTo(IDF2, 12);
    expect(index.idf(4)).toBeCloseTo(IDF1, 12);
    expect(index.termFrequency(0, 1)).toBe(2);
    expect(index.termFrequency(2, 1)).toBe(0);
  });

  it("scores a query as computed by hand (d1 ≈ 1.1550, d2 ≈ 0.6118, d0 ≈ 0.4901)", () => {
    const query = [0, 3]; // apple date
    expect(index.score(query, 0, params)).toBeCloseTo(expected.d0, 12);
    expect(index.score(query, 1, params)).toBeCloseTo(expected.d1, 12);
    expect(index.score(query, 2, params)).toBeCloseTo(expected.d2, 12);
    expect(expected.d1).toBeCloseTo(1.155008, 5);
    const ranked = index.search(query, params, 3);
    expect(ranked.map((r) => r.id)).toEqual([1, 2, 0]);
    ranked.forEach((r) => expect(r.score).toBeCloseTo(index.score(query, r.id, params), 12));
  });

  it("keeps the best k, leaves out units that score 0, skips unknown terms", () => {
    expect(index.search([4], params, 3).map((r) => r.id)).toEqual([2]);
    expect(index.search([0, 3], params, 1).map((r) => r.id)).toEqual([1]);
    expect(index.search([99, -1], params, 3)).toEqual([]);
  });

  it("with b = 0 ignores length; with k1 = 0 ignores term frequency", () => {
    // k1 = 0: each matching term adds its idf once.
    expect(index.score([0, 3], 1, { k1: 0, b: 0.75 })).toBeCloseTo(2 * IDF2, 12);
    // b = 0: date twice in d2 scores as it would in a 3-token unit: idf * 2 * 2.2 / (2 + 1.2).
    expect(index.score([3], 2, { k1: 1.2, b: 0 })).toBeCloseTo((IDF2 * 2 * 2.2) / 3.2, 12);
  });

  it("counts a repeated query term once per repetition", () => {
    expect(index.score([4, 4], 2, params)).toBeCloseTo(2 * index.score([4], 2, params), 12);
  });
});

describe("CorpusIndexer", () => {
  const corpus: Corpus = {
    name: "three",
    documents: [
      { id: "d0", text: "Apple, banana; cherry." },
      { id: "d1", text: "apple APPLE date" },
      { id: "d2", text: "banana date date elderberry" },
    ],
    questions: [],
  };

  it("indexes word tokens lowercased, one chunk per document when the chunk is large, and scores as BM25 by hand", () => {
    const indexer = new CorpusIndexer(corpus);
    const index = indexer.index({ kind: "chars", size: 100, overlap: 0 });
    expect(index.chunks.map((c) => [c.docId, c.start, c.end])).toEqual([["d0", 0, 22], ["d1", 0, 16], ["d2", 0, 27]]);
    expect(index.tokensIndexed).toBe(10);
    const ranked = index.bm25.search(indexer.queryTerms("Apple? date! unknownword"), params, 3);
    expect(ranked.map((r) => r.id)).toEqual([1, 2, 0]);
    expect(ranked[0].score).toBeCloseTo(expected.d1, 12);
  });

  it("gives a chunk only the words lying wholly inside it, and caches indexes per chunking (LRU)", () => {
    const indexer = new CorpusIndexer(corpus, { cacheSize: 1 });
    const chunking = { kind: "chars" as const, size: 8, overlap: 0 };
    const index = indexer.index(chunking);
    // d0 "Apple, banana; cherry." -> [0,8) "Apple, b" holds apple only; [8,16) "anana; c" holds no whole word.
    expect(index.bm25.lengths[0]).toBe(1);
    expect(index.bm25.lengths[1]).toBe(0);
    expect(indexer.index(chunking)).toBe(index);
    indexer.index({ kind: "chars", size: 9, overlap: 0 });
    expect(indexer.isCached(chunking)).toBe(false);
    expect(indexer.index(chunking)).not.toBe(index);
  });

  it("finds the chunks touching gold spans", () => {
    const indexer = new CorpusIndexer(corpus);
    const index = indexer.index({ kind: "chars", size: 5, overlap: 2 });
    // d1 "apple APPLE date" (16 chars), step 3: [0,5) [3,8) [6,11) [9,14) [12,16); [7,9) touches the 2nd and 3rd.
    const touching = index.chunksTouching([{ docId: "d1", start: 7, end: 9 }]).map((id) => [index.chunks[id].start, index.chunks[id].end]);
    expect(touching).toEqual([[3, 8], [6, 11]]);
    expect(index.chunksTouching([{ docId: "nope", start: 0, end: 3 }])).toEqual([]);
  });
});

describe("fusion", () => {
  const bm25 = [{ id: 1, score: 10 }, { id: 2, score: 5 }, { id: 3, score: 0 }];
  const dense = [{ id: 3, score: 0.9 }, { id: 1, score: 0.1 }];

  it("reciprocal rank fusion adds 1 / (k + rank)", () => {
    const fused = reciprocalRankFusion([bm25, dense], 60);
    expect(fused.map((f) => f.id)).toEqual([1, 3, 2]);
    expect(fused[0].score).toBeCloseTo(1 / 61 + 1 / 62, 15);
    expect(fused[1].score).toBeCloseTo(1 / 63 + 1 / 61, 15);
    expect(fused[2].score).toBeCloseTo(1 / 62, 15);
    // k = 0 makes the top of each list dominate.
    expect(reciprocalRankFusion([bm25, dense], 0)[0].score).toBeCloseTo(1 + 1 / 2, 15);
  });

  it("weighted fusion min-max normalizes each list and weighs them", () => {
    // bm25 normalized: 1 -> 1, 2 -> 0.5, 3 -> 0; dense: 3 -> 1, 1 -> 0.
    const even = weightedScoreFusion([bm25, dense], [0.5, 0.5]);
    expect(even).toEqual([{ id: 1, score: 0.5 }, { id: 3, score: 0.5 }, { id: 2, score: 0.25 }]);
    expect(weightedScoreFusion([bm25, dense], [0, 1]).map((f) => f.id)).toEqual([3, 1, 2]);
    expect(weightedScoreFusion([[{ id: 7, score: 2 }]], [1])).toEqual([{ id: 7, score: 1 }]);
  });
});

describe("lexical rerank", () => {
  const index = Bm25Index.build(units, 5);

  it("scores idf-weighted query-term coverage in [0, 1]", () => {
    // Query apple cherry elderberry: idf total = ln1.6 + 2 ln(8/3). d0 has apple, cherry; d2 has elderberry; d1 apple.
    const total = IDF2 + 2 * IDF1;
    const scores = coverageScores(index, [0, 2, 4, 99], [{ id: 0, score: 1 }, { id: 1, score: 1 }, { id: 2, score: 1 }]);
    expect(scores[0]).toBeCloseTo((IDF2 + IDF1) / total, 12);
    expect(scores[1]).toBeCloseTo(IDF2 / total, 12);
    expect(scores[2]).toBeCloseTo(IDF1 / total, 12);
  });

  it("orders by the new score, first-stage order on ties, drops scores below the threshold, keeps k", () => {
    const candidates = [{ id: 5, score: 9 }, { id: 6, score: 8 }, { id: 7, score: 7 }, { id: 8, score: 6 }];
    expect(applyRerank(candidates, [0.2, 0.9, 0.2, 0.1], 0.15, 10)).toEqual([{ id: 6, score: 0.9 }, { id: 5, score: 0.2 }, { id: 7, score: 0.2 }]);
    expect(applyRerank(candidates, [0.2, 0.9, 0.2, 0.1], 0, 2).map((c) => c.id)).toEqual([6, 5]);
  });
});

describe("DenseIndex", () => {
  it("ranks by cosine similarity", () => {
    const index = DenseIndex.fromVectors([[1, 0], [0, 2], [1, 1]]);
    const ranked = index.search([3, 1], 3);
    expect(ranked.map((r) => r.id)).toEqual([0, 2, 1]);
    expect(ranked[0].score).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(() => index.search([1, 2, 3], 1)).toThrow("query embedding has 3 dimensions, the index 2");
  });
});
