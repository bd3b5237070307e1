import { describe, expect, it } from "vitest";
import { Rng, rngFor } from "../../../src/math/index.js";
import { qmcSampler } from "../../../src/samplers/qmc/index.js";
import { Space, type Config, type SpaceDefinition } from "../../../src/space/index.js";
import { runSampler } from "../../../src/testing/index.js";

const mixed: SpaceDefinition = {
  lr: { type: "float", low: 1e-5, high: 1e-1, log: true },
  top_k: { type: "int", low: 1, high: 20 },
  retriever: { type: "categorical", choices: ["bm25", "dense", "hybrid"] },
  alpha: { type: "float", low: 0, high: 1, when: { retriever: "hybrid" } },
  size: { type: "ordinal", values: ["0.5B", "3B", "7B"] },
  temperature: { type: "float", low: 0, high: 1, step: 0.1 },
};

async function configs(options: { seed?: number; scramble?: boolean }, space: Space, trials: number): Promise<Config[]> {
  const history = await runSampler({ sampler: qmcSampler(options), space, evaluate: () => 0, trials });
  return history.map((t) => t.config);
}

/** Squared L2-star discrepancy of points in [0, 1]^d (Warnock 1972). */
function l2StarDiscrepancy(points: ArrayLike<number>[]): number {
  const n = points.length;
  const d = points[0].length;
  let single = 0;
  for (const p of points) {
    let product = 1;
    for (let k = 0; k < d; k++) product *= 1 - p[k] * p[k];
    single += product;
  }
  let pairs = 0;
  for (const p of points) {
    for (const q of points) {
      let product = 1;
      for (let k = 0; k < d; k++) product *= 1 - Math.max(p[k], q[k]);
      pairs += product;
    }
  }
  return 3 ** -d - (2 ** (1 - d) / n) * single + pairs / (n * n);
}

describe("qmcSampler", () => {
  it("is named qmc and proposes valid configurations of a conditional mixed space", async () => {
    expect(qmcSampler().name).toBe("qmc");
    const space = Space.parse(mixed);
    const result = await configs({ seed: 1 }, space, 64); // runSampler validates every proposal
    expect(new Set(result.map((c) => c.retriever)).size).toBe(3);
    expect(result.filter((c) => "alpha" in c).length).toBeGreaterThan(10);
  });

  it("maps the unscrambled sequence through space.decode", async () => {
    const space = Space.parse({ x: { type: "float", low: 0, high: 8 }, y: { type: "float", low: -1, high: 1 } });
    const result = await configs({ scramble: false }, space, 4);
    expect(result).toEqual([
      { x: 0, y: -1 },
      { x: 4, y: 0 },
      { x: 6, y: -0.5 },
      { x: 2, y: 0.5 },
    ]);
  });

  it("gives the point of the trial number, whatever came before (resume, ask/tell)", async () => {
    const space = Space.parse(mixed);
    const run = await configs({ seed: 9 }, space, 12);
    const sampler = qmcSampler({ seed: 9 });
    const alone = await sampler.doAsk({ space, objectives: [], trials: [], trialNumber: 11, rng: new Rng(123) });
    expect(alone.config).toEqual(run[11]);
  });

  it("is reproducible for a seed and differs between seeds", async () => {
    const space = Space.parse(mixed);
    expect(await configs({ seed: 4 }, space, 16)).toEqual(await configs({ seed: 4 }, space, 16));
    expect(await configs({ seed: 4 }, space, 16)).not.toEqual(await configs({ seed: 5 }, space, 16));
  });

  it("draws seeded uniform values for parameters past the 128 tabulated dimensions", async () => {
    const definition: SpaceDefinition = {};
    for (let i = 0; i < 130; i++) definition[`p${String(i).padStart(3, "0")}`] = { type: "float", low: 0, high: 1 };
    const space = Space.parse(definition);
    const first = await configs({ seed: 2 }, space, 8);
    expect(first).toEqual(await configs({ seed: 2 }, space, 8));
    const extra = first.map((c) => c.p129 as number);
    expect(new Set(extra).size).toBe(8);
    // The first 128 coordinates still form a balanced block: one point per half in each.
    for (const name of ["p000", "p064", "p127"]) {
      expect(first.filter((c) => (c[name] as number) < 0.5).length).toBe(4);
    }
  });

  it("has lower L2-star discrepancy than uniform random points (256 points, 5 dimensions)", async () => {
    const definition: SpaceDefinition = {};
    for (let k = 0; k < 5; k++) definition[`x${k}`] = { type: "float", low: 0, high: 1 };
    const space = Space.parse(definition);
    const seeds = [0, 1, 2, 3, 4];
    let qmc = 0;
    let random = 0;
    for (const seed of seeds) {
      const result = await configs({ seed }, space, 256);
      qmc += l2StarDiscrepancy(result.map((c) => space.encode(c)));
      const rng = rngFor(seed, "uniform-baseline");
      random += l2StarDiscrepancy(Array.from({ length: 256 }, () => Array.from({ length: 5 }, () => rng.random())));
    }
    expect(qmc / seeds.length).toBeLessThan(0.5 * (random / seeds.length));
  });
});
