import type { Config, Space } from "../../space/index.js";
import type { TrialRecord } from "../../storage/spec.js";
import { domainOf, type ParamDomain } from "./param-domain.js";

/**
 * The configurations of a study's trials as model coordinates, one row per trial number
 * (NaN for an inactive parameter), kept between asks. A finished trial's row is computed
 * once and reused while the record holds the same config object; a running or queued
 * trial's config can still change, so its row is recomputed on every refresh. The sampler
 * builds a new one when the space changes.
 */
export class EncodedHistory {
  readonly space: Space;
  readonly domains: readonly ParamDomain[];
  readonly dimensions: number;
  private rows: Float64Array;
  /** 1 once a row is final (its trial had finished when encoded). */
  private final: Uint8Array;
  /** The config each final row was encoded from: another object means another history. */
  private readonly sources: (Config | undefined)[] = [];

  constructor(space: Space) {
    this.space = space;
    this.domains = space.names.map((name) => domainOf(space.params[name]));
    this.dimensions = this.domains.length;
    this.rows = new Float64Array(64 * this.dimensions);
    this.final = new Uint8Array(64);
  }

  /** Encodes the trials not yet encoded, and re-encodes unfinished ones. */
  refresh(trials: readonly TrialRecord[]): void {
    for (const trial of trials) {
      if (trial.state === "failed") continue;
      const n = trial.number;
      this.reserve(n + 1);
      if (this.final[n] && this.sources[n] === trial.config) continue;
      const names = this.space.names;
      const base = n * this.dimensions;
      for (let j = 0; j < this.dimensions; j++) {
        const name = names[j];
        this.rows[base + j] = Object.hasOwn(trial.config, name) ? this.domains[j].encode(trial.config[name]) : NaN;
      }
      this.final[n] = trial.state === "running" || trial.state === "queued" ? 0 : 1;
      this.sources[n] = trial.config;
    }
  }

  /** Coordinate `j` of trial `number` (NaN when inactive there). */
  value(number: number, j: number): number {
    return this.rows[number * this.dimensions + j];
  }

  private reserve(trials: number): void {
    if (trials <= this.final.length) return;
    const capacity = Math.max(trials, this.final.length * 2);
    const rows = new Float64Array(capacity * this.dimensions);
    rows.set(this.rows);
    const final = new Uint8Array(capacity);
    final.set(this.final);
    this.rows = rows;
    this.final = final;
  }
}
