import type { RunResult } from "../../bench/runner/index.js";
import { escapeHtml } from "../svg/escape.js";
import { benchmarkView } from "../views/benchmark.js";
import { pageShell } from "./layout.js";

/** The benchmark page: stored `knobs bench` runs (see benchmarkView). */
export function benchmarkPage(results: readonly RunResult[], options: { nav: string; source: string }): string {
  const suites = [...new Set(results.map((r) => r.suite))].join(", ");
  const optimizers = [...new Set(results.map((r) => r.optimizer))].join(", ");
  const body =
    `<h1>Benchmark</h1><p class="note">${escapeHtml(options.source)}: ${results.length} runs; suites ${escapeHtml(suites || "–")}; optimizers ${escapeHtml(optimizers || "–")}.</p>` +
    benchmarkView(results);
  return pageShell({ title: "Benchmark · knobs", nav: options.nav, body });
}
