/** Benchmark reports: analysis of stored runs, Markdown, and HTML with SVG plots. */
export { analyze, type Analysis, type OptimizerSummary, type TaskAnalysis } from "./analyze.js";
export { renderMarkdown } from "./markdown.js";
export { renderHtml } from "./html.js";
export { criticalDifferenceDiagram, lineChart, type Series } from "./svg.js";
export { regretBands, type RegretBand } from "./regret-bands.js";
export { README_BENCH_MARKERS, renderReadmeSummary, replaceReadmeSummary, type MeasuredRun } from "./readme-summary.js";
export { optimizerColor, PALETTE } from "./palette.js";
