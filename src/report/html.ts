import type { Analysis } from "./analyze.js";
import { renderMarkdown } from "./markdown.js";
import { markdownToHtml } from "./markdown-to-html.js";
import { criticalDifferenceDiagram, lineChart } from "./svg.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A self-contained HTML report: the Markdown report's tables and notes as HTML tables, plus SVG plots of
 * regret against evaluations (with a 95% bootstrap band over seeds), against simulated time and (when the task reports a cost)
 * against cumulative primary cost per task, and the CD diagram.
 */
export function renderHtml(analysis: Analysis, meta: { title?: string; command?: string } = {}): string {
  const title = meta.title ?? "knobs benchmark report";
  const body: string[] = [`<h1>${esc(title)}</h1>`];
  const { ranks } = analysis.overall;
  if (analysis.overall.criticalDifference !== null && Object.keys(ranks).length > 1) {
    body.push("<h2>Average ranks (critical-difference diagram)</h2>", criticalDifferenceDiagram(ranks, analysis.overall.criticalDifference, { width: 880, fontSize: 15 }));
  }
  for (const task of analysis.tasks) {
    body.push(`<h2>${esc(task.task)}</h2>`, '<div class="row">');
    body.push(
      lineChart(
        task.optimizers.map((s) => ({ name: s.optimizer, points: s.curve.map((y, i) => [i + 1, y] as [number, number]), band: s.curveBand })),
        { title: "median normalized regret vs evaluations (95% bootstrap band)", xLabel: "evaluations", yLabel: "regret" },
      ),
    );
    body.push(
      lineChart(
        task.optimizers.map((s) => ({ name: s.optimizer, points: s.timeCurve })),
        { title: "median normalized regret vs simulated time", xLabel: "simulated seconds", yLabel: "regret" },
      ),
    );
    const spent = task.costCheckpoints.at(-1);
    if (task.costName !== null && spent !== undefined) {
      body.push(
        lineChart(
          task.optimizers.map((s) => ({ name: s.optimizer, points: s.costCurve })),
          { title: `median normalized regret vs cumulative ${task.costName}`, xLabel: `cumulative ${task.costName}`, yLabel: "regret", xRange: [0, spent] },
        ),
      );
    }
    body.push("</div>");
  }
  // The Markdown report's own heading is this page's h1 already: its sections become h3 under "Tables".
  const tables = renderMarkdown(analysis, meta).replace(/^# .*\n/, "").replace(/^## /gm, "### ");
  body.push("<h2>Tables</h2>", markdownToHtml(tables));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}.row{display:flex;flex-wrap:wrap;gap:1em}table{border-collapse:collapse;font-size:13px;margin:0.5em 0}th,td{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px}</style>
</head><body>
${body.join("\n")}
</body></html>
`;
}
