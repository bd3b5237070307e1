import { describe, expect, it } from "vitest";
import { enumerateGrid, gridSampler } from "../../../src/samplers/grid/index.js";
import { categorical, float, int, Space } from "../../../src/space/index.js";
import { createStudy } from "../../../src/study/index.js";
import { makeTrial, runSampler } from "../../../src/testing/index.js";

const space = Space.parse({
  kind: categorical(["a", "b"]),
  n: int(1, 3),
  x: float(0, 1, { step: 0.5, when: { kind: "b" } }),
});

describe("grid sampler", () => {
  it("enumerates branches of a conditional space as a sum, not a product", () => {
    const points = enumerateGrid(space);
    // kind=a: 3 values of n; kind=b: 3 of n x 3 of x.
    expect(points).toHaveLength(3 + 9);
    expect(points.filter((p) => p.kind === "a").every((p) => !("x" in p))).toBe(true);
    expect(new Set(points.map((p) => JSON.stringify(p))).size).toBe(12);
  });

  it("visits every point once, then stops optimize()", async () => {
    const study = await createStudy({ name: "g", storage: "memory:", space, sampler: gridSampler({ seed: 2 }), logger: () => {} });
    const summary = await study.optimize((t) => (t.config.n as number) + (t.config.kind === "b" ? (t.config.x as number) : 0), {
      budget: { trials: 100 },
      concurrency: 3,
    });
    expect(summary.stopReason).toBe("sampler grid has no configuration left");
    const seen = study.trials.map((t) => JSON.stringify(t.config));
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it("proposes a failed point again, and the seed fixes the order", async () => {
    const a = await runSampler({ sampler: gridSampler({ seed: 5 }), space, evaluate: () => 0, trials: 12 });
    const b = await runSampler({ sampler: gridSampler({ seed: 5 }), space, evaluate: () => 0, trials: 12 });
    const c = await runSampler({ sampler: gridSampler({ seed: 6 }), space, evaluate: () => 0, trials: 12 });
    expect(a.map((t) => t.config)).toEqual(b.map((t) => t.config));
    expect(a.map((t) => t.config)).not.toEqual(c.map((t) => t.config));
    const failedFirst = [makeTrial({ number: 0, config: a[0].config, state: "failed" })];
    const again = await gridSampler({ seed: 5 }).doAsk({ space, objectives: [], trials: failedFirst, trialNumber: 1, rng: null as never });
    expect(again.config).toEqual(a[0].config);
  });

  it("refuses a search value outside the space", () => {
    expect(() => enumerateGrid(space, { search: { n: [7] } })).toThrow(/n/);
  });
});
