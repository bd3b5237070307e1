import { DEFAULT_STORAGE_URL, type TrialRecord } from "../storage/index.js";
import { createStudy, STORED_CONFIG_KEY, type Study } from "../study/index.js";
import type { StudyRun } from "./load-study-run.js";
import { summarizeStudy, type StudyRunReport } from "./summarize-study.js";

export interface RunStudyOptions {
  /** Overrides the config's storage URL (default sqlite:knobs.db). */
  storage?: string;
  /** Stops new trials; those in flight finish. */
  signal?: AbortSignal;
  /** Where the study's messages go (failed trials, retries). */
  logger: (message: string) => void;
  /** Called once the study is open, before its first trial (a progress display starts here). */
  onStarted?: (study: Study) => void;
  onTrialFinished?: (trial: TrialRecord, study: Study) => void;
}

/**
 * Runs (or joins) the study a resolved config describes until its budget is spent, and
 * reports on it. The config is stored with the study (STORED_CONFIG_KEY) so `knobs worker`
 * can join it; enqueued configurations run only when the study starts from nothing.
 */
export async function runStudy(run: StudyRun, options: RunStudyOptions): Promise<StudyRunReport> {
  const { config } = run;
  const study = await createStudy({
    name: config.study,
    storage: options.storage ?? config.storage ?? DEFAULT_STORAGE_URL,
    space: config.space,
    objectives: config.objectives,
    sampler: run.sampler,
    ...(config.pruner ? { pruner: config.pruner } : {}),
    logger: options.logger,
  });
  try {
    if (study.trials.length === 0) for (const entry of config.enqueue) await study.enqueue(entry);
    await study.storage.setStudyUserAttr(study.id, STORED_CONFIG_KEY, { file: config.file, baseDir: config.baseDir, config: config.raw });
    options.onStarted?.(study);
    const summary = await study.optimize(run.objective, {
      concurrency: config.concurrency,
      budget: config.budget,
      timeout: config.timeoutMs,
      retries: config.retries,
      heartbeatInterval: config.heartbeatIntervalMs,
      heartbeatTimeout: config.heartbeatTimeoutMs,
      signal: options.signal,
      onTrialFinished: (trial) => options.onTrialFinished?.(trial, study),
    });
    return await summarizeStudy(study, summary);
  } finally {
    await study.close();
  }
}
