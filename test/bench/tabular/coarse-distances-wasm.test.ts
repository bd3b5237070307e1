import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COARSE_DISTANCES_WASM } from "../../../src/bench/tabular/coarse-distances-wasm.js";
import { coarseKernel, type CoarseKernel } from "../../../src/bench/tabular/coarse-kernel.js";
import { rngFor } from "../../../src/math/rng.js";
import { BYTES_MODULE_PATH, bytesModuleText, compileCoarseDistances } from "./compile-coarse-distances.js";

/** A table of `rows` rows of `pairs` coordinate pairs, as i16 values [row][coordinate]. */
interface Case {
  pairs: number;
  rows: number[][];
  query: number[];
}

/** The kernel's memory for a case, laid out as coarse-distances.wat describes. */
function load(kernel: CoarseKernel, { pairs, rows, query }: Case) {
  const groups = Math.ceil(rows.length / 8);
  const slots = groups * 8;
  const at = { query: 0, out: 16 * Math.ceil((pairs * 4) / 16), list: 0, points: 0 };
  at.list = at.out + slots * 4;
  at.points = at.list + slots * 4;
  const halves = new Int16Array(kernel.buffer);
  halves.fill(0);
  query.forEach((v, j) => (halves[at.query / 2 + j] = v));
  rows.forEach((row, slot) =>
    row.forEach((v, j) => (halves[at.points / 2 + Math.floor(slot / 8) * pairs * 16 + (j >> 1) * 16 + (slot % 8) * 2 + (j & 1)] = v)),
  );
  return { groups, slots, at };
}

/** The reference: each row's sum of squared differences, in plain arithmetic. */
function distances({ rows, query }: Case): number[] {
  return rows.map((row) => row.reduce((sum, v, j) => sum + (v - query[j]) ** 2, 0));
}

function kernelFor(bytes: number): CoarseKernel {
  const kernel = coarseKernel(bytes);
  if (!kernel) throw new Error("this runtime has no WebAssembly SIMD");
  return kernel;
}

describe("coarse-distances WebAssembly", () => {
  it("carries the bytes that coarse-distances.wat compiles to (regenerate: npx tsx test/bench/tabular/write-coarse-distances-wasm.ts)", async () => {
    const bytes = await compileCoarseDistances();
    expect(Buffer.from(COARSE_DISTANCES_WASM, "base64").equals(Buffer.from(bytes))).toBe(true);
    expect(readFileSync(BYTES_MODULE_PATH, "utf8")).toBe(bytesModuleText(bytes));
  });

  it("computes every row's integer sum of squared differences and lists the rows at or below a threshold", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 40 }), (seed, pairs, size) => {
        const rng = rngFor(seed, "kernel");
        // Differences up to the bound the scale guarantees: sums of 2 * pairs squares stay within an i32.
        const limit = Math.floor(Math.min(32767, Math.sqrt(0x7fffffff / Math.max(1, 2 * pairs))) / 2);
        const value = () => [limit, -limit, 0, rng.int(2 * limit + 1) - limit][rng.int(4)];
        const row = () => Array.from({ length: 2 * pairs }, value);
        const testCase: Case = { pairs, rows: Array.from({ length: size }, row), query: row() };
        const kernel = kernelFor(1 << 16);
        const { groups, slots, at } = load(kernel, testCase);
        const expected = distances(testCase);
        // Empty slots of the last group hold zeros.
        const padded = [...expected, ...Array(slots - size).fill(testCase.query.reduce((sum, v) => sum + v * v, 0))];
        expect(kernel.approximate(at.query, at.points, pairs, groups, at.out)).toBe(Math.min(...padded));
        expect(Array.from(new Int32Array(kernel.buffer, at.out, slots))).toEqual(padded);
        const threshold = padded[rng.int(slots)];
        const count = kernel.below(at.out, slots, threshold, at.list);
        expect(Array.from(new Int32Array(kernel.buffer, at.list, count))).toEqual(padded.flatMap((d, slot) => (d <= threshold ? [slot] : [])));
      }),
      { numRuns: 300 },
    );
  });

  it("reaches the largest sum the scale allows without overflow", () => {
    const pairs = 6;
    const limit = Math.floor(Math.floor(Math.sqrt(0x7fffffff / 12)) / 2);
    const testCase: Case = { pairs, rows: [Array(12).fill(limit), Array(12).fill(-limit)], query: Array(12).fill(-limit) };
    const kernel = kernelFor(1 << 16);
    const { groups, at } = load(kernel, testCase);
    kernel.approximate(at.query, at.points, pairs, groups, at.out);
    expect(new Int32Array(kernel.buffer, at.out, 2)[0]).toBe(12 * (2 * limit) ** 2);
    expect(12 * (2 * limit) ** 2).toBeLessThanOrEqual(0x7fffffff);
  });
});
