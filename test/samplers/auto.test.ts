import { describe, expect, it } from "vitest";
import { createOptimizer } from "../../src/optimizers/index.js";
import { chooseSampler } from "../../src/samplers/index.js";
import { categorical, float, int, Space } from "../../src/space/index.js";
import { runSampler } from "../../src/testing/index.js";

const one = [{ name: "v", direction: "minimize" as const }];
const two = [...one, { name: "usd", direction: "minimize" as const }];
const continuous = Space.parse({ x: float(0, 1), n: int(1, 9) });
const mixed = Space.parse({ x: float(0, 1), kind: categorical(["a", "b"]) });
const conditional = Space.parse({ kind: categorical(["a", "b"]), x: float(0, 1, { when: { kind: "b" } }) });

describe("auto sampler", () => {
  it.each([
    [continuous, two, 100, "motpe"],
    [continuous, two, 5000, "nsga2"],
    [conditional, one, 100, "tpe"],
    [continuous, one, 5000, "cmaes"],
    [continuous, one, 100, "gp"],
    [mixed, one, undefined, "gp"],
    [mixed, one, 500, "tpe"],
    [mixed, one, 5000, "tpe"],
  ] as const)("picks by space, objectives and budget (case %#)", (space, objectives, trials, name) => {
    expect(chooseSampler(space, objectives, trials).name).toBe(name);
  });

  it("proposes what the chosen sampler proposes for the same seed", async () => {
    const evaluate = (c: Record<string, unknown>) => ((c.x as number) - 0.3) ** 2 + (c.n as number);
    const auto = await runSampler({ sampler: createOptimizer("auto", { seed: 4 }, { plannedTrials: 5000 }), space: continuous, evaluate, trials: 30 });
    const cmaes = await runSampler({ sampler: createOptimizer("cmaes", { seed: 4 }), space: continuous, evaluate, trials: 30 });
    expect(auto.map((t) => t.config)).toEqual(cmaes.map((t) => t.config));
  });
});
