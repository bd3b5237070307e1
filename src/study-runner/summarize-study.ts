import type { Objective } from "../storage/index.js";
import type { OptimizeSummary, Study } from "../study/index.js";

/** What a run of a study config ends with: `knobs optimize --json` prints it as is. */
export interface StudyRunReport {
  study: string;
  stopReason: string;
  /** Trials this run finished. */
  run: { complete: number; failed: number; pruned: number };
  /** Every trial of the study, over all runs. */
  trials: { total: number; complete: number; failed: number; pruned: number; running: number };
  objectives: readonly Objective[];
  /** The best trial, or the Pareto set. */
  best: { number: number; values: number[] | null; config: Record<string, unknown>; cost: Record<string, number> }[];
  spend: Awaited<ReturnType<Study["spend"]>>;
}

/** The report of a study after a run that ended with `summary`. */
export async function summarizeStudy(study: Study, summary: OptimizeSummary): Promise<StudyRunReport> {
  const trials = study.trials;
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
