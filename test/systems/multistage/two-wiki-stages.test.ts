import { describe, expect, it } from "vitest";
import {
  answerMessages,
  loadTwoWiki,
  parseSelection,
  parseShortAnswer,
  retrieveMessages,
  SampleParseError,
  selectionRecall,
  selectionScore,
} from "../../../src/systems/multistage/index.js";
import { MINI_2WIKI } from "./helpers.js";

const [glass, lantern] = loadTwoWiki(MINI_2WIKI, { verify: false }).questions;

describe("retrieval stage", () => {
  it("numbers every candidate passage from 1 after the question", () => {
    const [system, user] = retrieveMessages(glass, 8);
    expect(system.role).toBe("system");
    expect(user.content).toContain("Question: Who is the mother of the director of film The Glass Orchard?\n\nCandidate passages:\n[1] The Copper Kettle");
    expect(user.content).toContain("\n[6] Wilhelmina Strand wrote eleven novels");
    expect(user.content).toContain("as a JSON list, most relevant first, at most 8, e.g. [4, 17]");
  });

  it("reads the last list of numbers as 0-based indices, in order, without duplicates, cut to the maximum", () => {
    expect(parseSelection("[2, 4]", 6, 8)).toEqual([1, 3]);
    expect(parseSelection("Passages [1] and [3] mention it, so: [4,2,4]", 6, 8)).toEqual([3, 1]);
    expect(parseSelection("<think>maybe [6]</think>\n[ 5 ]", 6, 8)).toEqual([4]);
    expect(parseSelection("[]", 6, 8)).toEqual([]);
    expect(parseSelection("[1, 2, 3, 4, 5, 6]", 6, 3)).toEqual([0, 1, 2]);
  });

  it("fails a reply without a list or with a passage that does not exist", () => {
    expect(() => parseSelection("Passage two and four.", 6, 8)).toThrow(SampleParseError);
    expect(() => parseSelection("Passage two and four.", 6, 8)).toThrow('malformed reply: expected a JSON list of passage numbers such as [4, 17], received "Passage two and four."');
    expect(() => parseSelection("[2, 7]", 6, 8)).toThrow("expected passage numbers between 1 and 6");
    expect(() => parseSelection("[0]", 6, 8)).toThrow(SampleParseError);
  });

  it("scores selections by question-term coverage, the smaller selection first on a tie", () => {
    // Content words: mother, director, glass, orchard; "mother" is in no passage.
    expect(selectionScore(glass, [1, 3])).toBeCloseTo(3 / 4 - 0.002, 12);
    expect(selectionScore(glass, [1])).toBeCloseTo(2 / 4 - 0.001, 12);
    expect(selectionScore(glass, [0])).toBeCloseTo(0 - 0.001, 12);
    expect(selectionScore(glass, [1, 3, 5])).toBeLessThan(selectionScore(glass, [1, 3]));
  });

  it("measures recall of the gold passages", () => {
    expect(glass.gold).toEqual([1, 3]);
    expect(selectionRecall(glass, [3, 0])).toBe(0.5);
    expect(selectionRecall(glass, [1, 3, 5])).toBe(1);
    expect(selectionRecall(glass, [])).toBe(0);
    expect(selectionRecall(glass, null)).toBe(0);
  });
});

describe("answer stage", () => {
  it("shows the selected passages in selection order, then the question", () => {
    const [, user] = answerMessages(lantern, [2, 0]);
    expect(user.content).toBe(
      "Passages:\n[1] Blue Lantern is a 1974 mystery film about a lighthouse keeper.\n[2] Night Ferry is a 1962 thriller film set aboard a ship crossing the channel.\n\n" +
        "Question: Which film came out first, Blue Lantern or Night Ferry?\nReply with the answer only (a name, date, place, number, or yes/no), no explanation.",
    );
    expect(answerMessages(lantern, [])[1].content).toMatch(/^Passages:\n\(none selected\)\n\nQuestion:/);
  });

  it("reads a short answer from common reply shapes", () => {
    expect(parseShortAnswer("Night Ferry")).toBe("Night Ferry");
    expect(parseShortAnswer('Answer: **"Wilhelmina Strand"**.\nShe is his mother.')).toBe("Wilhelmina Strand");
    expect(parseShortAnswer("The passages say so.\nFinal answer: Varnholm")).toBe("Varnholm");
    expect(parseShortAnswer("<think>Oskar's mother...</think>\n\nWilhelmina Strand.")).toBe("Wilhelmina Strand");
    expect(parseShortAnswer("  \n  Night Ferry  \n")).toBe("Night Ferry");
  });

  it("fails an empty reply", () => {
    expect(() => parseShortAnswer("")).toThrow("malformed reply: expected a short answer");
    expect(() => parseShortAnswer("<think>cut off by the token cap")).toThrow(SampleParseError);
    expect(() => parseShortAnswer('Answer: ""')).toThrow(SampleParseError);
  });
});
