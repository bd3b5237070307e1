import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rSquared, spearman, surrogateFit, surrogateTask } from "../../../src/bench/surrogate/index.js";
import { loadTabularTask, type TabularTask } from "../../../src/bench/tabular/index.js";
import { getTask } from "../../../src/bench/builtin/index.js";
import { rngFor } from "../../../src/math/rng.js";

const good = loadTabularTask(fileURLToPath(new URL("../../fixtures/tasks/good", import.meta.url)));

describe("fit-quality measures", () => {
  it("computes R^2 and Spearman", () => {
    expect(rSquared([1, 2, 3, 4], [1, 2, 3, 4])).toBe(1);
    expect(rSquared([1, 2, 3, 4], [2.5, 2.5, 2.5, 2.5])).toBe(0);
    expect(rSquared([1, 2, 3], [3, 2, 1])).toBe(-3);
    expect(rSquared([2, 2], [1, 3])).toBeNull();
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe("surrogateTask", () => {
  const naiverag = getTask("llmsys/naiverag") as TabularTask;
  const surrogate = surrogateTask(naiverag);
  const configs = Array.from({ length: 20 }, (_, i) => naiverag.space.sample(rngFor(7, "surrogate-test", i)));

  it("is deterministic in (config, fidelity, seed) and varies with the seed", () => {
    const again = surrogateTask(naiverag);
    let differs = 0;
    for (const config of configs) {
      const a = surrogate.evaluate(config, null, 1);
      expect(again.evaluate(config, null, 1)).toEqual(a);
      expect(surrogate.evaluate(config, null, 1)).toEqual(a);
      if (surrogate.evaluate(config, null, 2).values[0] !== a.values[0]) differs++;
      for (const v of a.values) expect(Number.isFinite(v)).toBe(true);
    }
    expect(differs).toBeGreaterThan(10);
  });

  it("without noise returns the weighted k-NN mean, which is a recorded row's values at that row", () => {
    const mean = surrogateTask(naiverag, { noise: false });
    const row = naiverag.table.rows[3];
    expect(mean.evaluate(row.config, null, 0).values).toEqual(row.values);
    for (const config of configs) expect(mean.evaluate(config, null, 5)).toEqual(mean.evaluate(config, null, 6));
  });

  it("keeps values inside the observed range of each objective", () => {
    const values = naiverag.table.rows.map((row) => row.values[0] as number);
    const [low, high] = [Math.min(...values), Math.max(...values)];
    for (const config of configs) {
      const v = surrogate.evaluate(config, null, 3).values[0];
      expect(v).toBeGreaterThanOrEqual(low);
      expect(v).toBeLessThanOrEqual(high);
    }
  });

  it("keeps the tabular task's identity, space and license", () => {
    expect(surrogate.id).toBe("surrogate/llmsys/naiverag");
    expect(surrogate.space).toBe(naiverag.space);
    expect(surrogate.license).toBe("CC-BY-4.0");
    expect(surrogate.synthetic).toBe(false);
  });

  it("predicts a failure where most neighbours failed (SGLang) and answers small levels from the table", () => {
    const sglang = getTask("llmsys/sglang") as TabularTask;
    const s = surrogateTask(sglang);
    // 416 of the 467 SGLang runs failed, so most sampled configs are predicted to fail.
    const failed = Array.from({ length: 50 }, (_, i) => s.evaluate(sglang.space.sample(rngFor(3, "sg", i)), null, 0).failed === true).filter(Boolean).length;
    expect(failed).toBeGreaterThan(25);
    // With fewer successful rows than k, a level falls back to the table.
    const tiny = surrogateTask(good, { k: 5 });
    const config = { chunk: 1024, retriever: "hybrid, reranked", rerank: true };
    expect(tiny.evaluate(config, null, 0).values).toEqual(good.evaluate(config, null, 0).values);
  });
});

describe("surrogateFit", () => {
  it("reports held-out R^2 and Spearman per level, reproducibly by seed", () => {
    const regmix = getTask("regmix") as TabularTask;
    const fit = surrogateFit(regmix, { seed: 0 });
    expect(fit.map((f) => f.fidelity)).toEqual([{ model: "1M" }, { model: "60M" }, { model: "1B" }]);
    expect(fit.map((f) => [f.train, f.test])).toEqual([
      [614, 154],
      [205, 51],
      [51, 13],
    ]);
    for (const level of fit) {
      for (const objective of level.objectives) {
        expect(objective.r2).not.toBeNull();
        expect(objective.r2 as number).toBeLessThanOrEqual(1);
        expect(Math.abs(objective.spearman as number)).toBeLessThanOrEqual(1);
      }
    }
    // Pile-CC loss at 1M is well predicted from the mixture (RegMix's premise).
    expect(fit[0].objectives[0].r2 as number).toBeGreaterThan(0.5);
    expect(surrogateFit(regmix, { seed: 0 })).toEqual(fit);
    expect(surrogateFit(regmix, { seed: 1 })).not.toEqual(fit);
  });
});
