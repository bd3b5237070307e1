import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/math/rng.js";
import { createAcquisition } from "../../../src/samplers/gp/acquisition.js";
import { GaussianProcess, type GpData } from "../../../src/samplers/gp/gaussian-process.js";
import { logExpectedImprovement } from "../../../src/samplers/gp/log-ei.js";
import { logNormalCdf } from "../../../src/samplers/gp/normal.js";
import { INACTIVE_COORDINATE, searchBoxOf } from "../../../src/samplers/gp/search-box.js";
import { trainingDataOf } from "../../../src/samplers/gp/training-data.js";
import { Space } from "../../../src/space/index.js";
import { makeTrial } from "../../../src/testing/index.js";

function gpOn(values: (x: Float64Array) => number, rng: Rng): GaussianProcess {
  const n = 20;
  const d = 2;
  const x = Float64Array.from({ length: n * d }, () => rng.random());
  const y = Float64Array.from({ length: n }, (_, i) => values(x.subarray(i * d, (i + 1) * d)));
  const data: GpData = { x, y, n, d, categorical: new Uint8Array(d) };
  return new GaussianProcess(data, { inverseSquaredLengthscales: Float64Array.of(5, 2), scale: 1, noise: 1e-4 });
}

describe("createAcquisition", () => {
  const rng = new Rng(11);
  const objective = gpOn((x) => Math.sin(4 * x[0]) - x[1], rng);
  const constraint = gpOn((x) => x[0] + x[1] - 1, rng);

  it("adds log EI and log P(feasible), and scores a batch like single points", () => {
    const acquisition = createAcquisition({ objective, best: 0.5, constraints: [{ gp: constraint, threshold: 0.2 }] });
    const points = Float64Array.from({ length: 40 }, () => rng.random());
    const batch = new Float64Array(20);
    acquisition.values(points, 20, batch);
    for (let k = 0; k < 20; k++) {
      const point = points.subarray(k * 2, k * 2 + 2);
      const o = objective.predict(point);
      const c = constraint.predict(point);
      const expected = logExpectedImprovement(o.mean, Math.sqrt(o.variance), 0.5) + logNormalCdf((0.2 - c.mean) / Math.sqrt(c.variance));
      expect(acquisition.value(point)).toBeCloseTo(expected, 12);
      expect(batch[k]).toBeCloseTo(expected, 10);
    }
  });

  it("has a gradient that matches finite differences, with and without a feasible best", () => {
    for (const best of [0.5, null]) {
      const acquisition = createAcquisition({ objective, best, constraints: [{ gp: constraint, threshold: 0.2 }] });
      const gradient = new Float64Array(2);
      for (let trial = 0; trial < 5; trial++) {
        const point = Float64Array.of(rng.random(), rng.random());
        acquisition.valueAndGradient(point, gradient);
        for (let c = 0; c < 2; c++) {
          const h = 1e-6;
          const up = Float64Array.from(point);
          const down = Float64Array.from(point);
          up[c] += h;
          down[c] -= h;
          const numeric = (acquisition.value(up) - acquisition.value(down)) / (2 * h);
          expect(Math.abs(gradient[c] - numeric)).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric)));
        }
      }
    }
  });
});

describe("trainingDataOf", () => {
  it("standardizes gains, fills inactive coordinates and maps each constraint's 0 to its threshold", () => {
    const space = Space.parse({
      kind: { type: "categorical", choices: ["a", "b"] },
      alpha: { type: "float", low: 0, high: 10, when: { kind: "b" } },
    });
    const trials = [
      makeTrial({ number: 0, config: { kind: "a" }, values: [3], constraints: [1] }),
      makeTrial({ number: 1, config: { kind: "b", alpha: 2 }, values: [1], constraints: [-1] }),
      makeTrial({ number: 2, config: { kind: "b", alpha: 8 }, values: [2], constraints: null }),
    ];
    const encoding = { categorical: searchBoxOf(space).categorical, groups: null, inactive: INACTIVE_COORDINATE };
    const training = trainingDataOf(space, encoding, trials, [{ name: "loss", direction: "minimize" }]);
    expect(Array.from(training.objectives[0].x)).toEqual([0.25, 0.5, 0.75, 0.2, 0.75, 0.8]);
    // Losses 3, 1, 2 become gains -3, -1, -2: mean -2, deviation √(2/3).
    const deviation = Math.sqrt(2 / 3);
    expect(Array.from(training.objectives[0].y).map((v) => v * deviation)).toEqual([-1, 1, 0].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(training.feasible)).toEqual([0, 1, 1]);
    expect(training.constraints).toHaveLength(1);
    const [constraint] = training.constraints;
    expect(constraint.data.n).toBe(2); // the trial without constraints is left out
    expect(Array.from(constraint.data.y)).toEqual([1, -1]);
    expect(constraint.threshold).toBeCloseTo(0, 12);
  });
});
