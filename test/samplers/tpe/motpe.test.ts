import { describe, expect, it } from "vitest";
import { hypervolume } from "../../../src/math/hypervolume.js";
import { randomSampler } from "../../../src/samplers/random.js";
import { motpeSampler, tpeSampler } from "../../../src/samplers/tpe/index.js";
import { Space, type Config } from "../../../src/space/index.js";
import type { Objective } from "../../../src/storage/spec.js";
import { runSampler } from "../../../src/testing/index.js";
import { zdt1, zdtSpace } from "./fixtures.js";

const two: Objective[] = [{ name: "f1", direction: "minimize" }, { name: "f2", direction: "minimize" }];

describe("MOTPE", () => {
  it("finds a front with more hypervolume than random search on ZDT1 (4 variables, 100 trials)", async () => {
    // Reference (1.1, 5): the front spans f1 in [0, 1]; random points rarely reach f2 < 1.
    for (const seed of [0, 1, 2, 3]) {
      const motpe = await runSampler({ sampler: motpeSampler({ seed }), space: zdtSpace, evaluate: zdt1, trials: 100, objectives: two });
      const random = await runSampler({ sampler: randomSampler({ seed }), space: zdtSpace, evaluate: zdt1, trials: 100, objectives: two });
      const volume = (trials: typeof motpe) => hypervolume(trials.map((t) => t.values as number[]), [1.1, 5]);
      expect(volume(motpe)).toBeGreaterThan(volume(random) + 0.2);
    }
  });

  it("reads maximized objectives the right way round", async () => {
    // Maximize -f1 and minimize f2: the same problem, so the same trajectory.
    const flipped: Objective[] = [{ name: "f1", direction: "maximize" }, two[1]];
    const plain = await runSampler({ sampler: tpeSampler({ seed: 2 }), space: zdtSpace, evaluate: zdt1, trials: 40, objectives: two });
    const negated = await runSampler({
      sampler: tpeSampler({ seed: 2 }),
      space: zdtSpace,
      evaluate: (c) => {
        const [f1, f2] = zdt1(c);
        return [-f1, f2];
      },
      trials: 40,
      objectives: flipped,
    });
    expect(negated.map((t) => t.config)).toEqual(plain.map((t) => t.config));
  });

  it("handles three objectives, constraints and a conditional space", async () => {
    const space = Space.parse({
      model: { type: "categorical", choices: ["small", "large"] },
      temperature: { type: "float", low: 0, high: 1 },
      depth: { type: "int", low: 1, high: 8, when: { model: "large" } },
    });
    const evaluate = (c: Config) => {
      const depth = c.model === "large" ? (c.depth as number) : 0;
      const t = c.temperature as number;
      return { values: [1 - depth / 8 - t / 4, depth / 8 + t * t, Math.abs(t - 0.5)], constraints: [depth - 6] };
    };
    const objectives: Objective[] = [...two, { name: "f3", direction: "minimize" }];
    const trials = await runSampler({ sampler: motpeSampler({ seed: 4 }), space, evaluate, trials: 60, objectives });
    const late = trials.slice(30);
    expect(late.filter((t) => (t.constraints as number[])[0] <= 0).length).toBeGreaterThan(20);
  });
});
