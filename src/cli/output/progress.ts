import type { Objective, TrialRecord } from "../../storage/index.js";
import { paretoFront } from "../../study/index.js";
import { num, valuesText } from "./format.js";

export type ProgressMode = "bar" | "lines" | "quiet";

/**
 * What `knobs optimize` shows while it runs: a redrawn bar on a terminal, one plain line
 * per finished trial otherwise, nothing with --json (stdout is for the final JSON).
 * Everything goes to stderr, so stdout stays clean for results.
 */
export class Progress {
  private readonly mode: ProgressMode;
  private readonly total: number;
  private readonly objectives: readonly Objective[];
  private drawn = false;
  private drawnAt = -Infinity;
  private finished = 0;
  private failed = 0;

  constructor(options: { mode: ProgressMode; total: number; objectives: readonly Objective[]; alreadyFinished: number }) {
    this.mode = options.mode;
    this.total = options.total;
    this.objectives = options.objectives;
    this.finished = options.alreadyFinished;
  }

  /** Called after each trial with the study's trials so far. */
  trialFinished(trial: TrialRecord, trials: readonly TrialRecord[]): void {
    this.finished++;
    if (trial.state === "failed") this.failed++;
    if (this.mode === "quiet") return;
    // The bar is redrawn at most every 100 ms: the best-so-far scan is O(trials) per draw.
    if (this.mode === "bar" && performance.now() - this.drawnAt < 100 && this.finished < this.total) return;
    const best = this.bestText(trials);
    if (this.mode === "lines") {
      const what = trial.state === "complete" ? valuesText(trial, this.objectives) : `${trial.state}${trial.error ? `: ${trial.error}` : ""}`;
      process.stderr.write(`trial ${trial.number} ${trial.state === "complete" ? "complete " : ""}${what}${best ? ` | ${best}` : ""}\n`);
    } else if (this.mode === "bar") {
      this.draw(best);
    }
  }

  /** A message (e.g. a failed trial's warning) printed above the bar. */
  log(message: string): void {
    if (this.mode === "bar" && this.drawn) process.stderr.write("\r\x1b[K");
    if (this.mode !== "lines" || !message.startsWith("Trial ")) process.stderr.write(message + "\n");
    if (this.mode === "bar" && this.drawn) this.draw("");
  }

  done(): void {
    if (this.mode === "bar" && this.drawn) process.stderr.write("\n");
  }

  private draw(best: string): void {
    const width = 24;
    const ratio = Number.isFinite(this.total) && this.total > 0 ? Math.min(1, this.finished / this.total) : 0;
    const filled = Math.round(ratio * width);
    const of = Number.isFinite(this.total) ? `/${this.total}` : "";
    const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.finished}${of} trials`;
    const failed = this.failed ? `  ${this.failed} failed` : "";
    process.stderr.write(`\r\x1b[K${bar}${failed}${best ? `  ${best}` : ""}`);
    this.drawn = true;
    this.drawnAt = performance.now();
  }

  private bestText(trials: readonly TrialRecord[]): string {
    const front = paretoFront(trials, this.objectives);
    if (front.length === 0) return "";
    if (this.objectives.length === 1) return `best ${this.objectives[0].name}=${num(front[0].values![0])} (trial ${front[0].number})`;
    return `Pareto set: ${front.length} trials`;
  }
}
