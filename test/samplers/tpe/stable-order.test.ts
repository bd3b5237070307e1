import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ascendingOrder, stableOrder } from "../../../src/samplers/tpe/stable-order.js";

/** The order a comparator sort gives when ties go to the lower index. */
function comparatorOrder(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
}

// Few distinct values (many ties), signed zeros, infinities and wide magnitudes.
const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(-0, 0, Infinity, -Infinity),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);

describe("sort orders", () => {
  it("stableOrder sorts by `less` and keeps equal elements in index order", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 70 }), (values) => {
        expect(Array.from(stableOrder(values.length, (a, b) => values[a] < values[b]))).toEqual(comparatorOrder(values));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it("ascendingOrder gives the same order from a native sort", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 70 }), (values) => {
        expect(Array.from(ascendingOrder(Float64Array.from(values)))).toEqual(comparatorOrder(values));
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it("handles the empty and one-element cases", () => {
    expect(Array.from(stableOrder(0, () => false))).toEqual([]);
    expect(Array.from(ascendingOrder(new Float64Array(0)))).toEqual([]);
    expect(Array.from(ascendingOrder(Float64Array.from([7])))).toEqual([0]);
  });
});
