import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SOBOL_MAX_DIMENSION, SobolSequence, sobolDirections } from "../../../src/samplers/qmc/index.js";

/** Points of scipy's unscrambled `qmc.Sobol(d=128, bits=32)` (same Joe & Kuo table), times 2^32. */
const scipy = JSON.parse(readFileSync(new URL("./__fixtures__/scipy-sobol-128.json", import.meta.url), "utf8")) as {
  points: Record<string, number[]>;
};

describe("sobolDirections", () => {
  it("uses the van der Corput numbers in dimension 1 and the Joe & Kuo initial numbers after", () => {
    expect(Array.from(sobolDirections(0).slice(0, 3))).toEqual([2 ** 31, 2 ** 30, 2 ** 29]);
    // Dimension 3: s = 2, a = 1, m = (1, 3); V3 = V1 ^ (V1 >> 2) ^ V2 = 0.100 ^ 0.001 ^ 0.110 = 0.011.
    expect(Array.from(sobolDirections(2).slice(0, 3)).map((v) => v / 2 ** 32)).toEqual([0.5, 0.75, 0.375]);
  });

  it("covers 128 dimensions and rejects the next", () => {
    expect(SOBOL_MAX_DIMENSION).toBe(128);
    expect(() => sobolDirections(128)).toThrow(RangeError);
  });
});

describe("SobolSequence (unscrambled)", () => {
  const sequence = new SobolSequence({ dimensions: 128, scramble: false });

  it("starts with the known points of dimensions 1-3", () => {
    const first = Array.from({ length: 8 }, (_, n) => Array.from(sequence.point(n).subarray(0, 3)));
    expect(first).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ]);
  });

  it("matches scipy's qmc.Sobol in all 128 dimensions", () => {
    for (const [index, expected] of Object.entries(scipy.points)) {
      const point = Array.from(sequence.point(Number(index)), (x) => x * 2 ** 32);
      expect(point, `point ${index}`).toEqual(expected);
    }
  });

  it("puts one point of each aligned block of 2^k in each interval of width 2^-k, in every dimension", () => {
    for (let k = 1; k <= 8; k++) {
      for (let block = 0; block < 3; block++) {
        const points = Array.from({ length: 2 ** k }, (_, i) => sequence.point(block * 2 ** k + i));
        for (let d = 0; d < 128; d++) {
          const cells = new Set(points.map((p) => Math.floor(p[d] * 2 ** k)));
          expect(cells.size, `k=${k} block=${block} dim=${d + 1}`).toBe(2 ** k);
        }
      }
    }
  });

  it("makes the first 2^m points of dimensions 1-2 a (0, m, 2)-net", () => {
    const m = 8;
    const points = Array.from({ length: 2 ** m }, (_, i) => sequence.point(i));
    for (let a = 0; a <= m; a++) {
      const cells = new Set(points.map((p) => `${Math.floor(p[0] * 2 ** a)},${Math.floor(p[1] * 2 ** (m - a))}`));
      expect(cells.size, `boxes 2^-${a} x 2^-${m - a}`).toBe(2 ** m);
    }
  });

  it("rejects indices outside [0, 2^32)", () => {
    expect(() => sequence.point(-1)).toThrow(RangeError);
    expect(() => sequence.point(2 ** 32)).toThrow(RangeError);
  });
});

describe("SobolSequence (scrambled)", () => {
  const points = (seed: number, n: number, dimensions = 8) => {
    const sequence = new SobolSequence({ dimensions, seed });
    return Array.from({ length: n }, (_, i) => Array.from(sequence.point(i)));
  };

  it("is reproducible for a seed and differs between seeds", () => {
    expect(points(7, 16)).toEqual(points(7, 16));
    expect(points(7, 16)).not.toEqual(points(8, 16));
    expect(points(7, 1)[0].some((x) => x !== 0)).toBe(true);
  });

  it("keeps the balance of aligned blocks", () => {
    const all = points(3, 512, 32);
    for (const k of [2, 5, 9]) {
      for (let d = 0; d < 32; d++) {
        const cells = new Set(all.slice(0, 2 ** k).map((p) => Math.floor(p[d] * 2 ** k)));
        expect(cells.size, `k=${k} dim=${d + 1}`).toBe(2 ** k);
      }
    }
  });

  it("does not change a dimension when more dimensions are added", () => {
    const narrow = points(5, 8, 3);
    const wide = points(5, 8, 40).map((p) => p.slice(0, 3));
    expect(wide).toEqual(narrow);
  });
});
