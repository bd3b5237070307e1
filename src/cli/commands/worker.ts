import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { BENCH_STALE_MS, benchQueueName, workBenchQueue } from "../../bench/runner/index.js";
import { durationFlag } from "./bench.js";
import { EXIT } from "../exit-codes.js";
import { KnobsError } from "../../errors/index.js";
import { openStorage } from "../../storage/index.js";
import { loadStudyRunConfig, storedStudyRunConfig } from "../../study-runner/index.js";
import { runStudyConfig, type OptimizeFlags } from "./optimize.js";

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("join a study started by knobs optimize (run its objective until its budget is spent), or a benchmark queued by knobs bench --storage")
    .requiredOption("--storage <url>", "the study's storage (sqlite:<file> shared on this machine, or postgres://...)")
    .option("--study <name>", "the study to join")
    .option("--bench <suite>", "run queued benchmark runs of this suite until none is left")
    .option("--concurrency <n>", "with --bench: processes running runs at once", (v) => Math.max(1, Number.parseInt(v, 10) || 1), availableParallelism())
    .option("--heartbeat-timeout <duration>", "with --bench: re-queue the run of a worker silent this long, as the coordinator does", durationFlag, BENCH_STALE_MS)
    .option("--config <file>", "use this config file instead of the one stored with the study")
    .option("--json", "print one JSON summary on stdout and no progress")
    .option("--no-progress", "no progress bar or trial lines")
    .action(async (flags: OptimizeFlags & { storage: string; study?: string; bench?: string; config?: string; concurrency: number; heartbeatTimeout: number }) => {
      if ((flags.study === undefined) === (flags.bench === undefined)) {
        throw new KnobsError("invalid_input", "worker: expected exactly one of --study <name> or --bench <suite>");
      }
      if (flags.bench !== undefined) {
        process.exitCode = await benchWorker(flags.storage, flags.bench, { concurrency: flags.concurrency, staleMs: flags.heartbeatTimeout }, flags.json === true);
        return;
      }
      const study = flags.study as string;
      const loaded = flags.config ? loadStudyRunConfig(flags.config) : await storedStudyRunConfig(flags.storage, study);
      if (loaded.study !== study) {
        throw new KnobsError("study_mismatch", `${loaded.file}: study: the config is for study "${loaded.study}", not "${study}"`);
      }
      process.exitCode = await runStudyConfig(loaded, flags);
    });
}

/** Runs queued benchmark runs of a suite until none is queued or running anywhere; prints one line per run (or a JSON count). */
async function benchWorker(url: string, suite: string, options: { concurrency: number; staleMs: number }, json: boolean): Promise<number> {
  const storage = await openStorage(url);
  try {
    if (!(await storage.getStudy(benchQueueName(suite)))) {
      throw new KnobsError("no_such_study", `no benchmark queue for suite "${suite}" in ${url}: start it with knobs bench --suite ${suite} --storage <url>`);
    }
    const { ran } = await workBenchQueue(storage, suite, {
      ...options,
      onResult: (r) => {
        if (!json) process.stderr.write(`${r.task} ${r.optimizer} seed ${r.seed}${r.error ? ` failed: ${r.error}` : ""}\n`);
      },
    });
    if (json) process.stdout.write(JSON.stringify({ suite, ran }) + "\n");
    else process.stdout.write(`ran ${ran} benchmark runs of suite ${suite}\n`);
    return EXIT.ok;
  } finally {
    await storage.close();
  }
}
