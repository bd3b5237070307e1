import type { Command } from "commander";
import { KnobsError, ValidationError } from "../../errors/index.js";
import { createOptimizer, type AgentTaskHooks } from "../../agents/index.js";
import { DEFAULT_STORAGE_URL } from "../../storage/index.js";
import {
  commandObjective,
  createStudy,
  loadModuleObjective,
  loadStudyConfig,
  type LoadedStudyConfig,
  type ObjectiveFunction,
  type Study,
  type TaskDefaults,
} from "../../study/index.js";
import { resolveTaskRef } from "../../bench/builtin/index.js";
import { taskObjective, type Task } from "../../bench/task/index.js";
import { EXIT } from "../exit-codes.js";
import { configText, costText, valuesText } from "../output/format.js";
import { Progress } from "../output/progress.js";

export interface OptimizeFlags {
  storage?: string;
  json?: boolean;
  progress?: boolean;
}

export function registerOptimize(program: Command): void {
  program
    .command("optimize")
    .description("run or resume the study a config file describes")
    .argument("<config>", "study config (YAML or JSON); see docs/study-config.md")
    .option("--storage <url>", "storage URL; overrides the config's `storage` (default sqlite:knobs.db)")
    .option("--json", "print one JSON summary on stdout and no progress")
    .option("--no-progress", "no progress bar or trial lines")
    .action(async (file: string, flags: OptimizeFlags) => {
      process.exitCode = await optimizeCommand(file, flags);
    });
}

async function optimizeCommand(file: string, flags: OptimizeFlags): Promise<number> {
  return runStudyConfig(loadStudyConfig(file, { resolveTask: taskDefaults }), flags);
}

/** The key under which `knobs optimize` stores its config with the study, for `knobs worker`. */
export const STORED_CONFIG_KEY = "knobs.config";

/**
 * Runs (or joins) the study a checked config describes, printing progress and a summary;
 * returns the exit code. The config is stored with the study so workers can join it.
 */
export async function runStudyConfig(loaded: LoadedStudyConfig, flags: OptimizeFlags): Promise<number> {
  const { config } = loaded;
  const { name, seed, options } = loaded.optimizer;
  // auto picks by the planned number of trials too.
  const planned = name === "auto" && Number.isFinite(loaded.budget.trials) ? { trials: loaded.budget.trials } : {};
  // An agent may learn from the task it tunes (a multi-stage task's compute budget).
  const taskHooks = config.objective.task ? (taskOf(config.objective.task, loaded.baseDir) as AgentTaskHooks) : null;
  const sampler = optimizerOf(loaded.file, () => createOptimizer(name, { ...options, ...planned, seed, fidelity: loaded.fidelity, taskHooks }));
  const objective = await buildObjective(loaded);
  const mode = flags.json || flags.progress === false ? "quiet" : process.stderr.isTTY ? "bar" : "lines";
  let progress: Progress | null = null;
  const study = await createStudy({
    name: config.study,
    storage: flags.storage ?? config.storage ?? DEFAULT_STORAGE_URL,
    space: loaded.space,
    objectives: loaded.objectives,
    sampler,
    pruner: loaded.pruner ?? undefined,
    logger: (message) => (progress ? progress.log(message) : process.stderr.write(message + "\n")),
  });
  try {
    // Enqueued configs run once per study: only when it starts from nothing.
    if (study.trials.length === 0) for (const entry of config.enqueue ?? []) await study.enqueue(entry as never);
    await study.storage.setStudyUserAttr(study.id, STORED_CONFIG_KEY, { file: loaded.file, baseDir: loaded.baseDir, config: loaded.raw });
    progress = new Progress({
      mode,
      total: loaded.budget.trials,
      objectives: study.objectives,
      alreadyFinished: study.trials.filter((t) => t && t.state !== "running" && t.state !== "queued").length,
    });
    const stopper = stopOnSignals();
    const summary = await study.optimize(objective, {
      concurrency: config.concurrency,
      budget: config.budget ?? { trials: 100 },
      timeout: config.timeout,
      retries: config.retries,
      heartbeatInterval: config.heartbeat?.interval,
      heartbeatTimeout: config.heartbeat?.timeout,
      signal: stopper.signal,
      onTrialFinished: (trial) => progress?.trialFinished(trial, study.trials),
    });
    stopper.dispose();
    progress.done();
    const report = await summarize(study, summary);
    if (flags.json) process.stdout.write(JSON.stringify(report) + "\n");
    else process.stdout.write(humanReport(study, report) + "\n");
    if (stopper.signal.aborted) return EXIT.interrupted;
    return summary.complete === 0 && summary.failed > 0 ? EXIT.noTrialCompleted : EXIT.ok;
  } finally {
    await study.close();
  }
}

async function buildObjective(loaded: LoadedStudyConfig): Promise<ObjectiveFunction> {
  const spec = loaded.config.objective;
  if (spec.command) return commandObjective({ command: spec.command, cwd: loaded.baseDir, env: spec.env, seed: loaded.optimizer.seed });
  if (spec.module) return loadModuleObjective(spec.module, { baseDir: loaded.baseDir, source: loaded.file });
  if (spec.task) return taskObjective(taskOf(spec.task, loaded.baseDir), loaded.optimizer.seed);
  throw new KnobsError("invalid_input", `${loaded.file}: objective: expected one of command, module or task`);
}

/**
 * The task a config's `objective.task` names, loaded once per process: the config check, the
 * optimizer's hooks and the objective all use it, and a task folder is read only once.
 */
const tasks = new Map<string, Task>();
function taskOf(ref: string, baseDir: string): Task {
  const key = `${baseDir}\u0000${ref}`;
  let task = tasks.get(key);
  if (!task) {
    task = resolveTaskRef(ref, baseDir);
    // Missing data stops here, before a study exists, rather than failing every trial.
    task.load?.();
    tasks.set(key, task);
  }
  return task;
}

/** The study config's view of a task-ref (`objective.task`): its space, fidelity and objectives. */
export function taskDefaults(ref: string, baseDir: string): TaskDefaults {
  const task = taskOf(ref, baseDir);
  return { space: task.space, fidelity: task.fidelitySpace, objectives: task.objectives };
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

async function summarize(study: Study, summary: Awaited<ReturnType<Study["optimize"]>>) {
  const trials = study.trials.filter(Boolean);
  const count = (state: string) => trials.filter((t) => t.state === state).length;
  const spend = await study.spend();
  return {
    study: study.name,
    stopReason: summary.stopReason,
    run: { complete: summary.complete, failed: summary.failed, pruned: summary.pruned },
    trials: { total: trials.length, complete: count("complete"), failed: count("failed"), pruned: count("pruned"), running: count("running") },
    objectives: study.objectives,
    best: study.bestTrials().map((t) => ({ number: t.number, values: t.values, config: t.config, cost: t.cost })),
    spend,
  };
}

function humanReport(study: Study, report: Awaited<ReturnType<typeof summarize>>): string {
  const t = report.trials;
  const lines = [
    `Study "${report.study}": ${t.total} trials (${t.complete} complete, ${t.failed} failed, ${t.pruned} pruned); this run finished ${report.run.complete + report.run.failed + report.run.pruned}. Stopped: ${report.stopReason}.`,
  ];
  const best = study.bestTrials();
  if (best.length === 0) lines.push("No complete feasible trial yet.");
  else if (study.objectives.length === 1) lines.push(`Best trial ${best[0].number}: ${valuesText(best[0], study.objectives)} ${configText(best[0].config)}`);
  else {
    lines.push(`Pareto set (${best.length} trials):`);
    for (const trial of best) lines.push(`  trial ${trial.number}: ${valuesText(trial, study.objectives)} ${configText(trial.config)}`);
  }
  lines.push(`Spend: ${costText(report.spend.total)}`);
  return lines.join("\n");
}

/** The optimizer `make` returns; a bad option becomes an error at `optimizer.<option>` of the config file. */
function optimizerOf<T>(file: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((issue) => ({ ...issue, path: ["optimizer", ...issue.path] })),
      file,
    );
  }
}
