import { describe, expect, it } from "vitest";
import { minimizeLbfgs } from "../../../src/samplers/gp/lbfgs.js";

function rosenbrock(x: Float64Array, gradient: Float64Array): number {
  let value = 0;
  gradient.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    value += 100 * a * a + b * b;
    gradient[i] += -400 * x[i] * a - 2 * b;
    gradient[i + 1] += 200 * a;
  }
  return value;
}

describe("minimizeLbfgs", () => {
  it("finds the minimum of the Rosenbrock function in 2 and 6 dimensions", () => {
    for (const m of [2, 6]) {
      const result = minimizeLbfgs(rosenbrock, new Float64Array(m).fill(-1.2), { maxIterations: 500, gradientTolerance: 1e-8, relativeTolerance: 0 });
      for (const v of result.x) expect(v).toBeCloseTo(1, 4);
      expect(result.value).toBeLessThan(1e-8);
    }
  });

  it("stops at the bound when the unconstrained minimum lies outside the box", () => {
    // (x - 3)² + (y + 1)² on [0, 2] x [0, 2]: the answer is (2, 0).
    const result = minimizeLbfgs(
      (x, gradient) => {
        gradient[0] = 2 * (x[0] - 3);
        gradient[1] = 2 * (x[1] + 1);
        return (x[0] - 3) ** 2 + (x[1] + 1) ** 2;
      },
      Float64Array.of(0.5, 1.5),
      { lower: [0, 0], upper: [2, 2] },
    );
    expect(Array.from(result.x)).toEqual([2, 0]);
    expect(result.value).toBeCloseTo(2, 12);
  });

  it("keeps an interior coordinate free while another sits on its bound", () => {
    // Minimum of (x - 5)² + 10 (y - 0.3)² + x y over [0, 1]²: x = 1, y = 0.3 - 1/20.
    const result = minimizeLbfgs(
      (x, gradient) => {
        gradient[0] = 2 * (x[0] - 5) + x[1];
        gradient[1] = 20 * (x[1] - 0.3) + x[0];
        return (x[0] - 5) ** 2 + 10 * (x[1] - 0.3) ** 2 + x[0] * x[1];
      },
      Float64Array.of(0.2, 0.9),
      { lower: [0, 0], upper: [1, 1], gradientTolerance: 1e-10 },
    );
    expect(result.x[0]).toBe(1);
    expect(result.x[1]).toBeCloseTo(0.25, 8);
  });

  it("projects the start into the box and backs off from non-finite values", () => {
    // -x with a wall of NaN from x = 1: the search creeps up to the wall without crossing it.
    const result = minimizeLbfgs(
      (x, gradient) => {
        gradient[0] = -1;
        return x[0] < 1 ? -x[0] : NaN;
      },
      Float64Array.of(-5),
      { lower: [0] },
    );
    expect(result.x[0]).toBeGreaterThan(0.99);
    expect(result.x[0]).toBeLessThan(1);
    expect(result.value).toBe(-result.x[0]);
  });
});
