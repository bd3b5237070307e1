import { describe, expect, it } from "vitest";
import { benchmarkView } from "../../src/dashboard/index.js";
import { lineChart, optimizerColor } from "../../src/report/index.js";
import type { RunResult } from "../../src/bench/runner/index.js";

describe("one palette for reports and the dashboard", () => {
  it("gives the default suite's optimizers six distinct colours, and each name its own whatever the series order", () => {
    const six = ["random", "qmc", "tpe", "gp", "cmaes", "evolution"].map(optimizerColor);
    expect(new Set(six).size).toBe(6);
    expect(optimizerColor("cmd:python3 opt.py")).toBe(optimizerColor("cmd:python3 opt.py"));
    const chart = lineChart(
      [
        { name: "evolution", points: [[1, 1], [2, 0.5]] },
        { name: "random", points: [[1, 1], [2, 0.7]] },
      ],
      { title: "t", xLabel: "x", yLabel: "y" },
    );
    const strokes = [...chart.matchAll(/<path d="[^"]*" fill="none" stroke="([^"]+)"/g)].map((m) => m[1]);
    expect(strokes).toEqual([optimizerColor("evolution"), optimizerColor("random")]);
  });

  it("colours an optimizer's regret curve in the dashboard's benchmark view as in the report", () => {
    const run = (optimizer: string, seed: number): RunResult =>
      ({
        suite: "s", task: "t", optimizer, seed, budget: { trials: 2 }, workers: 1, direction: "minimize", optimum: 0, worst: 1, decisionMs: 0, simulatedSeconds: 1, stopReason: "", error: null,
        evaluations: [{ value: 0.5, cost: {}, finishedAt: 1 }, { value: 0.2, cost: {}, finishedAt: 2 }],
      }) as unknown as RunResult;
    const html = benchmarkView([run("random", 0), run("qmc", 0), run("random", 1), run("qmc", 1)]);
    for (const name of ["random", "qmc"]) expect(html).toContain(`stroke="${optimizerColor(name)}" stroke-width="2" data-optimizer="${name}"`);
  });
});
