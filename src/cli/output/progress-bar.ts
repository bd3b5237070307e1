/** Where a progress bar draws: stderr, or a fake in tests. */
export interface ProgressStream {
  write(text: string): unknown;
}

export interface ProgressBarOptions {
  /** The count at which the work is done (Infinity: no bar, no ETA). */
  total: number;
  /** What is counted: "trials", "runs". */
  unit: string;
  /** Already done when the bar starts (a resumed study): not counted in the ETA's rate. */
  alreadyDone?: number;
  stream?: ProgressStream;
  /** Milliseconds now; default performance.now(). */
  now?: () => number;
}

/**
 * One progress line redrawn in place on a terminal: `[####----] 12/40 trials  ETA 1m 05s  ...`.
 * Redrawn at most every 100 ms (the last count always); the ETA extrapolates the rate since
 * the bar started. `log` prints a line above it. Used by `knobs optimize` and `knobs bench`.
 */
export class ProgressBar {
  private readonly total: number;
  private readonly unit: string;
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly startedAt: number;
  private readonly startDone: number;
  private drawn = false;
  private drawnAt = -Infinity;
  private last = { done: 0, extra: "" };

  constructor(options: ProgressBarOptions) {
    this.total = options.total;
    this.unit = options.unit;
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.startDone = options.alreadyDone ?? 0;
    this.last.done = this.startDone;
  }

  /** Whether a draw now would be skipped (drawn under 100 ms ago and not finished): lets callers skip costly text. */
  throttled(done: number): boolean {
    return this.now() - this.drawnAt < 100 && done < this.total;
  }

  /** Draws `done` of the total, with `extra` after the ETA. */
  update(done: number, extra = ""): void {
    this.last = { done, extra };
    if (this.throttled(done)) return;
    this.draw();
  }

  /** A line printed above the bar. */
  log(message: string): void {
    if (this.drawn) this.stream.write("\r\x1b[K");
    this.stream.write(message + "\n");
    if (this.drawn) this.draw();
  }

  /** Ends the bar's line. */
  done(): void {
    if (this.drawn) this.stream.write("\n");
  }

  private draw(): void {
    const { done, extra } = this.last;
    const width = 24;
    const finite = Number.isFinite(this.total) && this.total > 0;
    const filled = Math.round((finite ? Math.min(1, done / this.total) : 0) * width);
    const of = Number.isFinite(this.total) ? `/${this.total}` : "";
    const eta = finite ? etaText(done - this.startDone, this.total - done, this.now() - this.startedAt) : "";
    this.stream.write(`\r\x1b[K[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}${of} ${this.unit}${eta ? `  ${eta}` : ""}${extra ? `  ${extra}` : ""}`);
    this.drawn = true;
    this.drawnAt = this.now();
  }
}

/** `ETA 1m 05s` from the count done in `elapsedMs` and the count left; "" before the first is done. */
export function etaText(doneHere: number, left: number, elapsedMs: number): string {
  if (left <= 0 || doneHere <= 0) return "";
  const seconds = Math.round(((elapsedMs / doneHere) * left) / 1000);
  if (seconds < 60) return `ETA ${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `ETA ${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `ETA ${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}
