import { describe, expect, it } from "vitest";
import { firstRun, sampleCandidate, type CmaRunSettings } from "../../../src/samplers/cmaes/cma-run.js";
import { applyIntegerMargin, discreteInterval } from "../../../src/samplers/cmaes/integer-margin.js";
import { decodeValue, type Param } from "../../../src/space/index.js";

describe("discreteInterval", () => {
  const params: Param[] = [
    { type: "int", low: -3, high: 4 },
    { type: "int", low: 0, high: 20, step: 5 },
    { type: "int", low: 1, high: 1000, log: true },
    { type: "float", low: 0, high: 1, step: 0.1 },
    { type: "float", low: -2, high: 2, step: 0.5 },
    { type: "ordinal", values: ["s", "m", "l"] },
  ];

  it("gives the unit interval that decodes to one value, for every discrete kind", () => {
    for (const param of params) {
      for (let k = 0; k <= 400; k++) {
        const u = k / 400;
        const interval = discreteInterval(param, u);
        expect(interval).not.toBeNull();
        const { lower, upper, hasLower, hasUpper } = interval!;
        // (u may sit exactly on a boundary, where rounding decides the side.)
        expect(lower).toBeLessThanOrEqual(u + 1e-12);
        expect(u).toBeLessThanOrEqual(upper + 1e-12);
        const value = decodeValue(param, u);
        // Just inside the interval: the same value; just outside: a neighbour.
        expect(decodeValue(param, lower + 1e-9)).toEqual(value);
        expect(decodeValue(param, upper - 1e-9)).toEqual(value);
        expect(hasLower).toBe(lower > 0);
        expect(hasUpper).toBe(upper < 1);
        if (hasLower) expect(decodeValue(param, lower - 1e-9)).not.toEqual(value);
        if (hasUpper) expect(decodeValue(param, upper + 1e-9)).not.toEqual(value);
      }
    }
  });

  it("is null for continuous floats, categoricals and single values", () => {
    expect(discreteInterval({ type: "float", low: 0, high: 1 }, 0.3)).toBeNull();
    expect(discreteInterval({ type: "categorical", choices: [1, 2] }, 0.3)).toBeNull();
    expect(discreteInterval({ type: "int", low: 4, high: 4 }, 0.3)).toBeNull();
  });
});

describe("applyIntegerMargin", () => {
  const param: Param = { type: "int", low: 0, high: 9 }; // ten intervals of width 0.1
  const settings: CmaRunSettings = { seed: 3, dimension: 2, sigma0: 1 / 6, restarts: false, discrete: [{ index: 1, param }] };

  /** Fractions of 4000 candidates of `run` whose coordinate 1 decodes to each value. */
  function frequencies(run: ReturnType<typeof firstRun>): Map<number, number> {
    const counts = new Map<number, number>();
    for (let k = 0; k < 4000; k++) {
      const value = decodeValue(param, sampleCandidate(run, settings, k).point[1]) as number;
      counts.set(value, (counts.get(value) ?? 0) + 1 / 4000);
    }
    return counts;
  }

  it("keeps both neighbours of an interior value reachable with probability α/2 each", () => {
    const run = firstRun(settings);
    run.state.mean[1] = 0.43; // value 4, nearer to 3 than to 5
    run.state.sigma = 1e-4; // far narrower than an interval: every sample would be 4
    const margin = 0.05;
    applyIntegerMargin(run.state, run.scale, settings.discrete, margin);
    expect(decodeValue(param, run.state.mean[1])).toBe(4);
    expect(run.scale[1]).toBeGreaterThan(10);
    expect(run.scale[0]).toBe(1); // continuous coordinate untouched
    const freq = frequencies(run);
    expect(freq.get(3)).toBeGreaterThan(0.025 - 0.01);
    expect(freq.get(5)).toBeGreaterThan(0.025 - 0.01);
    expect(freq.get(4)).toBeGreaterThan(0.9);
  });

  it("moves the mean of an end value toward its only neighbour", () => {
    const run = firstRun(settings);
    run.state.mean[1] = -0.2; // beyond the low end: decodes to 0
    run.state.sigma = 1e-3;
    applyIntegerMargin(run.state, run.scale, settings.discrete, 0.05);
    expect(run.state.mean[1]).toBeLessThan(0.1);
    expect(run.state.mean[1]).toBeGreaterThan(0.09);
    expect(frequencies(run).get(1)).toBeGreaterThan(0.03);
  });

  it("leaves a coordinate alone when both neighbours are already likely", () => {
    const run = firstRun(settings);
    run.state.mean[1] = 0.45;
    run.state.sigma = 0.05;
    applyIntegerMargin(run.state, run.scale, settings.discrete, 0.05);
    expect(run.state.mean[1]).toBeCloseTo(0.45, 6);
    expect(run.scale[1]).toBeCloseTo(1, 5);
  });
});
