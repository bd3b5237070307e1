import type { Config, Param, SimplexParam, Value, Weights } from "../space/index.js";
import { addCost, type Cost, type TrialRecord } from "../storage/index.js";

/**
 * The trial a promoted trial continues: the same configuration, finished at a lower
 * fidelity. An objective whose fidelity levels lie on one run (steps, epochs, tokens) loads
 * the checkpoint that trial saved (e.g. a path it stored with `setUserAttr`) and trains on
 * from `fidelity` to the trial's own, instead of starting over.
 */
export interface ResumePoint {
  /** Number of the earlier trial. */
  number: number;
  /** The fidelity it ran at. */
  fidelity: Config | null;
  /** Its objective values. */
  values: number[] | null;
  /** Its user attributes (e.g. where its checkpoint is). */
  userAttrs: Readonly<Record<string, unknown>>;
}

/** What a Trial needs from its study; kept narrow so Trial stays a thin handle. */
export interface TrialHost {
  suggest(trial: Trial, name: string, param: Param): Value;
  report(trial: Trial, step: number, value: number): Promise<void>;
  shouldPrune(trial: Trial): boolean;
  setUserAttr(trial: Trial, key: string, value: unknown): Promise<void>;
}

/**
 * A trial being run: its number, configuration and fidelity, plus the define-by-run
 * API (`suggestFloat`, `suggestInt`, `suggestCategorical`) for objectives that build
 * the space as they go.
 */
export class Trial {
  readonly id: number;
  readonly number: number;
  readonly fidelity: Config | null;
  /**
   * The earlier trial of this configuration whose run this one continues, when the optimizer
   * promoted it from a lower fidelity (see ResumePoint); null for a trial that starts a run.
   */
  readonly resumeFrom: ResumePoint | null;
  /** Aborted when the trial times out or the run is stopped; pass it to fetch() and child processes. */
  readonly signal: AbortSignal;
  /** @internal parameters and values, including define-by-run ones. */
  readonly state: { config: Config; params: Record<string, Param>; dirty: boolean; cost: Cost; intermediate: Record<number, number> };
  private readonly host: TrialHost;

  /** @internal created by Study.ask(). */
  constructor(record: TrialRecord, host: TrialHost, signal: AbortSignal, resumeFrom: ResumePoint | null = null) {
    this.id = record.id;
    this.number = record.number;
    this.fidelity = record.fidelity;
    this.resumeFrom = resumeFrom;
    this.signal = signal;
    this.host = host;
    this.state = { config: { ...record.config }, params: { ...record.params }, dirty: false, cost: {}, intermediate: { ...record.intermediate } };
  }

  /** The configuration to evaluate (every active parameter, plus define-by-run ones suggested so far). */
  get config(): Config {
    return { ...this.state.config };
  }

  suggestFloat(name: string, low: number, high: number, options: { log?: boolean; step?: number } = {}): number {
    return this.host.suggest(this, name, { type: "float", low, high, ...clean(options) }) as number;
  }

  suggestInt(name: string, low: number, high: number, options: { log?: boolean; step?: number } = {}): number {
    return this.host.suggest(this, name, { type: "int", low, high, ...clean(options) }) as number;
  }

  suggestCategorical<T extends Value>(name: string, choices: readonly T[]): T {
    return this.host.suggest(this, name, { type: "categorical", choices: [...choices] }) as T;
  }

  /**
   * A mixture of `components` (weights >= `floor`, summing to 1), drawn from the sampler or
   * from the Dirichlet prior of `concentration` (default 1). Returns component -> weight.
   */
  suggestSimplex(name: string, components: readonly string[], options: { floor?: number; concentration?: number } = {}): Weights {
    const param: SimplexParam = { type: "simplex", components: [...components] };
    if (options.floor !== undefined && options.floor !== 0) param.floor = options.floor;
    if (options.concentration !== undefined && options.concentration !== 1) param.concentration = options.concentration;
    return this.host.suggest(this, name, param) as Weights;
  }

  /** Records an intermediate value (e.g. score after `step` examples or epochs). */
  report(value: number, step: number): Promise<void> {
    return this.host.report(this, step, value);
  }

  /** True when the study's pruner advises stopping this trial now. */
  shouldPrune(): boolean {
    return this.host.shouldPrune(this);
  }

  setUserAttr(key: string, value: unknown): Promise<void> {
    return this.host.setUserAttr(this, key, value);
  }

  /** Adds to this trial's cost (summed with the cost the objective returns). */
  addCost(cost: Cost): void {
    addCost(this.state.cost, cost);
  }
}

function clean(options: { log?: boolean; step?: number }): { log?: boolean; step?: number } {
  const out: { log?: boolean; step?: number } = {};
  if (options.log) out.log = true;
  if (options.step !== undefined) out.step = options.step;
  return out;
}
