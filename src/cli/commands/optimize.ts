import type { Command } from "commander";
import { loadStudyRunConfig, makeStudyOptimizer, resolveStudyRun, runStudy, type StudyRunReport } from "../../study-runner/index.js";
import { dryRun, dryRunText, type LoadedStudyConfig } from "../../study/index.js";
import { EXIT } from "../exit-codes.js";
import { configText, costText, valuesText } from "../output/format.js";
import { Progress } from "../output/progress.js";

export interface OptimizeFlags {
  storage?: string;
  json?: boolean;
  progress?: boolean;
  dryRun?: boolean;
}

export function registerOptimize(program: Command): void {
  program
    .command("optimize")
    .description("run or resume the study a config file describes")
    .argument("<config>", "study config (YAML or JSON); see docs/study-config.md")
    .option("--storage <url>", "storage URL; overrides the config's `storage` (default sqlite:knobs.db)")
    .option("--json", "print one JSON summary on stdout and no progress")
    .option("--no-progress", "no progress bar or trial lines")
    .option("--dry-run", "print what an LLM-guided optimizer would ask and spend in a run (a simulated run: no objective, no model call, nothing stored)")
    .action(async (file: string, flags: OptimizeFlags) => {
      process.exitCode = await optimizeCommand(file, flags);
    });
}

async function optimizeCommand(file: string, flags: OptimizeFlags): Promise<number> {
  const loaded = loadStudyRunConfig(file);
  return flags.dryRun ? dryRunStudyConfig(loaded, flags) : runStudyConfig(loaded, flags);
}

// A dry run of a study without a trial budget simulates this many trials.
const DRY_RUN_TRIALS = 100;

/** `optimize --dry-run`: the optimizer's LLM calls and their estimated cost over one run, printed. */
async function dryRunStudyConfig(loaded: LoadedStudyConfig, flags: OptimizeFlags): Promise<number> {
  const { name, seed, options } = loaded.optimizer;
  const trials = Number.isFinite(loaded.budget.trials) ? loaded.budget.trials : DRY_RUN_TRIALS;
  const report = await dryRun({
    space: loaded.space,
    objectives: loaded.objectives,
    trials,
    llm: options.llm,
    makeOptimizer: (llm) => makeStudyOptimizer(loaded, { plannedTrials: trials, ...(llm === undefined ? {} : { options: { llm } }) }),
    seed,
  });
  if (flags.json) process.stdout.write(JSON.stringify({ optimizer: name, ...report, calls: report.calls.map((call) => ({ messages: call.request.messages, inputTokens: call.inputTokens, outputTokens: call.outputTokens })) }) + "\n");
  else process.stdout.write(dryRunText(report, name) + (Number.isFinite(loaded.budget.trials) ? "" : `\n(The study has no trial budget: ${DRY_RUN_TRIALS} trials simulated.)`) + "\n");
  return EXIT.ok;
}

/**
 * Runs (or joins) the study a checked config describes, printing progress and a summary;
 * returns the exit code.
 */
export async function runStudyConfig(config: LoadedStudyConfig, flags: OptimizeFlags): Promise<number> {
  const run = await resolveStudyRun(config);
  const mode = flags.json || flags.progress === false ? "quiet" : process.stderr.isTTY ? "bar" : "lines";
  // Set once the study is open (it needs the trials already finished).
  const view: { progress: Progress | null } = { progress: null };
  const stopper = stopOnSignals();
  try {
    const report = await runStudy(run, {
      storage: flags.storage,
      signal: stopper.signal,
      logger: (message) => (view.progress ? view.progress.log(message) : process.stderr.write(message + "\n")),
      onStarted: (study) => {
        view.progress = new Progress({
          mode,
          total: config.budget.trials,
          objectives: study.objectives,
          alreadyFinished: study.trials.filter((t) => t.state !== "running" && t.state !== "queued").length,
        });
      },
      onTrialFinished: (trial, study) => view.progress?.trialFinished(trial, study.trials),
    });
    stopper.dispose();
    view.progress?.done();
    if (flags.json) process.stdout.write(JSON.stringify(report) + "\n");
    else process.stdout.write(humanReport(report) + "\n");
    if (stopper.signal.aborted) return EXIT.interrupted;
    return report.run.complete === 0 && report.run.failed > 0 ? EXIT.noTrialCompleted : EXIT.ok;
  } finally {
    stopper.dispose();
  }
}

/** First SIGINT/SIGTERM: stop starting trials and let those in flight finish. Second: exit now. */
function stopOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write("\nstopping: waiting for the trials in flight (press Ctrl-C again to quit now)\n");
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

function humanReport(report: StudyRunReport): string {
  const t = report.trials;
  const lines = [
    `Study "${report.study}": ${t.total} trials (${t.complete} complete, ${t.failed} failed, ${t.pruned} pruned); this run finished ${report.run.complete + report.run.failed + report.run.pruned}. Stopped: ${report.stopReason}.`,
  ];
  const best = report.best;
  if (best.length === 0) lines.push("No complete feasible trial yet.");
  else if (report.objectives.length === 1) lines.push(`Best trial ${best[0].number}: ${valuesText(best[0], report.objectives)} ${configText(best[0].config)}`);
  else {
    lines.push(`Pareto set (${best.length} trials):`);
    for (const trial of best) lines.push(`  trial ${trial.number}: ${valuesText(trial, report.objectives)} ${configText(trial.config)}`);
  }
  lines.push(`Spend: ${costText(report.spend.total)}`);
  return lines.join("\n");
}
