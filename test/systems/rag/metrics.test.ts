import { describe, expect, it } from "vitest";
import {
  dcg,
  exactMatch,
  hit,
  mergeSpans,
  ndcg,
  normalizeAnswer,
  parseRating,
  parseVerdict,
  reciprocalRank,
  spanScores,
  tokenF1,
} from "../../../src/systems/rag/index.js";

const a = (start: number, end: number) => ({ docId: "a", start, end });

describe("mergeSpans", () => {
  it("joins overlapping and touching spans per document", () => {
    const merged = mergeSpans([a(5, 10), a(0, 3), a(3, 4), a(8, 12), { docId: "b", start: 1, end: 2 }, a(20, 20)]);
    expect(merged.get("a")).toEqual([[0, 4], [5, 12]]);
    expect(merged.get("b")).toEqual([[1, 2]]);
  });
});

describe("spanScores", () => {
  it("half of a chunk is gold and half of the gold is retrieved", () => {
    const scores = spanScores([a(0, 10)], [a(5, 15)]);
    expect(scores.recall).toBe(0.5);
    expect(scores.precision).toBe(0.5);
    expect(scores.iou).toBeCloseTo(5 / 15, 15);
  });

  it("counts overlapping retrieved chunks twice in chroma mode, once in union mode", () => {
    // Retrieved [0,10) and [5,15) (20 characters, 15 distinct); gold [5,10).
    const retrieved = [a(0, 10), a(5, 15)];
    const gold = [a(5, 10)];
    expect(spanScores(retrieved, gold, "chroma")).toEqual({ recall: 1, precision: 5 / 20, iou: 5 / 20 });
    expect(spanScores(retrieved, gold, "union")).toEqual({ recall: 1, precision: 5 / 15, iou: 5 / 15 });
  });

  it("covers two gold spans partly", () => {
    // Gold [0,10) and [20,30); retrieved [5,25) shares 5 + 5 characters.
    const scores = spanScores([a(5, 25)], [a(0, 10), a(20, 30)]);
    expect(scores).toEqual({ recall: 0.5, precision: 0.5, iou: 10 / 30 });
  });

  it("never matches text of another document, and gives 0 for nothing retrieved", () => {
    expect(spanScores([{ docId: "b", start: 0, end: 10 }], [a(0, 10)])).toEqual({ recall: 0, precision: 0, iou: 0 });
    expect(spanScores([], [a(0, 10)])).toEqual({ recall: 0, precision: 0, iou: 0 });
  });

  it("counts uncovered gold per gold span in chroma mode when gold spans overlap", () => {
    // Gold [0,10) and [5,15) overlap; retrieved [0,5). Shared 5; gold summed 20; uncovered (10-5) + 10 = 15.
    expect(spanScores([a(0, 5)], [a(0, 10), a(5, 15)], "chroma")).toEqual({ recall: 5 / 20, precision: 1, iou: 5 / (5 + 15) });
    expect(spanScores([a(0, 5)], [a(0, 10), a(5, 15)], "union")).toEqual({ recall: 5 / 15, precision: 1, iou: 5 / 15 });
  });
});

describe("rank metrics", () => {
  it("hit, reciprocal rank", () => {
    expect(hit([false, false])).toBe(0);
    expect(hit([false, true])).toBe(1);
    expect(reciprocalRank([false, false, true])).toBeCloseTo(1 / 3, 15);
    expect(reciprocalRank([true])).toBe(1);
    expect(reciprocalRank([])).toBe(0);
  });

  it("nDCG against the ideal ordering", () => {
    expect(dcg([1, 1])).toBeCloseTo(1 + 1 / Math.log2(3), 15);
    expect(ndcg([0, 1, 1], [1, 1], 3)).toBeCloseTo((1 / Math.log2(3) + 1 / 2) / (1 + 1 / Math.log2(3)), 15);
    expect(ndcg([1, 0, 0], [1], 3)).toBe(1);
    expect(ndcg([0, 0, 1], [1, 1, 1, 1], 3)).toBeCloseTo(0.5 / (1 + 1 / Math.log2(3) + 0.5), 15);
    expect(ndcg([0, 0], [], 2)).toBe(0);
  });
});

describe("answer metrics", () => {
  it("normalizes as SQuAD does", () => {
    expect(normalizeAnswer("  The  Cat's, hat! ")).toBe("cats hat");
    expect(normalizeAnswer("An apple a day")).toBe("apple day");
  });

  it("exact match takes the best gold answer", () => {
    expect(exactMatch("The Cat!", ["dog", "cat"])).toBe(1);
    expect(exactMatch("cat food", ["cat"])).toBe(0);
    expect(exactMatch("cat", [])).toBe(0);
  });

  it("token F1 on bags of normalized tokens", () => {
    // "big cat" vs "big black cat": P = 2/2, R = 2/3.
    expect(tokenF1("the big cat", ["a big black cat"])).toBeCloseTo(0.8, 15);
    expect(tokenF1("cat cat", ["cat"])).toBeCloseTo((2 * 0.5 * 1) / 1.5, 15);
    expect(tokenF1("dog", ["cat", "hot dog"])).toBeCloseTo((2 * 1 * 0.5) / 1.5, 15);
    expect(tokenF1("the", ["a"])).toBe(1);
    expect(tokenF1("", ["cat"])).toBe(0);
  });
});

describe("LLM reply parsing", () => {
  it("reads a judge's verdict", () => {
    expect(parseVerdict("CORRECT")).toBe(1);
    expect(parseVerdict("Incorrect.")).toBe(0);
    expect(parseVerdict("score: 0.7")).toBe(0.7);
    expect(parseVerdict("no idea")).toBe(0);
  });

  it("reads a reranker's rating", () => {
    expect(parseRating("7", 10)).toBe(0.7);
    expect(parseRating("Rating: 12/10", 10)).toBe(1);
    expect(parseRating("none", 10)).toBe(0);
  });
});
