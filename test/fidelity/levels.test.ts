import { describe, expect, it } from "vitest";
import { exampleSubset, fidelityLevels, InvalidFidelityError } from "../../src/fidelity/index.js";
import { float, int, ordinal } from "../../src/space/index.js";

describe("fidelityLevels", () => {
  it("orders ordinal values with resources index + 1 or as given", () => {
    const plain = fidelityLevels({ model: ordinal(["1B", "7B", "70B"]) });
    expect(plain.levels.map((l) => l.fidelity)).toEqual([{ model: "1B" }, { model: "7B" }, { model: "70B" }]);
    expect(plain.levels.map((l) => l.resource)).toEqual([1, 2, 3]);
    const given = fidelityLevels({ model: ordinal(["1B", "7B", "70B"]) }, { resources: { model: [1, 7, 70] } });
    expect(given.levels.map((l) => l.resource)).toEqual([1, 7, 70]);
    expect(plain.kinds).toEqual({ model: "ordinal" });
  });

  it("builds a geometric ladder anchored at high, ints rounded and deduplicated", () => {
    expect(fidelityLevels({ epochs: int(1, 27) }).levels.map((l) => l.fidelity.epochs)).toEqual([1, 3, 9, 27]);
    expect(fidelityLevels({ n: int(10, 1000) }).levels.map((l) => l.fidelity.n)).toEqual([12, 37, 111, 333, 1000]);
    expect(fidelityLevels({ n: int(1, 8) }, { eta: 2 }).levels.map((l) => l.resource)).toEqual([1, 2, 4, 8]);
    // eta 1.5 on 1..4: 4, 2.67, 1.78, 1.19 round to 4, 3, 2, 1.
    expect(fidelityLevels({ n: int(1, 4) }, { eta: 1.5 }).levels.map((l) => l.fidelity.n)).toEqual([1, 2, 3, 4]);
    // eta 1.3 on 1..3: 3, 2.31, 1.78, 1.37, 1.05 round to 3, 2, 2, 1, 1: duplicates are dropped.
    expect(fidelityLevels({ n: int(1, 3) }, { eta: 1.3 }).levels.map((l) => l.fidelity.n)).toEqual([1, 2, 3]);
    expect(fidelityLevels({ frac: float(0.1, 1) }, { eta: 2 }).levels.map((l) => l.fidelity.frac)).toEqual([0.125, 0.25, 0.5, 1]);
  });

  it("snaps to the step", () => {
    expect(fidelityLevels({ n: int(10, 810, { step: 10 }) }).levels.map((l) => l.fidelity.n)).toEqual([10, 30, 90, 270, 810]);
  });

  it("moves several parameters together and multiplies their resources", () => {
    const levels = fidelityLevels({ model: ordinal(["small", "large"]), n: int(1, 9) });
    expect(levels.levels.map((l) => l.fidelity)).toEqual([
      { model: "small", n: 1 },
      { model: "large", n: 3 },
      { model: "large", n: 9 },
    ]);
    expect(levels.levels.map((l) => l.resource)).toEqual([1, 6, 18]);
  });

  it("accepts an explicit list and finds a trial's level", () => {
    const levels = fidelityLevels([{ fidelity: { model: "a" } }, { fidelity: { model: "b" }, resource: 10 }]);
    expect(levels.levels.map((l) => l.resource)).toEqual([1, 10]);
    expect(levels.indexOf({ model: "b" })).toBe(1);
    expect(levels.indexOf({ model: "c" })).toBe(-1);
    expect(levels.indexOf(null)).toBe(-1);
    expect(levels.top.fidelity).toEqual({ model: "b" });
  });

  it("rejects what has no order or no ladder", () => {
    expect(() => fidelityLevels({ m: { type: "categorical", choices: ["a", "b"] } })).toThrow(/ordinal/);
    expect(() => fidelityLevels({ n: int(0, 10) })).toThrow(InvalidFidelityError);
    expect(() => fidelityLevels({ n: float(0.5, 1) }, { kinds: { n: "examples" } })).toThrow(/examples fidelity must be an int/);
    expect(() => fidelityLevels({ m: ordinal(["a", "b"]) }, { resources: { m: [1] } })).toThrow(/expected 2 resources/);
    expect(() => fidelityLevels([{ fidelity: { m: 1 } }, { fidelity: { m: 1 } }])).toThrow(/repeats/);
  });

  it("marks examples fidelities", () => {
    expect(fidelityLevels({ examples: int(10, 90) }, { kinds: { examples: "examples" } }).kinds).toEqual({ examples: "examples" });
  });
});

describe("exampleSubset", () => {
  it("is fixed per seed, distinct, in range, and nested", () => {
    const small = exampleSubset(500, 20, 7);
    expect(exampleSubset(500, 20, 7)).toEqual(small);
    expect(new Set(small).size).toBe(20);
    expect(small.every((i) => Number.isInteger(i) && i >= 0 && i < 500)).toBe(true);
    const large = exampleSubset(500, 180, 7);
    expect(large.slice(0, 20)).toEqual(small);
    expect(new Set(exampleSubset(500, 500, 7))).toEqual(new Set(Array.from({ length: 500 }, (_, i) => i)));
  });

  it("differs between seeds and is not the identity", () => {
    expect(exampleSubset(500, 20, 1)).not.toEqual(exampleSubset(500, 20, 2));
    expect(exampleSubset(500, 20, 1)).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("rejects sizes outside 0..total", () => {
    expect(() => exampleSubset(10, 11, 0)).toThrow(InvalidFidelityError);
    expect(exampleSubset(10, 0, 0)).toEqual([]);
  });
});
