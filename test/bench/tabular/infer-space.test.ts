import { describe, expect, it } from "vitest";
import { columnRole, inferSpace, numberCell, valueCell } from "../../../src/bench/tabular/index.js";
import type { Value } from "../../../src/space/index.js";

const infer = (columns: Record<string, Value[]>) => inferSpace(new Map(Object.entries(columns)));

describe("inferSpace", () => {
  it("applies the documented rules", () => {
    const many = (f: (i: number) => number) => Array.from({ length: 20 }, (_, i) => f(i));
    const { space, fixed } = infer({
      few: [4, 1, 2, 4, 8],
      ints: many((i) => 10 + i),
      floats: many((i) => 0.5 + i / 10),
      logInts: many((i) => 2 ** i),
      logFloats: many((i) => 0.001 * 1.5 ** i),
      zeroLow: many((i) => i * 100),
      flags: [true, false, true],
      names: ["b", "a", "c"],
      optional: [null, 2048, null],
      constant: ["x", "x"],
    });
    expect(space.toJSON()).toEqual({
      few: { type: "ordinal", values: [1, 2, 4, 8] },
      ints: { type: "int", low: 10, high: 29 },
      floats: { type: "float", low: 0.5, high: 2.4 },
      logInts: { type: "int", low: 1, high: 2 ** 19, log: true },
      logFloats: { type: "float", low: 0.001, high: 0.001 * 1.5 ** 19, log: true },
      zeroLow: { type: "int", low: 0, high: 1900 },
      flags: { type: "categorical", choices: [false, true] },
      names: { type: "categorical", choices: ["a", "b", "c"] },
      optional: { type: "categorical", choices: [null, 2048] },
    });
    expect(fixed).toEqual({ constant: "x" });
  });

  it("gives a space every observed config belongs to", () => {
    const columns = { a: [1, 5, 3, 9, 2, 7, 11, 13, 40], b: ["x", "y", "x", "z", "y", "x", "x", "y", "z"], c: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] };
    const { space } = infer(columns);
    for (let i = 0; i < 9; i++) expect(space.check({ a: columns.a[i], b: columns.b[i], c: columns.c[i] })).toEqual([]);
  });
});

describe("cells and columns", () => {
  it("parses numbers, booleans and empty cells", () => {
    expect([numberCell("1.5e3"), numberCell(" -2 "), numberCell("TRUE"), numberCell("False"), numberCell(""), numberCell("abc"), numberCell("nan")]).toEqual([
      1500,
      -2,
      1,
      0,
      null,
      undefined,
      undefined,
    ]);
    expect([valueCell("3"), valueCell("True"), valueCell("hybrid"), valueCell("")]).toEqual([3, true, "hybrid", null]);
  });

  it("classifies columns by prefix", () => {
    expect(columnRole("cfg-ai-temperature", "f")).toEqual({ role: "config", name: "ai-temperature" });
    expect(columnRole("fid-epochs", "f")).toEqual({ role: "fidelity", name: "epochs" });
    expect(columnRole("obj-MRR+", "f")).toEqual({ role: "objective", name: "MRR", direction: "maximize" });
    expect(columnRole("obj-Test_Time-", "f")).toEqual({ role: "objective", name: "Test_Time", direction: "minimize" });
    expect(columnRole("cost-usd", "f")).toEqual({ role: "cost", name: "usd" });
    expect(columnRole("ID", "f")).toEqual({ role: "id" });
    expect(columnRole("hw-file", "f")).toEqual({ role: "ignored" });
    expect(() => columnRole("obj-recall", "data.csv")).toThrow('data.csv, column "obj-recall": objective column "obj-recall" has no direction');
  });
});
