import { describe, expect, it } from "vitest";
import { valuesInNameOrder } from "../../../src/bench/tabular/config-values.js";
import type { Config, Value } from "../../../src/space/index.js";

const names = ["a", "b", "c"];

function read(config: Config): { inOrder: boolean; values: (Value | undefined)[] } {
  const values: (Value | undefined)[] = [null, null, null];
  return { inOrder: valuesInNameOrder(config, names, values), values };
}

describe("valuesInNameOrder", () => {
  it("reads the values of a config whose keys are exactly the names, in order", () => {
    expect(read({ a: 1, b: "x", c: null })).toEqual({ inOrder: true, values: [1, "x", null] });
  });

  it("declines keys out of order, missing, extra or integer-like (for-in lists those first)", () => {
    expect(read({ b: "x", a: 1, c: null }).inOrder).toBe(false);
    expect(read({ a: 1, b: "x" }).inOrder).toBe(false);
    expect(read({ a: 1, b: "x", c: null, d: 0 }).inOrder).toBe(false);
    const numeric: (Value | undefined)[] = [null, null];
    expect(valuesInNameOrder({ x: 1, 2: 2 }, ["x", "2"], numeric)).toBe(false);
  });

  it("ignores enumerable keys inherited from a prototype, as reading by name would for own keys", () => {
    const config = Object.assign(Object.create({ z: 9 }) as Config, { a: 1, b: 2, c: 3 });
    expect(read(config)).toEqual({ inOrder: true, values: [1, 2, 3] });
    const inheritsA = Object.assign(Object.create({ a: 9 }) as Config, { b: 2, c: 3 });
    expect(read(inheritsA).inOrder).toBe(false);
  });
});
