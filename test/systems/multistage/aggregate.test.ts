import { describe, expect, it } from "vitest";
import { bestOfN, majorityVote } from "../../../src/systems/multistage/index.js";

const candidates = (...outputs: string[]) => outputs.map((output, index) => ({ index, output }));

describe("majorityVote", () => {
  it("picks the largest group and keeps its first member", () => {
    const choice = majorityVote(candidates("Rome", "Paris", "paris", "PARIS", "Rome"), (answer) => answer.toLowerCase());
    expect(choice).toEqual({ chosen: { index: 1, output: "Paris" }, votes: 3 });
  });

  it("breaks a tie for the group whose first member came first", () => {
    expect(majorityVote(candidates("b", "a", "a", "b"), (x) => x)?.chosen).toEqual({ index: 0, output: "b" });
    expect(majorityVote(candidates("c", "a", "b", "b", "a"), (x) => x)?.chosen).toEqual({ index: 1, output: "a" });
    // Indices need not be contiguous (failed samples are left out): order of appearance decides.
    expect(majorityVote([{ index: 4, output: "x" }, { index: 7, output: "y" }], (x) => x)?.chosen.index).toBe(4);
  });

  it("returns null without candidates", () => {
    expect(majorityVote([], (x: string) => x)).toBeNull();
  });
});

describe("bestOfN", () => {
  it("picks the highest score; a tie goes to the earlier candidate; NaN never wins", () => {
    expect(bestOfN(candidates("a", "b", "c"), [0.2, 0.9, 0.5])).toEqual({ index: 1, output: "b" });
    expect(bestOfN(candidates("a", "b", "c"), [0.5, 0.9, 0.9])).toEqual({ index: 1, output: "b" });
    expect(bestOfN(candidates("a", "b"), [Number.NaN, -5])).toEqual({ index: 1, output: "b" });
    expect(bestOfN(candidates("a"), [Number.NaN])).toEqual({ index: 0, output: "a" });
    expect(bestOfN([], [])).toBeNull();
  });
});
