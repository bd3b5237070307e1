import { availableParallelism } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { nearOptimalShares } from "../../bench/builtin/index.js";
import { getSuite, suiteNames, type Suite } from "../../bench/suites.js";
import {
  BENCH_STALE_MS,
  benchQueueName,
  budgetKey,
  checkBenchPlan,
  collectBenchQueue,
  enqueueBench,
  ResultsStore,
  runBench,
  waitForBenchQueue,
  workBenchQueue,
  type BenchPlan,
  type BenchQueueWait,
  type RunResult,
} from "../../bench/runner/index.js";
import { openStorage, redactStorageUrl } from "../../storage/index.js";
import { analyze, renderHtml, renderMarkdown } from "../../report/index.js";
import { parseDuration } from "../../study/index.js";
import { didYouMean, KnobsError } from "../../errors/index.js";
import { EXIT } from "../exit-codes.js";
import { ProgressBar } from "../output/progress-bar.js";
import { shellCommand } from "../output/shell-quote.js";

interface BenchFlags {
  suite: string;
  optimizers?: string;
  tasks?: string;
  split: string;
  seeds?: number;
  budget?: Record<string, number>;
  workers: number;
  concurrency: number;
  db: string;
  out: string;
  json?: boolean;
  storage?: string;
  work: boolean;
  heartbeatTimeout: number;
}

export function registerBench(program: Command): void {
  program
    .command("bench")
    .description("run a benchmark matrix (optimizers x tasks x seeds) and write a report; resumable")
    .option("--suite <name>", `task suite (${suiteNames().join(", ")})`, "default")
    .option("--optimizers <list>", "comma-separated optimizer names, or cmd:<command> for an external one (default: the suite's)")
    .option("--tasks <list>", "only these task ids of the suite")
    .option("--split <split>", "dev, test or all tasks of the suite", "all")
    .option("--seeds <n>", "seeds 0..n-1 per optimizer and task (default: the suite's)", positiveInt)
    .option("--budget <caps>", 'per run: a trial count ("50") or caps like "trials=100,usd=2" (default: the suite\'s)', parseBudgetFlag)
    .option("--workers <n>", "parallel workers on each run's simulated clock", positiveInt, 1)
    .option("--concurrency <n>", "processes running runs at once", positiveInt, availableParallelism())
    .option("--db <file>", "SQLite file of results", "knobs-bench.db")
    .option("--out <dir>", "folder for report.md and report.html", "bench-report")
    .option("--json", "print the analysis as JSON instead of the Markdown summary")
    .option("--storage <url>", "spread the runs over workers through this storage (postgres://..., or sqlite:<file> on one machine); workers join with knobs worker --bench <suite>")
    .option("--no-work", "with --storage: only queue the runs and wait for workers, run none here")
    .option("--heartbeat-timeout <duration>", "with --storage: re-queue the run of a worker silent this long (60s, 500ms, 2m)", durationFlag, BENCH_STALE_MS)
    .action(async (flags: BenchFlags) => {
      const suite = getSuite(flags.suite);
      const only = flags.tasks?.split(",").map((s) => s.trim());
      const tasks = selectTasks(suite, flags.split, only);
      const plan: BenchPlan = {
        suite: suite.name,
        tasks,
        optimizers: flags.optimizers ? splitOptimizers(flags.optimizers) : suite.optimizers,
        seeds: flags.seeds ?? suite.seeds,
        budget: flags.budget ?? suite.budget,
        workers: flags.workers,
      };
      // Every run's task, optimizer and budget are checked before any runs (or a results file is made).
      checkBenchPlan(plan);
      const store = new ResultsStore(flags.db);
      const started = Date.now();
      try {
        const controller = new AbortController();
        const onSignal = () => controller.abort();
        process.once("SIGINT", onSignal);
        const log = (line: string) => {
          if (!flags.json) process.stderr.write(line + "\n");
        };
        // On a terminal one redrawn line with an ETA (failed runs printed above it); else a line per run.
        let bar: ProgressBar | null = null;
        const progress = (done: number, total: number, result: RunResult) => {
          const line = `[${done}${Number.isFinite(total) ? `/${total}` : ""}] ${result.task} ${result.optimizer} seed ${result.seed}${result.error ? ` failed: ${result.error}` : ""}`;
          if (flags.json || !process.stderr.isTTY) return log(line);
          bar ??= new ProgressBar({ total, unit: "runs" });
          if (result.error) bar.log(line);
          bar.update(done, `${result.task} ${result.optimizer} seed ${result.seed}`);
        };
        const summary: { ran: number; skipped: number; errors: number; ranHere?: number } = flags.storage
          ? await runDistributed(plan, store, flags.storage, {
              concurrency: flags.work ? flags.concurrency : 0,
              staleMs: flags.heartbeatTimeout,
              signal: controller.signal,
              progress,
              // Queue and wait lines go to stderr even with --json: whoever starts workers needs them.
              status: (line) => process.stderr.write(line + "\n"),
            })
          : await runBench(plan, store, {
              concurrency: flags.concurrency,
              signal: controller.signal,
              onProgress: ({ done, total, result }) => progress(done, total, result),
            });
        (bar as ProgressBar | null)?.done();
        process.off("SIGINT", onSignal);
        const results = store.all(plan.suite).filter((r) => plan.tasks.includes(r.task) && plan.optimizers.includes(r.optimizer) && r.seed < plan.seeds);
        const analysis = analyze(results, { optimizers: plan.optimizers, nearOptimalShare: nearOptimalShares(plan.tasks) });
        // Shell-quoted: a cmd:<command> optimizer holds spaces and quotes.
        const command = shellCommand([
          "knobs", "bench", "--suite", plan.suite, "--optimizers", plan.optimizers.join(","), "--seeds", String(plan.seeds),
          "--budget", Object.entries(plan.budget).map(([k, v]) => `${k}=${v}`).join(","), "--split", flags.split,
          ...(only ? ["--tasks", only.join(",")] : []), ...(plan.workers !== 1 ? ["--workers", String(plan.workers)] : []),
        ]);
        const meta = { title: `knobs bench: suite ${plan.suite} (${flags.split === "all" ? "dev and test tasks" : `${flags.split} tasks`})`, command };
        mkdirSync(flags.out, { recursive: true });
        writeFileSync(join(flags.out, "report.md"), renderMarkdown(analysis, meta));
        writeFileSync(join(flags.out, "report.html"), renderHtml(analysis, meta));
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (flags.json) process.stdout.write(JSON.stringify({ ...summary, seconds: Number(seconds), analysis }) + "\n");
        else {
          process.stdout.write(renderMarkdown(analysis, meta).split("\n## ").slice(0, 2).join("\n## ").trim() + "\n\n");
          process.stdout.write(
            `${summary.ran} runs in ${seconds} s (${summary.ranHere !== undefined ? `${summary.ran - summary.ranHere} by workers, ` : ""}${summary.skipped} already stored, ${summary.errors} failed). Report: ${join(flags.out, "report.md")} and report.html; results: ${flags.db}\n`,
          );
        }
        if (controller.signal.aborted) process.exitCode = EXIT.interrupted;
      } finally {
        store.close();
      }
    });
}

/**
 * The matrix over a shared storage: queue the runs not yet stored, work on them here too
 * (unless concurrency is 0), wait for the workers, then copy every result into the store.
 */
async function runDistributed(
  plan: BenchPlan,
  store: ResultsStore,
  url: string,
  options: {
    concurrency: number;
    staleMs: number;
    signal: AbortSignal;
    progress: (done: number, total: number, result: RunResult) => void;
    status: (line: string) => void;
  },
): Promise<{ ran: number; ranHere: number; skipped: number; errors: number }> {
  const storage = await openStorage(url);
  // The results this process then holds that it did not before: the runs done here and by the workers.
  const key = (r: RunResult) => JSON.stringify([r.task, r.optimizer, r.seed, budgetKey(r.budget), r.workers]);
  const before = new Set(store.all(plan.suite).map(key));
  try {
    const counts = await enqueueBench(storage, plan, store);
    options.status(`queued ${counts.queued} runs in ${benchQueueName(plan.suite)} (${counts.present} already queued or done there, ${counts.stored} already in the results file)`);
    let ran = 0;
    if (options.concurrency > 0) {
      await workBenchQueue(storage, plan.suite, {
        concurrency: options.concurrency,
        staleMs: options.staleMs,
        signal: options.signal,
        onResult: (result) => {
          ran++;
          options.progress(ran, counts.queued, result);
        },
      });
    }
    let shown = "";
    const onWait = ({ queued, running, alive }: BenchQueueWait) => {
      // No run has a fresh heartbeat: nobody is working on the queue (dead workers' runs come back after the timeout).
      const line =
        alive === 0
          ? `no worker is alive (no heartbeat in the last ${options.staleMs / 1000} s): ${queued} runs queued, ${running} running; start workers with knobs worker --bench ${plan.suite} --storage ${redactStorageUrl(url)}`
          : `waiting for workers: ${queued + running} runs queued or running`;
      if (line !== shown) options.status(line);
      shown = line;
    };
    await waitForBenchQueue(storage, plan.suite, { staleMs: options.staleMs, signal: options.signal, onWait });
    await collectBenchQueue(storage, plan.suite, store);
    const fresh = store.all(plan.suite).filter((result) => !before.has(key(result)));
    return { ran: fresh.length, ranHere: ran, skipped: counts.stored + counts.present, errors: fresh.filter((result) => result.error).length };
  } finally {
    await storage.close();
  }
}

/** A --heartbeat-timeout value: "60s", "500ms", "2m" or milliseconds, above zero. */
export function durationFlag(value: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) throw new InvalidArgumentError(`expected a duration like 60s, 500ms or 2m, received "${value}"`);
  return ms;
}

/** The suite's task ids in `split` and `only`; a KnobsError for an unknown split or task, or when none is left. */
function selectTasks(suite: Suite, split: string, only: string[] | undefined): string[] {
  if (!["dev", "test", "all"].includes(split)) throw new KnobsError("invalid_option", `--split: expected dev, test or all, received ${JSON.stringify(split)}`);
  const ids = suite.tasks.map((t) => t.task);
  for (const name of only ?? []) {
    if (ids.includes(name)) continue;
    const other = suiteNames().find((s) => getSuite(s).tasks.some((t) => t.task === name));
    const hint = other ? ` (it is in suite "${other}": pass --suite ${other})` : didYouMean(name, ids);
    throw new KnobsError("unknown_task", `--tasks: suite "${suite.name}" has no task "${name}"${hint}; its tasks are ${ids.join(", ")}`);
  }
  const chosen = suite.tasks.filter((t) => (split === "all" || t.split === split) && (!only || only.includes(t.task)));
  if (chosen.length === 0) {
    const named = suite.tasks.filter((t) => only?.includes(t.task)).map((t) => `${t.task} is a ${t.split} task`);
    throw new KnobsError("no_task", `no task of suite "${suite.name}" matches --split ${split}${only ? ` and --tasks ${only.join(",")}: ${named.join(", ")}` : ""}`);
  }
  return chosen.map((t) => t.task);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected an integer >= 1");
  return n;
}

/** "50" -> {trials: 50}; "trials=100,usd=2" -> {trials: 100, usd: 2}. */
export function parseBudgetFlag(value: string): Record<string, number> {
  if (/^\d+$/.test(value.trim())) return { trials: Number(value) };
  const budget: Record<string, number> = {};
  for (const part of value.split(",")) {
    const [name, amount] = part.split("=").map((s) => s.trim());
    const n = Number(amount);
    if (!name || amount === undefined || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a trial count or name=amount pairs like trials=100,usd=2, received "${value}"`);
    budget[name] = n;
  }
  return budget;
}

/** Splits on commas, except inside a cmd: optimizer (which runs to the end). */
function splitOptimizers(value: string): string[] {
  const at = value.indexOf("cmd:");
  const plain = (at < 0 ? value : value.slice(0, at)).split(",").map((s) => s.trim()).filter(Boolean);
  return at < 0 ? plain : [...plain, value.slice(at).trim()];
}
