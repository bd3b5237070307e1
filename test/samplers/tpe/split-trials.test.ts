import { describe, expect, it } from "vitest";
import { splitTrials } from "../../../src/samplers/tpe/split-trials.js";
import type { Objective, TrialRecord } from "../../../src/storage/spec.js";
import { makeTrial } from "../../../src/testing/index.js";

const minimize: Objective[] = [{ name: "loss", direction: "minimize" }];
const count = (n: number) => () => n;

function trials(specs: Partial<TrialRecord>[]): TrialRecord[] {
  return specs.map((spec, number) => makeTrial({ number, config: {}, ...spec }));
}

describe("splitTrials, one objective", () => {
  it("puts the gamma(n) best complete trials below, both groups in number order", () => {
    const history = trials([{ values: [5] }, { values: [1] }, { values: [4] }, { values: [2] }, { values: [3] }]);
    const split = splitTrials(history, minimize, { gamma: count(2), constantLiar: false });
    expect(split.ranked).toBe(5);
    expect(Array.from(split.below)).toEqual([1, 3]);
    expect(Array.from(split.above)).toEqual([0, 2, 4]);
    expect(split.belowWeights).toBeNull();
  });

  it("ranks every trial when asked: complete by loss (ties to the older), then pruned, then infeasible", () => {
    const history = trials([
      { values: [3] },
      { state: "pruned", intermediate: { 2: 0.5 } },
      { values: [1], constraints: [2] },
      { values: [1] },
      { state: "running" },
      { values: [3] },
      { values: [0.5], constraints: [0.5] },
    ]);
    const split = splitTrials(history, minimize, { gamma: count(2), constantLiar: true, ranking: true });
    expect(Array.from(split.ranking ?? [])).toEqual([3, 0, 5, 1, 6, 2]);
    // The global split is the same as without the ranking; the running trial is in g only.
    expect(Array.from(split.below)).toEqual([0, 3]);
    expect(Array.from(split.above)).toEqual([1, 2, 4, 5, 6]);
    expect(splitTrials(history, minimize, { gamma: count(2), constantLiar: true }).ranking).toBeNull();
    expect(splitTrials(history, [...minimize, { name: "b", direction: "minimize" }], { gamma: count(2), constantLiar: true, ranking: true }).ranking).toBeNull();
  });

  it("reads maximized objectives as negated losses, ties to the older trial", () => {
    const history = trials([{ values: [5] }, { values: [9] }, { values: [9] }, { values: [2] }]);
    const split = splitTrials(history, [{ name: "score", direction: "maximize" }], { gamma: count(1), constantLiar: false });
    expect(Array.from(split.below)).toEqual([1]);
  });

  it("ignores failed trials and values that are not finite", () => {
    const history = trials([{ values: [1] }, { state: "failed" }, { values: [NaN] }, { values: [Infinity] }, { values: [0] }, { values: null }]);
    const split = splitTrials(history, minimize, { gamma: count(1), constantLiar: false });
    expect(split.ranked).toBe(2);
    expect(Array.from(split.below)).toEqual([4]);
    expect(Array.from(split.above)).toEqual([0]);
  });

  it("ranks pruned trials after complete ones: deeper step first, then value, silent ones last", () => {
    const history = trials([
      { state: "pruned", intermediate: { 1: 0.1 } },
      { state: "pruned", intermediate: {} },
      { state: "pruned", intermediate: { 1: 0.5, 3: 0.9 } },
      { values: [7] },
      { state: "pruned", intermediate: { 3: 0.2 } },
    ]);
    const order = [1, 2, 3, 4, 5].map((n) => Array.from(splitTrials(history, minimize, { gamma: count(n), constantLiar: false }).below));
    expect(order).toEqual([[3], [3, 4], [2, 3, 4], [0, 2, 3, 4], [0, 1, 2, 3, 4]]);
  });

  it("ranks infeasible trials after feasible ones, by total violation", () => {
    const history = trials([
      { values: [0], constraints: [2, -1] },
      { values: [9], constraints: [-1, 0] },
      { values: [1], constraints: [0.5, 0.2] },
      { values: [5], constraints: [-3, -3] },
    ]);
    const below = (n: number) => Array.from(splitTrials(history, minimize, { gamma: count(n), constantLiar: false }).below);
    expect(below(1)).toEqual([3]);
    expect(below(2)).toEqual([1, 3]);
    expect(below(3)).toEqual([1, 2, 3]);
  });

  it("leaves running trials out, or puts them above under constant liar without ranking them", () => {
    const history = trials([{ values: [3] }, { state: "running" }, { values: [1] }, { state: "queued" }, { values: [2] }]);
    const plain = splitTrials(history, minimize, { gamma: count(1), constantLiar: false });
    expect(Array.from(plain.above)).toEqual([0, 4]);
    const liar = splitTrials(history, minimize, { gamma: count(1), constantLiar: true });
    expect(liar.ranked).toBe(3);
    expect(Array.from(liar.below)).toEqual([2]);
    expect(Array.from(liar.above)).toEqual([0, 1, 3, 4]);
  });
});

describe("splitTrials, several objectives", () => {
  const two: Objective[] = [{ name: "a", direction: "minimize" }, { name: "b", direction: "minimize" }];

  it("takes whole fronts first and cuts the last one by hypervolume", () => {
    // Front 1: trials 0, 1, 2 (a staircase); front 2: trials 3, 4; trial 5 is worst.
    const history = trials([
      { values: [1, 5] }, { values: [2, 2] }, { values: [5, 1] },
      { values: [2, 6] }, { values: [6, 2] }, { values: [9, 9] },
    ]);
    expect(Array.from(splitTrials(history, two, { gamma: count(3), constantLiar: false }).below)).toEqual([0, 1, 2]);
    const four = splitTrials(history, two, { gamma: count(4), constantLiar: false });
    expect(Array.from(four.below)).toHaveLength(4);
    expect(Array.from(four.below).slice(0, 3)).toEqual([0, 1, 2]);
    // With room for one of the three front points, the middle one spans the most hypervolume.
    expect(Array.from(splitTrials(history, two, { gamma: count(1), constantLiar: false }).below)).toEqual([1]);
  });

  it("weights good trials by hypervolume contribution, dominated ones near zero", () => {
    const history = trials([{ values: [1, 4] }, { values: [2, 2] }, { values: [3, 3] }, { values: [9, 9] }]);
    const split = splitTrials(history, two, { gamma: count(3), constantLiar: false });
    expect(Array.from(split.below)).toEqual([0, 1, 2]);
    const weights = Array.from(split.belowWeights ?? []);
    expect(Math.max(...weights)).toBe(1);
    expect(weights[0]).toBeGreaterThan(0.1);
    expect(weights[1]).toBeGreaterThan(0.1);
    expect(weights[2]).toBeLessThan(1e-9);
  });

  it("ignores pruned trials and gives infeasible good trials a negligible weight", () => {
    const history = trials([
      { values: [1, 1], constraints: [1] },
      { state: "pruned", intermediate: { 1: 0 } },
      { values: [2, 3], constraints: [-1] },
    ]);
    const split = splitTrials(history, two, { gamma: count(2), constantLiar: false });
    expect(split.ranked).toBe(2);
    expect(Array.from(split.below)).toEqual([0, 2]);
    expect(Array.from(split.belowWeights ?? [])).toEqual([1e-12, 1]);
  });
});
