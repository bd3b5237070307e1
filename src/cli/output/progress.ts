import type { Objective, TrialRecord } from "../../storage/index.js";
import { paretoFront } from "../../study/index.js";
import { num, valuesText } from "./format.js";
import { ProgressBar } from "./progress-bar.js";

export type ProgressMode = "bar" | "lines" | "quiet";

/**
 * What `knobs optimize` shows while it runs: a redrawn bar on a terminal, one plain line
 * per finished trial otherwise, nothing with --json (stdout is for the final JSON).
 * Everything goes to stderr, so stdout stays clean for results.
 */
export class Progress {
  private readonly mode: ProgressMode;
  private readonly objectives: readonly Objective[];
  private readonly bar: ProgressBar | null;
  private finished = 0;
  private failed = 0;

  constructor(options: { mode: ProgressMode; total: number; objectives: readonly Objective[]; alreadyFinished: number }) {
    this.mode = options.mode;
    this.objectives = options.objectives;
    this.finished = options.alreadyFinished;
    this.bar = options.mode === "bar" ? new ProgressBar({ total: options.total, unit: "trials", alreadyDone: options.alreadyFinished }) : null;
  }

  /** Called after each trial with the study's trials so far. */
  trialFinished(trial: TrialRecord, trials: readonly TrialRecord[]): void {
    this.finished++;
    if (trial.state === "failed") this.failed++;
    if (this.mode === "quiet") return;
    // The bar is redrawn at most every 100 ms: the best-so-far scan is O(trials) per draw.
    if (this.bar?.throttled(this.finished)) return;
    const best = this.bestText(trials);
    if (this.mode === "lines") {
      const what = trial.state === "complete" ? valuesText(trial, this.objectives) : `${trial.state}${trial.error ? `: ${trial.error}` : ""}`;
      process.stderr.write(`trial ${trial.number} ${trial.state === "complete" ? "complete " : ""}${what}${best ? ` | ${best}` : ""}\n`);
    } else {
      this.bar?.update(this.finished, [this.failed ? `${this.failed} failed` : "", best].filter(Boolean).join("  "));
    }
  }

  /** A message (e.g. a failed trial's warning) printed above the bar. */
  log(message: string): void {
    if (this.mode === "lines" && message.startsWith("Trial ")) return;
    if (this.bar) this.bar.log(message);
    else process.stderr.write(message + "\n");
  }

  done(): void {
    this.bar?.done();
  }

  private bestText(trials: readonly TrialRecord[]): string {
    const front = paretoFront(trials, this.objectives);
    if (front.length === 0) return "";
    if (this.objectives.length === 1) return `best ${this.objectives[0].name}=${num(front[0].values![0])} (trial ${front[0].number})`;
    return `Pareto set: ${front.length} trials`;
  }
}
