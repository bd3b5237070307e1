import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/bench/runner/index.js";
import { analyze, renderHtml, renderMarkdown } from "../../src/report/index.js";

function run(optimizer: string, seed: number, values: (number | null)[], extra: Partial<RunResult> = {}): RunResult {
  return {
    suite: "s",
    task: "t",
    optimizer,
    seed,
    budget: { trials: values.length },
    workers: 1,
    evaluations: values.map((value, i) => ({ trial: i, value, cost: { usd: 0.5 }, finishedAt: i + 1, decisionMs: 1 })),
    direction: "maximize",
    optimum: 1,
    worst: 0,
    decisionMs: values.length,
    simulatedSeconds: values.length,
    stopReason: "trial budget reached",
    error: null,
    ...extra,
  };
}

describe("analyze", () => {
  it("computes normalized regret curves, ranks, and time to target for a maximized objective", () => {
    const results = [
      run("a", 0, [0.5, 0.9, 0.96]),
      run("a", 1, [0.2, null, 0.97]),
      run("b", 0, [0.1, 0.2, 0.3]),
      run("b", 1, [0.4, 0.5, 0.5]),
    ];
    const analysis = analyze(results, { targetRegret: 0.05 });
    const [task] = analysis.tasks;
    expect(task.bounds).toEqual({ best: 1, worst: 0, source: "data" });
    const a = task.optimizers.find((s) => s.optimizer === "a")!;
    // Regret after each evaluation, seed 0: 0.5, 0.1, 0.04; seed 1: 0.8, 0.8 (failed), 0.03.
    expect(a.curve.map((x) => Number(x.toFixed(6)))).toEqual([0.65, 0.45, 0.035]);
    // Both runs reach regret <= 0.05 at their third evaluation, having spent 3 x 0.5 usd.
    expect(a.toTarget).toEqual({ reached: 2, evaluations: 3, seconds: 3, cost: 1.5, costName: "usd", runCosts: [1.5, 1.5] });
    // b never gets within 0.05: no cost to target for either run.
    expect(task.optimizers.find((s) => s.optimizer === "b")!.toTarget).toMatchObject({ reached: 0, cost: null, runCosts: [null, null] });
    expect(a.finalRegret.estimate).toBeCloseTo(0.035, 12);
    // A bootstrap band over seeds around the median curve: within the seeds' values, the same on every call.
    expect(a.curveBand).toHaveLength(3);
    a.curveBand.forEach(([low, high], i) => {
      expect(low).toBeLessThanOrEqual(a.curve[i] + 1e-12);
      expect(high).toBeGreaterThanOrEqual(a.curve[i] - 1e-12);
    });
    expect(a.curveBand[0][0]).toBeCloseTo(0.5, 12);
    expect(a.curveBand[0][1]).toBeCloseTo(0.8, 12);
    expect(analyze(results, { targetRegret: 0.05 }).tasks[0].optimizers[0].curveBand).toEqual(a.curveBand);
    expect(task.ranks).toEqual({ a: 1, b: 2 });
    expect(analysis.overall.friedman).toBeNull();
    const markdown = renderMarkdown(analysis);
    expect(markdown).toContain("| a | 2 | 0.035 [");
    expect(renderHtml(analysis)).toContain("<svg");
    expect(renderHtml(analysis)).toMatch(/<h2>Tables<\/h2>\n<p>Suites: .*<table><thead><tr><th>optimizer<\/th><th class="num">average rank over tasks<\/th>/s);
    expect(renderHtml(analysis)).not.toContain("<pre>");
    expect(renderHtml(analysis)).toContain('fill-opacity="0.15" stroke="none" data-band="a"');
  });

  it("takes regret bounds from the runs when the task gives none, and lists failed runs", () => {
    const results = [
      run("a", 0, [3, 1], { direction: "minimize", optimum: null, worst: null }),
      run("b", 0, [5, 4], { direction: "minimize", optimum: null, worst: null }),
      run("c", 0, [], { direction: "minimize", optimum: null, worst: null, error: "boom" }),
    ];
    const analysis = analyze(results);
    expect(analysis.tasks[0].bounds).toEqual({ best: 1, worst: 5, source: "runs" });
    expect(analysis.tasks[0].optimizers.find((s) => s.optimizer === "b")!.curve).toEqual([1, 0.75]);
    expect(analysis.errors).toEqual([{ task: "t", optimizer: "c", seed: 0, error: "boom" }]);
  });

  it("runs Friedman's test over tasks", () => {
    const results = ["t1", "t2", "t3"].flatMap((task) => [
      { ...run("a", 0, [0.9]), task },
      { ...run("b", 0, [0.5]), task },
      { ...run("c", 0, [0.1]), task },
    ]);
    const analysis = analyze(results);
    expect(analysis.overall.ranks).toEqual({ a: 1, b: 2, c: 3 });
    // chi2 = 12*3/(3*4) * (1 + 4 + 9 - 12) = 6, p = exp(-3).
    expect(analysis.overall.friedman!.statistic).toBeCloseTo(6, 12);
    expect(analysis.overall.friedman!.pValue).toBeCloseTo(Math.exp(-3), 12);
    expect(analysis.overall.criticalDifference).toBeCloseTo(2.343 * Math.sqrt(12 / 18), 10);
  });
});

describe("optimizer cost in reports", () => {
  it("shows what LLM-guided optimizers spent per run, apart, and nothing for the others", () => {
    const results = [
      run("agent", 0, [0.5, 0.9], { optimizerCost: { usd: 0.02, input_tokens: 1000 } }),
      run("agent", 1, [0.6, 0.8], { optimizerCost: { usd: 0.04, input_tokens: 3000 } }),
      run("random", 0, [0.4, 0.7]),
      run("random", 1, [0.3, 0.6]),
    ];
    const analysis = analyze(results);
    const agent = analysis.tasks[0].optimizers.find((o) => o.optimizer === "agent")!;
    expect(agent.optimizerCostPerRun).toEqual({ usd: 0.03, input_tokens: 2000 });
    expect(analysis.tasks[0].optimizers.find((o) => o.optimizer === "random")!.optimizerCostPerRun).toEqual({});
    const markdown = renderMarkdown(analysis);
    expect(markdown).toContain("## Optimizer cost");
    expect(markdown).toContain("| t | agent | usd 0.0300, input_tokens 2.00e+3 |");
    expect(markdown).not.toMatch(/\| t \| random \| usd/);
  });
});


describe("the HTML report's tables", () => {
  it("are HTML tables with numeric columns right-aligned, not Markdown in a <pre>", async () => {
    const { markdownToHtml } = await import("../../src/report/markdown-to-html.js");
    expect(markdownToHtml("## Overall\n\n| optimizer | rank |\n| :--- | ---: |\n| tpe <b> | 1.50 |\n\nFriedman `p` = 0.5.\n- a\n- b\n")).toBe(
      [
        "<h2>Overall</h2>",
        '<table><thead><tr><th>optimizer</th><th class="num">rank</th></tr></thead><tbody><tr><td>tpe &lt;b&gt;</td><td class="num">1.50</td></tr></tbody></table>',
        "<p>Friedman <code>p</code> = 0.5.</p>",
        "<ul><li>a</li><li>b</li></ul>",
      ].join("\n"),
    );
  });
});
