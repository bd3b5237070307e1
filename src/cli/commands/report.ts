import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { nearOptimalShares } from "../../bench/builtin/index.js";
import { ResultsStore } from "../../bench/runner/index.js";
import { readStudySnapshot, renderStudyReport } from "../../dashboard/index.js";
import { KnobsError, MissingArgumentError } from "../../errors/index.js";
import { analyze, renderHtml, renderMarkdown } from "../../report/index.js";
import { requireStudy, withStorage } from "./open-cli-storage.js";

interface ReportFlags {
  suite?: string;
  md?: string;
  html?: string;
  target: number;
  study?: string;
  storage?: string;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("report on the runs stored by knobs bench (Markdown on stdout, optionally files), or with --study write a study's HTML report")
    .argument("[db]", "results file written by knobs bench")
    .option("--suite <name>", "only this suite's runs")
    .option("--md <file>", "write the Markdown report here")
    .option("--html <file>", "write a self-contained HTML report with SVG plots here")
    .option("--target <regret>", "normalized regret counted as reaching the target", (v) => Number(v), 0.05)
    .option("--study <name>", "report on this study instead: the dashboard's views as one self-contained HTML file (needs --html)")
    .option("--storage <url>", "with --study: storage URL (default sqlite:knobs.db)")
    .action(async (db: string | undefined, flags: ReportFlags) => {
      if (flags.study !== undefined) return studyReport(flags.study, flags, db);
      if (db === undefined) throw new MissingArgumentError("give a results file written by knobs bench (knobs report <db>), or --study <name> for a study's report");
      benchReport(db, flags);
    });
}

function benchReport(db: string, flags: ReportFlags): void {
  const store = new ResultsStore(db, { readOnly: true });
  try {
    const results = store.all(flags.suite);
    if (results.length === 0) throw new KnobsError("no_results", `${db}: no benchmark runs${flags.suite ? ` of suite "${flags.suite}"` : ""} stored`);
    const analysis = analyze(results, { targetRegret: flags.target, nearOptimalShare: nearOptimalShares([...new Set(results.map((r) => r.task))]) });
    const markdown = renderMarkdown(analysis);
    if (flags.md) writeFileSync(flags.md, markdown);
    if (flags.html) writeFileSync(flags.html, renderHtml(analysis));
    process.stdout.write(markdown);
  } finally {
    store.close();
  }
}

async function studyReport(name: string, flags: ReportFlags, db: string | undefined): Promise<void> {
  if (db !== undefined) throw new KnobsError("invalid_arguments", `--study reports on a study in --storage; drop the results file argument "${db}"`);
  if (!flags.html) throw new MissingArgumentError("--study writes an HTML file: give --html <file>");
  const file = flags.html;
  await withStorage(flags.storage, async (storage) => {
    await requireStudy(storage, name);
    const snapshot = await readStudySnapshot(storage, name);
    writeFileSync(file, renderStudyReport(snapshot!));
    process.stdout.write(`Wrote ${file}: study "${name}", ${snapshot!.trials.length} trials.\n`);
  });
}
