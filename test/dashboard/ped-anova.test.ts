import { describe, expect, it } from "vitest";
import { pedAnovaImportance, type ImportanceSample } from "../../src/dashboard/index.js";
import { rngFor } from "../../src/math/rng.js";
import { categorical, float, int, Space } from "../../src/space/index.js";

function samples(n: number, space: Space, loss: (config: Record<string, unknown>) => number, seed = 0): ImportanceSample[] {
  const rng = rngFor(seed, "ped-anova-test");
  return Array.from({ length: n }, () => {
    const config = space.sample(rng);
    return { config, loss: loss(config) };
  });
}

const byName = (result: ReturnType<typeof pedAnovaImportance>) => Object.fromEntries(result.importances.map((i) => [i.name, i.importance]));

describe("PED-ANOVA importance", () => {
  it("finds the parameter that decides the loss and gives the irrelevant one little", () => {
    const space = Space.parse({ x: float(0, 1), y: float(0, 1) });
    const result = pedAnovaImportance(space.params, samples(400, space, (c) => ((c.x as number) - 0.3) ** 2));
    const importance = byName(result);
    expect(result.method).toBe("PED-ANOVA");
    expect(result.topCount).toBe(40);
    expect(importance.x).toBeGreaterThan(0.9);
    expect(importance.y).toBeLessThan(0.1);
    expect(result.importances[0].name).toBe("x");
    expect(importance.x + importance.y).toBeCloseTo(1, 12);
  });

  it("ranks a categorical parameter that matters above numeric ones that do not", () => {
    const space = Space.parse({ kind: categorical(["a", "b", "c"]), k: int(1, 20), lr: float(1e-4, 1e-1, { log: true }) });
    const offset: Record<string, number> = { a: 0, b: 1, c: 2 };
    const result = pedAnovaImportance(space.params, samples(300, space, (c) => offset[c.kind as string] + 0.1 * ((c.k as number) % 2), 1));
    const importance = byName(result);
    expect(result.importances[0].name).toBe("kind");
    expect(importance.kind).toBeGreaterThan(0.7);
    expect(importance.lr).toBeLessThan(0.1);
  });

  it("counts a conditional parameter's inactive trials as a bin of their own", () => {
    // Good trials are exactly those where alpha is active (retriever = hybrid) with alpha near 0.3.
    const space = Space.parse({ retriever: categorical(["bm25", "hybrid"]), alpha: float(0, 1, { when: { retriever: "hybrid" } }), noise: float(0, 1) });
    const result = pedAnovaImportance(space.params, samples(300, space, (c) => (c.retriever === "hybrid" ? ((c.alpha as number) - 0.3) ** 2 : 1), 2));
    const importance = byName(result);
    expect(importance.alpha).toBeGreaterThan(importance.noise);
    expect(importance.retriever).toBeGreaterThan(importance.noise);
    expect(importance.noise).toBeLessThan(0.1);
  });

  it("gives a parameter with a single possible value no importance, and splits evenly when there are too few trials", () => {
    const params = { x: float(0, 1), fixed: categorical(["only"]) };
    const few = pedAnovaImportance(params, [
      { config: { x: 0.1, fixed: "only" }, loss: 1 },
      { config: { x: 0.9, fixed: "only" }, loss: 2 },
    ]);
    expect(byName(few)).toEqual({ x: 1, fixed: 0 });
    expect(pedAnovaImportance({ fixed: categorical(["only"]) }, []).importances).toEqual([{ name: "fixed", importance: 0 }]);
  });

  it("is the same for the same samples (no randomness inside)", () => {
    const space = Space.parse({ x: float(0, 1), y: float(0, 1) });
    const data = samples(100, space, (c) => (c.x as number) + 0.1 * (c.y as number), 3);
    expect(pedAnovaImportance(space.params, data)).toEqual(pedAnovaImportance(space.params, data));
  });
});
