import { describe, expect, it } from "vitest";
import { rngFor } from "../../../src/math/rng.js";
import type { Acquisition } from "../../../src/samplers/gp/acquisition.js";
import { optimizeAcquisition } from "../../../src/samplers/gp/optimize-acquisition.js";
import { INACTIVE_COORDINATE, searchBoxOf } from "../../../src/samplers/gp/search-box.js";
import { Space } from "../../../src/space/index.js";

/** An acquisition from a smooth function of the point and its gradient. */
function acquisitionOf(f: (x: Float64Array, gradient: Float64Array) => number): Acquisition & { calls: number } {
  const scratch = new Float64Array(64);
  const acquisition = {
    calls: 0,
    value(x: Float64Array) {
      acquisition.calls++;
      return f(x, scratch);
    },
    valueAndGradient(x: Float64Array, gradient: Float64Array) {
      acquisition.calls++;
      return f(x, gradient);
    },
    values(points: Float64Array, count: number, out: Float64Array) {
      const d = points.length / count;
      for (let k = 0; k < count; k++) out[k] = acquisition.value(points.subarray(k * d, (k + 1) * d));
    },
  };
  return acquisition;
}

describe("searchBoxOf", () => {
  it("lists the legal encoded values of discrete parameters and marks categoricals", () => {
    const space = Space.parse({
      x: { type: "float", low: 0, high: 1 },
      n: { type: "int", low: 1, high: 4 },
      t: { type: "float", low: 0, high: 1, step: 0.5 },
      big: { type: "int", low: 1, high: 100000, log: true },
      kind: { type: "categorical", choices: ["a", "b"] },
      size: { type: "ordinal", values: ["s", "m", "l"] },
    });
    const box = searchBoxOf(space);
    const kinds = box.dimensions.map((dimension) => dimension.kind);
    expect(kinds).toEqual(["continuous", "discrete", "discrete", "continuous", "categorical", "discrete"]);
    const values = box.dimensions.map((dimension) => ("values" in dimension ? Array.from(dimension.values) : null));
    expect(values[1]).toEqual([0.125, 0.375, 0.625, 0.875]);
    // Stepped floats keep the float encoding: (value - low) / (high - low), below 1.
    expect(values[2]).toEqual([0, 0.5, 1 - Number.EPSILON]);
    expect(values[4]).toEqual([0.25, 0.75]);
    expect(values[5]).toEqual([1 / 6, 0.5, 5 / 6]);
    expect(Array.from(box.categorical)).toEqual([0, 0, 0, 0, 1, 0]);
  });

  it("legalizes a point to encode(decode(point)) and parks inactive coordinates at 0.5", () => {
    const space = Space.parse({
      kind: { type: "categorical", choices: ["plain", "tuned"] },
      alpha: { type: "float", low: 0, high: 1, when: { kind: "tuned" } },
      n: { type: "int", low: 0, high: 9 },
    });
    const box = searchBoxOf(space);
    const active = new Uint8Array(3);
    const point = Float64Array.of(0.1, 0.9, 0.51);
    box.legalize(point, active);
    expect(Array.from(point)).toEqual([0.25, INACTIVE_COORDINATE, 0.55]);
    expect(Array.from(active)).toEqual([1, 0, 1]);
    const tuned = Float64Array.of(0.8, 0.9, 0.51);
    box.legalize(tuned, active);
    expect(tuned[1]).toBeCloseTo(0.9, 12);
    expect(Array.from(active)).toEqual([1, 1, 1]);
  });
});

describe("optimizeAcquisition", () => {
  it("finds the optimum of a mixed box: continuous, a long integer range, a short one and a categorical", () => {
    const space = Space.parse({
      x: { type: "float", low: 0, high: 1 },
      y: { type: "float", low: 0, high: 1 },
      n: { type: "int", low: 0, high: 99 },
      m: { type: "int", low: 1, high: 5 },
      kind: { type: "categorical", choices: ["a", "b", "c", "d"] },
    });
    const box = searchBoxOf(space);
    // Peak at x = 0.3141, y = 0.8, n = 73, m = 2, kind = c; coupled so no coordinate is separable.
    const target = space.encode({ x: 0.3141, y: 0.8, n: 73, m: 2, kind: "c" });
    const acquisition = acquisitionOf((u, gradient) => {
      gradient.fill(0);
      let value = 0;
      for (let c = 0; c < 4; c++) {
        const diff = u[c] - target[c];
        value -= diff * diff;
        gradient[c] = -2 * diff;
      }
      value -= (u[0] - target[0]) * (u[1] - target[1]);
      gradient[0] -= u[1] - target[1];
      gradient[1] -= u[0] - target[0];
      if (u[4] !== target[4]) value -= 0.5;
      return value;
    });
    const { point, value } = optimizeAcquisition({ acquisition, box, rng: rngFor(1), candidates: 256 });
    const config = space.decode(point);
    expect(config.kind).toBe("c");
    expect(config.m).toBe(2);
    expect(config.n).toBe(73);
    expect(config.x as number).toBeCloseTo(0.3141, 3);
    expect(config.y as number).toBeCloseTo(0.8, 3);
    expect(value).toBeCloseTo(acquisition.value(point), 14);
  });

  it("returns a legal point, the same one for the same rng", () => {
    const space = Space.parse({ t: { type: "float", low: 0, high: 1, step: 0.25 }, k: { type: "categorical", choices: [1, 2, 3] } });
    const box = searchBoxOf(space);
    const acquisition = acquisitionOf((u, gradient) => {
      gradient.fill(0);
      return Math.sin(7 * u[0]) + u[1];
    });
    const first = optimizeAcquisition({ acquisition, box, rng: rngFor(9), candidates: 64 });
    const second = optimizeAcquisition({ acquisition, box, rng: rngFor(9), candidates: 64 });
    expect(Array.from(second.point)).toEqual(Array.from(first.point));
    const legal = Float64Array.from(first.point);
    box.legalize(legal);
    expect(Array.from(legal)).toEqual(Array.from(first.point));
    expect(space.decode(first.point)).toEqual({ t: 0.25, k: 3 });
  });
});
