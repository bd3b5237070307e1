import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkByCharacters, chunkByTokens, chunkRecursively, chunkText, type ChunkSpan } from "../../../src/systems/rag/index.js";

const pairs = (spans: readonly ChunkSpan[]) => spans.map((s) => [s.start, s.end]);

describe("chunkByCharacters", () => {
  it("cuts fixed windows that step by size - overlap, the last one shorter", () => {
    expect(pairs(chunkByCharacters("abcdefghij", 4, 1))).toEqual([[0, 4], [3, 7], [6, 10]]);
    expect(pairs(chunkByCharacters("abcdefghij", 4, 0))).toEqual([[0, 4], [4, 8], [8, 10]]);
    expect(pairs(chunkByCharacters("abc", 10, 5))).toEqual([[0, 3]]);
    expect(chunkByCharacters("", 4, 0)).toEqual([]);
  });

  it("rejects overlap >= size and a size below 1", () => {
    expect(() => chunkByCharacters("abc", 4, 4)).toThrow("chunk overlap must be an integer with 0 <= overlap < size, got overlap=4, size=4");
    expect(() => chunkByCharacters("abc", 0, 0)).toThrow("chunk size must be a positive integer, got 0");
  });
});

describe("chunkByTokens", () => {
  // Tokens of "one two, three four": one [0,3) two [4,7) , [7,8) three [9,14) four [15,19).
  const text = "one two, three four";

  it("counts word runs and single symbols as tokens; chunks run to the next token's start", () => {
    expect(pairs(chunkByTokens(text, 2, 0))).toEqual([[0, 7], [7, 15], [15, 19]]);
    expect(chunkByTokens(text, 2, 0).map((s) => text.slice(s.start, s.end))).toEqual(["one two", ", three ", "four"]);
  });

  it("overlaps by whole tokens", () => {
    // Windows of tokens [0,2) [1,3) [2,4) [3,5).
    expect(pairs(chunkByTokens(text, 2, 1))).toEqual([[0, 7], [4, 9], [7, 15], [9, 19]]);
  });

  it("starts the first chunk at 0 and ends the last at the end of the text", () => {
    expect(pairs(chunkByTokens("  hi there  ", 5, 0))).toEqual([[0, 12]]);
    expect(chunkByTokens("   ", 5, 0)).toEqual([]);
  });
});

describe("chunkRecursively", () => {
  it("prefers paragraph breaks, keeping the separator with the piece before it", () => {
    const text = "One. Two.\n\nThree four.";
    expect(pairs(chunkRecursively(text, 12, 0))).toEqual([[0, 11], [11, 22]]);
  });

  it("splits at sentence ends and merges sentences up to the size", () => {
    // Sentences: "One. " [0,5) "Two. " [5,10) "Three. " [10,17) "Four." [17,22).
    const text = "One. Two. Three. Four.";
    expect(pairs(chunkRecursively(text, 10, 0))).toEqual([[0, 10], [10, 17], [17, 22]]);
  });

  it("overlaps by the trailing sentences that fit in the overlap", () => {
    const text = "One. Two. Three. Four.";
    // After [0,10), "Two. " (5 chars) fits in overlap 5 and leaves room for "Three. ": the next chunk is [5,17).
    expect(pairs(chunkRecursively(text, 12, 5))).toEqual([[0, 10], [5, 17], [17, 22]]);
  });

  it("falls back to words, then to fixed characters", () => {
    expect(pairs(chunkRecursively("aaa bbb ccc", 8, 0))).toEqual([[0, 8], [8, 11]]);
    expect(pairs(chunkRecursively("abcdefghijkl", 5, 0))).toEqual([[0, 5], [5, 10], [10, 12]]);
  });
});

describe("every chunker", () => {
  const textArbitrary = fc
    .array(fc.constantFrom("word", "Longerword", "x", " ", "  ", ".", "!", ",", "\n", "\n\n", "é", "42"), { maxLength: 120 })
    .map((parts) => parts.join(""));

  it("returns ordered spans inside the text that cover all of it, tiling it without overlap", () => {
    fc.assert(
      fc.property(textArbitrary, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 39 }), fc.constantFrom("chars", "tokens", "recursive"), (text, size, rawOverlap, kind) => {
        const overlap = rawOverlap % size;
        const spans = chunkText(text, { kind: kind as "chars", size, overlap });
        for (let i = 0; i < spans.length; i++) {
          const { start, end } = spans[i];
          expect(0 <= start && start < end && end <= text.length).toBe(true);
          if (kind !== "tokens") expect(end - start).toBeLessThanOrEqual(size);
          if (i > 0) {
            expect(start).toBeGreaterThan(spans[i - 1].start);
            expect(end).toBeGreaterThan(spans[i - 1].end);
            // No gap between consecutive chunks.
            expect(start).toBeLessThanOrEqual(spans[i - 1].end);
          }
        }
        if (text.trim() !== "" || kind !== "tokens") {
          if (text.length > 0) {
            expect(spans[0].start).toBe(0);
            expect(spans[spans.length - 1].end).toBe(text.length);
          }
        }
        const tiled = chunkText(text, { kind: kind as "chars", size, overlap: 0 });
        for (let i = 1; i < tiled.length; i++) expect(tiled[i].start).toBe(tiled[i - 1].end);
      }),
      { numRuns: 300 },
    );
  });
});
