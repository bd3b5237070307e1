import { describe, expect, it } from "vitest";
import type { Evaluation, RunResult } from "../../src/bench/runner/index.js";
import { analyze, renderHtml, renderMarkdown } from "../../src/report/index.js";

/** A maximized task with optimum 1 and worst 0, so normalized regret is 1 - value. */
function run(optimizer: string, seed: number, evaluations: { value: number | null; usd?: number; final?: boolean }[]): RunResult {
  return {
    suite: "s",
    task: "t",
    optimizer,
    seed,
    budget: { usd: 4 },
    workers: 1,
    evaluations: evaluations.map(({ value, usd, final }, i): Evaluation => ({
      trial: i,
      value,
      cost: usd === undefined ? {} : { usd },
      ...(final === undefined ? {} : { final }),
      finishedAt: i + 1,
      decisionMs: 1,
    })),
    direction: "maximize",
    optimum: 1,
    worst: 0,
    decisionMs: evaluations.length,
    simulatedSeconds: evaluations.length,
    stopReason: "cost budget reached",
    error: null,
  };
}

// Cumulative usd and best-so-far regret after each evaluation:
//   a/0: 1, 3, 4 -> 0.5, 0.2, 0.1        a/1: 2, 3 -> 0.4, 0.4 (the second failed)
//   b/0: 0.5, 1, 2 -> 1 (a lower-fidelity run: it costs but is no result), 0.3, 0.25
//   b/1: 0, 1.5 -> 0.9 (its first evaluation recorded no usd: free), 0.8
const results = [
  run("a", 0, [{ value: 0.5, usd: 1 }, { value: 0.8, usd: 2 }, { value: 0.9, usd: 1 }]),
  run("a", 1, [{ value: 0.6, usd: 2 }, { value: null, usd: 1 }]),
  run("b", 0, [{ value: 0.3, usd: 0.5, final: false }, { value: 0.7, usd: 0.5 }, { value: 0.75, usd: 1 }]),
  run("b", 1, [{ value: 0.1 }, { value: 0.2, usd: 1.5 }]),
];

/** Median regret at a cost, worked out by hand from the table above. */
const EXPECTED: Record<string, [number, number][]> = {
  a: [[0.4, 1], [0.5, 1], [1, 0.75], [2, 0.45], [3, 0.3], [4, 0.25]],
  b: [[0.4, 0.95], [0.5, 0.95], [1, 0.6], [1.5, 0.55], [2, 0.525], [4, 0.525]],
};

describe("regret against cost", () => {
  const analysis = analyze(results);
  const [task] = analysis.tasks;

  it("reads every optimizer's curve at the same 40 costs, up to the most any run spent", () => {
    expect(task.costName).toBe("usd");
    expect(task.costCheckpoints).toHaveLength(40);
    task.costCheckpoints.forEach((cost, i) => expect(cost).toBeCloseTo((4 * (i + 1)) / 40, 12));
    expect(task.costCheckpoints.at(-1)).toBe(4);
    for (const summary of task.optimizers) expect(summary.costCurve.map(([cost]) => cost)).toEqual(task.costCheckpoints);
  });

  it("gives the median best-so-far regret once each amount was spent", () => {
    for (const [optimizer, points] of Object.entries(EXPECTED)) {
      const curve = task.optimizers.find((s) => s.optimizer === optimizer)!.costCurve;
      for (const [cost, regret] of points) {
        const point = curve.find(([c]) => Math.abs(c - cost) < 1e-9);
        expect(point, `${optimizer} at ${cost}`).toBeDefined();
        expect(point![1]).toBeCloseTo(regret, 12);
      }
    }
  });

  it("plots the curve in the HTML report with its points at those costs", () => {
    const html = renderHtml(analysis);
    const svg = html.split("<svg").find((chart) => chart.includes("regret vs cumulative usd"));
    expect(svg).toBeDefined();
    // lineChart's default frame: x from 52 to 560 - 130 px for [0, 4] usd, y from 300 - 40 down to 28 px for regret [0, 1].
    const toCost = (x: number) => ((x - 52) / (560 - 130 - 52)) * 4;
    const toRegret = (y: number) => (300 - 40 - y) / (300 - 40 - 28);
    const paths = [...svg!.matchAll(/<path d="([^"]+)"/g)].map((match) =>
      match[1].split(" ").map((step) => step.slice(1).split(",").map(Number) as [number, number]),
    );
    expect(paths).toHaveLength(2);
    paths.forEach((points, series) => {
      const summary = task.optimizers[series];
      expect(points).toHaveLength(40);
      points.forEach(([x, y], i) => {
        expect(toCost(x)).toBeCloseTo(summary.costCurve[i][0], 2);
        expect(toRegret(y)).toBeCloseTo(summary.costCurve[i][1], 2);
      });
    });
  });

  it("sums up the curve in the Markdown at 10%, 25%, 50% and 100% of the largest spend", () => {
    const markdown = renderMarkdown(analysis);
    expect(markdown).toContain("| optimizer | 0.400 (10%) | 1.00 (25%) | 2.00 (50%) | 4.00 (100%) |");
    expect(markdown).toContain("| a | 1.000 | 0.750 | 0.450 | 0.250 |");
    expect(markdown).toContain("| b | 0.950 | 0.600 | 0.525 | 0.525 |");
  });

  it("has no cost curve, chart or table when no evaluation reports a cost", () => {
    const costless = analyze([run("a", 0, [{ value: 0.5 }, { value: 0.7 }])]);
    expect(costless.tasks[0].costName).toBeNull();
    expect(costless.tasks[0].costCheckpoints).toEqual([]);
    expect(costless.tasks[0].optimizers[0].costCurve).toEqual([]);
    expect(renderHtml(costless)).not.toContain("vs cumulative");
    expect(renderMarkdown(costless)).not.toContain("had been spent");
  });
});
