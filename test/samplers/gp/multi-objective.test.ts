import { describe, expect, it } from "vitest";
import { hypervolume } from "../../../src/math/hypervolume.js";
import { gpSampler } from "../../../src/samplers/gp/index.js";
import { hypervolumeFront, MAX_FRONT_BEYOND_THREE } from "../../../src/samplers/gp/hypervolume-front.js";
import { randomSampler } from "../../../src/samplers/random.js";
import type { Sampler } from "../../../src/samplers/spec.js";
import { Space, type Config } from "../../../src/space/index.js";
import type { Objective } from "../../../src/storage/spec.js";
import { runSampler } from "../../../src/testing/index.js";

// ZDT1 on 4 variables: the front is f2 = 1 - √f1 at x1..x3 = 0, hypervolume 1.21 - 1/3 from (1.1, 1.1).
const zdtSpace = Space.parse(Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`x${i}`, { type: "float", low: 0, high: 1 }])));
function zdt1(config: Config): number[] {
  const x = [0, 1, 2, 3].map((i) => config[`x${i}`] as number);
  const g = 1 + (9 * (x[1] + x[2] + x[3])) / 3;
  return [x[0], g * (1 - Math.sqrt(x[0] / g))];
}
const two: Objective[] = [
  { name: "f1", direction: "minimize" },
  { name: "f2", direction: "minimize" },
];

async function meanHypervolume(make: (seed: number) => Sampler, trials: number, objectives: Objective[], evaluate: (config: Config) => number[], reference: number[], space = zdtSpace): Promise<number> {
  let total = 0;
  for (let seed = 0; seed < 3; seed++) {
    const history = await runSampler({ sampler: make(seed), space, evaluate, trials, objectives });
    // Losses: maximized objectives negated.
    total += hypervolume(history.map((t) => t.values!.map((v, j) => (objectives[j].direction === "maximize" ? -v : v))), reference);
  }
  return total / 3;
}

describe("gpSampler with several objectives", () => {
  it("reaches most of ZDT1's hypervolume in 30 trials, far more than random search", async () => {
    const gp = await meanHypervolume((seed) => gpSampler({ seed }), 30, two, zdt1, [1.1, 1.1]);
    const random = await meanHypervolume((seed) => randomSampler({ seed }), 30, two, zdt1, [1.1, 1.1]);
    expect(gp).toBeGreaterThan(0.8 * (1.21 - 1 / 3));
    expect(gp).toBeGreaterThan(3 * random);
  });

  it("follows each objective's direction", async () => {
    const mixed: Objective[] = [
      { name: "f1", direction: "minimize" },
      { name: "score", direction: "maximize" },
    ];
    const gp = await meanHypervolume((seed) => gpSampler({ seed }), 25, mixed, (config) => { const [a, b] = zdt1(config); return [a, -b]; }, [1.1, 1.1]);
    expect(gp).toBeGreaterThan(0.7 * (1.21 - 1 / 3));
  });

  it("optimizes three objectives (DTLZ2: the front is the unit sphere's octant)", async () => {
    const space = Space.parse(Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`x${i}`, { type: "float", low: 0, high: 1 }])));
    const dtlz2 = (config: Config): number[] => {
      const x = [0, 1, 2, 3].map((i) => config[`x${i}`] as number);
      const g = (x[2] - 0.5) ** 2 + (x[3] - 0.5) ** 2;
      const [a, b] = [(x[0] * Math.PI) / 2, (x[1] * Math.PI) / 2];
      return [(1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b), (1 + g) * Math.sin(a)];
    };
    const three: Objective[] = ["f1", "f2", "f3"].map((name) => ({ name, direction: "minimize" }));
    const reference = [1.1, 1.1, 1.1];
    const gp = await meanHypervolume((seed) => gpSampler({ seed }), 40, three, dtlz2, reference, space);
    const random = await meanHypervolume((seed) => randomSampler({ seed }), 40, three, dtlz2, reference, space);
    // The best reachable is 1.1³ - π/6 = 0.807.
    expect(gp).toBeGreaterThan(1.1 * random);
    expect(gp).toBeGreaterThan(0.5);
  });

  it("keeps to the feasible region under a constraint", async () => {
    // Feasible only where x0 >= 0.5: half of the front is excluded.
    const history = await runSampler({
      sampler: gpSampler({ seed: 2 }),
      space: zdtSpace,
      evaluate: (config) => ({ values: zdt1(config), constraints: [0.5 - (config.x0 as number)] }),
      trials: 30,
      objectives: two,
    });
    const modelled = history.slice(10);
    // The improvement is largest just at the boundary x0 = 0.5, where half the draws fall outside.
    expect(modelled.filter((t) => t.constraints![0] <= 0.02).length).toBeGreaterThan(17);
    // Feasible front: f2 = 1 - √f1 for f1 in [0.5, 1], hypervolume from (1.1, 1.1) at most 0.591.
    const feasible = history.filter((t) => t.constraints![0] <= 0);
    expect(hypervolume(feasible.map((t) => t.values!), [1.1, 1.1])).toBeGreaterThan(0.5);
  });
});

describe("hypervolumeFront", () => {
  it("boxes the feasible front below a reference pushed past the worst loss, largest contribution first", () => {
    const losses = [[1, 3], [2, 2], [3, 1], [0, 0], [2.5, 2.5]].map((row) => Float64Array.from(row));
    const front = hypervolumeFront(losses, [1, 1, 1, 0, 1]);
    expect(front).not.toBeNull();
    expect([...front!.rows].sort()).toEqual([0, 1, 2]); // row 3 is infeasible, row 4 dominated
    expect(front!.boxes.count).toBe(4);
    // Reference 3.3 (worst 3, plus a tenth): the middle point adds the most.
    expect(front!.rows[0]).toBe(1);
    expect(Math.max(...front!.boxes.upper)).toBeCloseTo(3.3, 6);
    expect(hypervolumeFront(losses, [0, 0, 0, 0, 0])).toBeNull();
  });

  it(`keeps ${MAX_FRONT_BEYOND_THREE} front points beyond three objectives`, () => {
    const losses = Array.from({ length: 40 }, (_, i) => Float64Array.from([Math.cos(i), Math.sin(i), Math.cos(2 * i), -Math.cos(i) - Math.sin(i) - Math.cos(2 * i)]));
    expect(hypervolumeFront(losses, new Uint8Array(40).fill(1))!.rows).toHaveLength(MAX_FRONT_BEYOND_THREE);
  });
});
