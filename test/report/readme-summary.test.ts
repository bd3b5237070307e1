import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { README_BENCH_MARKERS, renderReadmeSummary, replaceReadmeSummary, type Analysis } from "../../src/report/index.js";

const analysis = {
  optimizers: ["random", "tpe", "gp"],
  tasks: [],
  overall: { ranks: { random: 2.5, tpe: 1.25, gp: 2.25 }, friedman: { statistic: 4.5, df: 2, pValue: 0.1054, n: 4, k: 3, ranks: [2.5, 1.25, 2.25] }, criticalDifference: 1.66 },
} as unknown as Analysis;

describe("the README's bench summary", () => {
  it("is rendered from an analysis with the command, runs, wall time and machine", () => {
    expect(renderReadmeSummary(analysis, { command: "npm run bench", runs: 540, wallSeconds: 77.4, machine: "2 cores, Node 20.20.2" })).toBe(
      [
        "Output of `npm run bench` (1:17 wall time, 2 cores, Node 20.20.2, 540 runs):",
        "",
        "| optimizer | average rank over the 4 tasks (1 = best) |",
        "| :--- | ---: |",
        "| tpe | 1.25 |",
        "| gp | 2.25 |",
        "| random | 2.50 |",
        "",
        "Friedman test over 4 tasks: chi2 = 4.50, df = 2, p = 0.105; Nemenyi critical difference 1.66 ranks: no optimizer is told apart from the others with confidence (p >= 0.05); the per-task tables in `bench-report/report.md` show where each one wins.",
      ].join("\n"),
    );
  });

  it("replaces only the block between the markers, which README.md has", () => {
    const text = `before\n${README_BENCH_MARKERS.start}\nold\n${README_BENCH_MARKERS.end}\nafter\n`;
    expect(replaceReadmeSummary(text, "new")).toBe(`before\n${README_BENCH_MARKERS.start}\nnew\n${README_BENCH_MARKERS.end}\nafter\n`);
    expect(() => replaceReadmeSummary("no markers", "new")).toThrow("the README has no");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme.indexOf(README_BENCH_MARKERS.start)).toBeGreaterThan(0);
    expect(readme.indexOf(README_BENCH_MARKERS.end)).toBeGreaterThan(readme.indexOf(README_BENCH_MARKERS.start));
  });
});
