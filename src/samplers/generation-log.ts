/**
 * Generations rebuilt from a study's history. Population-based samplers (CMA-ES, NSGA-II)
 * need "the state after generation g", but a proposal may depend only on (seed, trial
 * number, trials). So generations are consecutive chunks of the completed trials in number
 * order, replayed from the start; this log keeps the state after each chunk so that the next
 * ask only tells what is new, and rolls back when the history changed under it (a trial
 * with a lower number completed late). Replaying from scratch gives the same states.
 */

/** Anything with a trial number. */
export interface Numbered {
  readonly number: number;
}

/** Snapshots kept besides the initial state; older ones are dropped (a deep rollback replays from the start). */
const MAX_SNAPSHOTS = 32;

export class GenerationLog<E extends Numbered, S> {
  /** Trial numbers told so far, in order. */
  private readonly used: number[] = [];
  private readonly snapshots: { usedCount: number; state: S }[];

  constructor(initial: S) {
    this.snapshots = [{ usedCount: 0, state: initial }];
  }

  /** The state after the last generation told. */
  get current(): S {
    return this.snapshots[this.snapshots.length - 1].state;
  }

  /** Number of the last trial told, or -1 before the first generation. */
  get lastNumber(): number {
    return this.used.length > 0 ? this.used[this.used.length - 1] : -1;
  }

  /**
   * Brings the log in line with `eligible` (the usable completed trials, in number order):
   * keeps the longest prefix already told, then tells every further full generation.
   * `tell` receives the state, the generation's entries and the number of the last trial
   * told before them (-1 for none); it must not mutate the state it is given.
   */
  sync(eligible: readonly E[], generationSize: (state: S) => number, tell: (state: S, generation: readonly E[], previousNumber: number) => S): S {
    let common = 0;
    while (common < this.used.length && common < eligible.length && this.used[common] === eligible[common].number) common++;
    if (common < this.used.length) {
      while (this.snapshots.length > 1 && this.snapshots[this.snapshots.length - 1].usedCount > common) this.snapshots.pop();
      this.used.length = this.snapshots[this.snapshots.length - 1].usedCount;
    }
    for (;;) {
      const state = this.current;
      const size = generationSize(state);
      if (!(size >= 1)) throw new RangeError(`a generation needs at least one trial, but the size is ${size}`);
      const start = this.used.length;
      if (eligible.length - start < size) return state;
      const generation = eligible.slice(start, start + size);
      const next = tell(state, generation, this.lastNumber);
      for (const entry of generation) this.used.push(entry.number);
      this.snapshots.push({ usedCount: this.used.length, state: next });
      if (this.snapshots.length > MAX_SNAPSHOTS + 1) this.snapshots.splice(1, 1);
    }
  }
}
