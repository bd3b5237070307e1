import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { ResultsStore } from "../../bench/runner/index.js";
import { KnobsError } from "../../errors/index.js";
import { analyze, renderHtml, renderMarkdown } from "../../report/index.js";

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("report on the runs stored by knobs bench: Markdown on stdout, optionally files")
    .argument("<db>", "results file written by knobs bench")
    .option("--suite <name>", "only this suite's runs")
    .option("--md <file>", "write the Markdown report here")
    .option("--html <file>", "write a self-contained HTML report with SVG plots here")
    .option("--target <regret>", "normalized regret counted as reaching the target", (v) => Number(v), 0.05)
    .action((db: string, flags: { suite?: string; md?: string; html?: string; target: number }) => {
      const store = new ResultsStore(db);
      try {
        const results = store.all(flags.suite);
        if (results.length === 0) throw new KnobsError("no_results", `${db}: no benchmark runs${flags.suite ? ` of suite "${flags.suite}"` : ""} stored`);
        const analysis = analyze(results, { targetRegret: flags.target });
        const markdown = renderMarkdown(analysis);
        if (flags.md) writeFileSync(flags.md, markdown);
        if (flags.html) writeFileSync(flags.html, renderHtml(analysis));
        process.stdout.write(markdown);
      } finally {
        store.close();
      }
    });
}
