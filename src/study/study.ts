import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { rngFor } from "../math/index.js";
import type { Pruner, Sampler, SamplerContext } from "../samplers/spec.js";
import { autoSampler } from "../samplers/index.js";
import { sameParam, sampleValue, Space, type Config, type Param, type SpaceDefinition, type Value } from "../space/index.js";
import {
  addCost,
  checkStudyInput,
  sumCosts,
  tidyCost,
  DuplicateStudyError,
  NoSuchStudyError,
  openStorage,
  TrialLimitReachedError,
  type Cost,
  type Direction,
  type Objective,
  type Storage,
  type StudyRecord,
  type TrialRecord,
} from "../storage/index.js";
import { InvalidResultError, ParamMismatchError, StudyMismatchError } from "./errors.js";
import { normalizeResult, readCost, type ObjectiveResult } from "./objective-result.js";
import { optimizeStudy, type OptimizeOptions, type OptimizeSummary, type ObjectiveFunction } from "./optimize.js";
import { paretoFront } from "./pareto.js";
import { Trial, type ResumePoint, type TrialHost } from "./trial.js";

/** The signal of trials asked without one: never aborted, shared to save an allocation per ask. */
const NEVER_ABORTED = new AbortController().signal;

export interface StudyOptions {
  /** The study's name in the storage. */
  name: string;
  /** A Storage or a URL: `sqlite:knobs.db` (default), `memory:`, `postgres://...`. */
  storage?: Storage | string;
  /** The search space; omit for a define-by-run study. */
  space?: Space | SpaceDefinition;
  /** Objectives with directions; or `direction` for one objective named "value". */
  objectives?: Objective[];
  direction?: Direction;
  /** Default: `auto` (DEFAULT_OPTIMIZER) with seed 0, as in a study config without `optimizer`. */
  sampler?: Sampler;
  /** Stops unpromising trials early when the objective asks `trial.shouldPrune()`; default none. */
  pruner?: Pruner;
  /** Load the study when it exists (default true); false makes an existing name an error. */
  loadIfExists?: boolean;
  /** Where warnings (failed trials) go; default console.warn. */
  logger?: (message: string) => void;
}

/** A failed or pruned outcome for `tell`, instead of values. */
export interface TellOutcome {
  state: "failed" | "pruned";
  error?: string;
  cost?: Cost;
}

/**
 * Creates a study, or loads it when one of that name exists (checking the objectives and
 * space match). The study's trials live in the storage; the Study object is a view
 * plus the sampler.
 *
 * @example
 * const study = await createStudy({ name: "demo", storage: "memory:", space: { x: float(-5, 5) }, direction: "minimize" });
 * await study.optimize((trial) => (trial.config.x as number) ** 2, { budget: { trials: 50 } });
 * study.bestTrial().config;
 */
export async function createStudy(options: StudyOptions): Promise<Study> {
  // Before the storage is asked anything: PostgreSQL would refuse a NUL in the name with its own words.
  checkStudyInput({ name: options.name, objectives: options.objectives });
  const ownsStorage = typeof options.storage !== "object";
  const storage = typeof options.storage === "object" ? options.storage : await openStorage(options.storage);
  const objectives = options.objectives ?? [{ name: "value", direction: options.direction ?? "minimize" }];
  const space = options.space === undefined ? null : options.space instanceof Space ? options.space : Space.parse(options.space);
  let record = await storage.getStudy(options.name);
  if (!record) {
    try {
      record = await storage.createStudy({ name: options.name, objectives, space: space ? space.toJSON() : null });
    } catch (error) {
      // Another process (another machine's `knobs optimize`) created it since we looked: join it.
      if (!(error instanceof DuplicateStudyError) || options.loadIfExists === false) throw error;
      record = await storage.getStudy(options.name);
      if (!record) throw error;
      checkStoredStudy(record, options, objectives, space);
    }
  } else {
    if (options.loadIfExists === false) throw new DuplicateStudyError(options.name);
    checkStoredStudy(record, options, objectives, space);
    if (space && !record.space) await storage.setStudySpace(record.id, space.toJSON());
  }
  const study = new Study(storage, record, options.sampler ?? autoSampler(), options.logger ?? ((m) => console.warn(m)), ownsStorage, options.pruner ?? null);
  await study.refresh();
  return study;
}

/** Throws StudyMismatchError when a stored study's objectives or space differ from the ones asked for. */
function checkStoredStudy(record: StudyRecord, options: StudyOptions, objectives: Objective[], space: Space | null): void {
  if (JSON.stringify(record.objectives) !== JSON.stringify(objectives) && (options.objectives || options.direction)) {
    throw new StudyMismatchError(options.name, "objectives", record.objectives, objectives);
  }
  if (space && record.space && JSON.stringify(Space.parse(record.space).toJSON()) !== JSON.stringify(space.toJSON())) {
    throw new StudyMismatchError(options.name, "space", record.space, space.toJSON());
  }
}

/** Loads an existing study; throws NoSuchStudyError when there is none. */
export async function loadStudy(options: Omit<StudyOptions, "space" | "objectives" | "direction" | "loadIfExists">): Promise<Study> {
  checkStudyInput({ name: options.name });
  const storage = typeof options.storage === "object" ? options.storage : await openStorage(options.storage);
  if (!(await storage.getStudy(options.name))) {
    if (typeof options.storage !== "object") await storage.close();
    throw new NoSuchStudyError(options.name);
  }
  return createStudy({ ...options, storage, loadIfExists: true }).then((study) => {
    if (typeof options.storage !== "object") study.ownsStorage = true;
    return study;
  });
}

export class Study implements TrialHost {
  readonly storage: Storage;
  readonly name: string;
  readonly objectives: readonly Objective[];
  readonly sampler: Sampler;
  /** Identifies this process's trials for heartbeats: host:pid:random. */
  readonly workerId: string;
  /** @internal */
  ownsStorage: boolean;
  private record: StudyRecord;
  private spaceCache: Space;
  private readonly logger: (message: string) => void;
  /**
   * Trials by number, kept current by refresh() from the storage's change cursor. It has
   * holes for the numbers other processes took since the last refresh; `trials` is dense.
   */
  private readonly cache: TrialRecord[] = [];
  /** Empty slots of `cache` below its length. */
  private holes = 0;
  /** `cache` without its holes, while it has some (rebuilt when a trial is stored). */
  private denseTrials: TrialRecord[] | null = null;
  private cursor = 0;
  private readonly trialSpend: Cost = {};
  private finishedCount = 0;
  private startedCount = 0;
  private queuedCount = 0;

  readonly pruner: Pruner | null;

  /** @internal use createStudy / loadStudy. */
  constructor(storage: Storage, record: StudyRecord, sampler: Sampler, logger: (message: string) => void, ownsStorage: boolean, pruner: Pruner | null = null) {
    this.pruner = pruner;
    this.storage = storage;
    this.record = record;
    this.name = record.name;
    this.objectives = record.objectives;
    this.sampler = sampler;
    this.logger = logger;
    this.ownsStorage = ownsStorage;
    this.spaceCache = Space.parse(record.space ?? {});
    this.workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  }

  /** The study's id in its storage. */
  get id(): number {
    return this.record.id;
  }

  /** The declared space (empty for a define-by-run study). */
  get space(): Space {
    return this.spaceCache;
  }

  get directions(): Direction[] {
    return this.objectives.map((o) => o.direction);
  }

  /** Reads trials changed in the storage since the last refresh (other processes' too). */
  async refresh(): Promise<void> {
    const { trials, cursor } = await this.storage.getTrialsChangedSince(this.record.id, this.cursor);
    this.cursor = cursor;
    for (const trial of trials) {
      const old = this.cache[trial.number];
      if (old) this.account(old, -1);
      this.store(trial);
      this.account(trial, +1);
    }
  }

  /** Puts a trial in `cache` at its number, keeping count of the holes. */
  private store(trial: TrialRecord): void {
    const number = trial.number;
    if (number >= this.cache.length) this.holes += number - this.cache.length;
    else if (this.cache[number] === undefined) this.holes--;
    this.cache[number] = trial;
    this.denseTrials = null;
  }

  /** Keeps spend and counts as running sums, so budgets cost O(changes) per check. */
  private account(trial: TrialRecord, sign: 1 | -1): void {
    if (trial.state !== "queued") this.startedCount += sign;
    else this.queuedCount += sign;
    if (trial.state === "complete" || trial.state === "failed" || trial.state === "pruned") {
      this.finishedCount += sign;
      addCost(this.trialSpend, trial.cost, sign);
    }
  }

  /**
   * Every trial of the study in number order (as of the last refresh), finished, running
   * and queued, without holes: a number another process took since the last refresh is
   * left out until the next one. What samplers and pruners see.
   */
  get trials(): readonly TrialRecord[] {
    if (this.holes === 0) return this.cache;
    this.denseTrials ??= this.cache.filter((trial) => trial !== undefined);
    return this.denseTrials;
  }

  /** @internal counts for budgets. */
  get counts(): { started: number; finished: number; trialSpend: Cost } {
    return { started: this.startedCount, finished: this.finishedCount, trialSpend: this.trialSpend };
  }

  /**
   * Starts a trial: an enqueued configuration first, else the sampler's proposal.
   * `heartbeat` marks it watched (optimize() does this) so it is failed if this process dies.
   * `trialLimit` starts it only while the study has started fewer trials, checked by the
   * storage atomically with the start (TrialLimitReachedError otherwise): processes sharing
   * a trial budget cannot overshoot it between their last refresh and the start.
   */
  async ask(options: { heartbeat?: boolean; signal?: AbortSignal; trialLimit?: number } = {}): Promise<Trial> {
    await this.refresh();
    const heartbeat = options.heartbeat ? Date.now() : null;
    // The refresh just read every queued trial, so when it saw none there is no claim to try
    // (one storage round trip saved; a trial queued since is claimed by the next ask).
    const trialLimit = options.trialLimit;
    if (trialLimit !== undefined && this.startedCount >= trialLimit) throw new TrialLimitReachedError(trialLimit);
    let record = this.queuedCount > 0 ? await this.storage.claimQueuedTrial(this.record.id, this.workerId, heartbeat, { trialLimit }) : null;
    if (!record) {
      const guess = this.cache.length;
      const proposal = await this.sampler.doAsk(this.samplerContext(guess));
      await this.chargeOptimizer(proposal.optimizerCost);
      record = await this.storage.createTrial(this.record.id, {
        state: "running",
        config: proposal.config,
        fidelity: proposal.fidelity ?? null,
        workerId: this.workerId,
        heartbeat,
        ...(proposal.userAttrs ? { userAttrs: proposal.userAttrs } : {}),
        ...(trialLimit !== undefined ? { trialLimit } : {}),
        ...(proposal.resumeFrom !== undefined ? { systemAttrs: { resumeFrom: proposal.resumeFrom } } : {}),
      });
      if (record.number !== guess) {
        // Another process took the number we proposed for: propose again for ours.
        await this.refresh();
        const again = await this.sampler.doAsk(this.samplerContext(record.number));
        await this.chargeOptimizer(again.optimizerCost);
        const systemAttrs = { resumeFrom: again.resumeFrom ?? null };
        await this.storage.updateTrial(record.id, { config: again.config, fidelity: again.fidelity ?? null, systemAttrs, ...(again.userAttrs ? { userAttrs: again.userAttrs } : {}) });
        record = { ...record, config: again.config, fidelity: again.fidelity ?? null, userAttrs: { ...record.userAttrs, ...again.userAttrs }, systemAttrs: { ...record.systemAttrs, ...systemAttrs } };
      }
    }
    if (!this.cache[record.number]) {
      // Seen before the next refresh, so counted now; refresh() replaces it and re-counts.
      this.store(record);
      this.account(record, +1);
    }
    return new Trial(record, this, options.signal ?? NEVER_ABORTED, this.resumePoint(record));
  }

  /**
   * The trial `record` continues (`systemAttrs.resumeFrom`, set from the optimizer's
   * proposal), when it is a complete trial of the same configuration; else null.
   */
  private resumePoint(record: TrialRecord): ResumePoint | null {
    const number = record.systemAttrs.resumeFrom;
    if (typeof number !== "number") return null;
    const from = this.cache[number];
    if (!from || from.state !== "complete" || !sameConfig(from.config, record.config)) return null;
    return { number, fidelity: from.fidelity, values: from.values, userAttrs: from.userAttrs };
  }

  /** Adds an optimizer's own spend to the ledger (and to the budget's running sum). */
  private async chargeOptimizer(cost: Cost | undefined): Promise<void> {
    if (!cost || Object.keys(cost).length === 0) return;
    await this.storage.addOptimizerCost(this.record.id, cost);
    this.record = { ...this.record, optimizerCost: sumCosts(this.record.optimizerCost, cost) };
  }

  private samplerContext(trialNumber: number): SamplerContext {
    return {
      space: this.spaceCache,
      objectives: this.objectives,
      trials: this.trials,
      trialNumber,
      rng: rngFor(this.sampler.seed, "sampler", trialNumber),
    };
  }

  /**
   * Finishes a trial with its result (see ObjectiveResult) or a failed/pruned outcome.
   * A result that cannot be read (NaN, missing objective, wrong count) fails the trial
   * with the reason; the study goes on.
   */
  async tell(trial: Trial | number, result: ObjectiveResult | TellOutcome): Promise<TrialRecord> {
    const handle = typeof trial === "number" ? null : trial;
    const id = handle ? handle.id : await this.trialId(trial as number);
    const number = handle ? handle.number : (trial as number);
    if (handle?.state.dirty) {
      await this.storage.updateTrial(id, { config: handle.state.config, params: handle.state.params });
      handle.state.dirty = false;
    }
    const extraCost = handle?.state.cost ?? {};
    let finished: TrialRecord;
    if (isOutcome(result)) {
      finished = await this.storage.finishTrial(id, { state: result.state, error: result.error ?? null, cost: sumCosts(extraCost, result.cost ? readCost(result.cost) : {}) });
    } else {
      try {
        const normalized = normalizeResult(result, this.objectives);
        if (Object.keys(normalized.userAttrs).length > 0) await this.storage.updateTrial(id, { userAttrs: normalized.userAttrs });
        finished = await this.storage.finishTrial(id, {
          state: "complete",
          values: normalized.values,
          cost: sumCosts(extraCost, normalized.cost),
          constraints: normalized.constraints,
        });
      } catch (error) {
        if (!(error instanceof InvalidResultError)) throw error;
        finished = await this.storage.finishTrial(id, { state: "failed", error: error.message, cost: extraCost });
      }
    }
    if (finished.state === "failed") {
      this.logger(`Trial ${number} failed with config ${JSON.stringify(finished.config)}: ${finished.error}`);
    }
    await this.refresh();
    return finished;
  }

  private async trialId(number: number): Promise<number> {
    const cached = this.cache[number] ?? (await this.storage.getTrial(this.record.id, number));
    if (!cached) throw new InvalidResultError(`study "${this.name}" has no trial ${number}`);
    return cached.id;
  }

  /** Queues a configuration to run before the sampler's proposals; returns its trial number. */
  async enqueue(config: Config, options: { fidelity?: Config; userAttrs?: Record<string, unknown> } = {}): Promise<number> {
    if (this.spaceCache.size > 0) this.spaceCache.validate(config, `enqueued config`);
    const record = await this.storage.createTrial(this.record.id, {
      state: "queued",
      config,
      fidelity: options.fidelity ?? null,
      userAttrs: options.userAttrs,
    });
    await this.refresh();
    return record.number;
  }

  /** The best feasible complete trial; for several objectives use bestTrials(). Throws when there is none. */
  bestTrial(): TrialRecord {
    if (this.objectives.length > 1) {
      throw new InvalidResultError(`study "${this.name}" has ${this.objectives.length} objectives: use bestTrials() for the Pareto set`);
    }
    const best = this.bestTrials()[0];
    if (!best) throw new InvalidResultError(`study "${this.name}" has no complete feasible trial yet`);
    return best;
  }

  /** The Pareto set of feasible complete trials (for one objective: the best trial, ties included). */
  bestTrials(): TrialRecord[] {
    return paretoFront(this.trials, this.objectives);
  }

  /** What was spent: by the trials (the system under test), by the optimizer, and in total, per cost name. */
  async spend(): Promise<{ trials: Cost; optimizer: Cost; total: Cost }> {
    await this.refresh();
    const fresh = await this.storage.getStudy(this.name);
    if (fresh) this.record = fresh;
    const trials: Cost = {};
    for (const trial of this.trials) addCost(trials, trial.cost);
    // Rounded to 12 digits: sums of prices carry float noise (usd 1.0000000000000007).
    return { trials: tidyCost(trials), optimizer: tidyCost(this.record.optimizerCost), total: tidyCost(sumCosts(trials, this.record.optimizerCost)) };
  }

  /** Runs `objective` until the budget is spent; see OptimizeOptions. */
  optimize(objective: ObjectiveFunction, options: OptimizeOptions = {}): Promise<OptimizeSummary> {
    return optimizeStudy(this, objective, options);
  }

  /** @internal */
  warn(message: string): void {
    this.logger(message);
  }

  /** @internal the optimizer's own spend as last read. */
  get optimizerCost(): Cost {
    return this.record.optimizerCost;
  }

  async setUserAttr(trial: Trial, key: string, value: unknown): Promise<void> {
    await this.storage.updateTrial(trial.id, { userAttrs: { [key]: value } });
  }

  async report(trial: Trial, step: number, value: number): Promise<void> {
    trial.state.intermediate[step] = value;
    await this.storage.updateTrial(trial.id, { intermediate: { [step]: value } });
  }

  shouldPrune(trial: Trial): boolean {
    if (!this.pruner) return false;
    const stored = this.cache[trial.number];
    if (!stored) return false;
    const view: TrialRecord = { ...stored, state: "running", config: trial.config, intermediate: { ...trial.state.intermediate } };
    return this.pruner.shouldPrune(view, this.trials, this.objectives);
  }

  /** @internal define-by-run: the value of a parameter for this trial, sampled on first use. */
  suggest(trial: Trial, name: string, param: Param): Value {
    Space.parse({ [name]: param }, { source: `suggest "${name}"` });
    const known = trial.state.params[name] ?? this.spaceCache.params[name];
    if (known && !sameParam(withoutWhen(known), withoutWhen(param))) throw new ParamMismatchError(name, known, param);
    if (name in trial.state.config) return trial.state.config[name];
    const ctx = this.samplerContext(trial.number);
    const value = this.sampler.doSampleParam
      ? this.sampler.doSampleParam(ctx, name, param)
      : sampleValue(param, rngFor(this.sampler.seed, "param", trial.number, name));
    trial.state.config[name] = value;
    trial.state.params[name] = param;
    trial.state.dirty = true;
    return value;
  }

  /** Closes the storage when the study opened it from a URL. */
  async close(): Promise<void> {
    if (this.ownsStorage) await this.storage.close();
  }
}

/** Same parameters with the same values, in any key order. */
function sameConfig(a: Config, b: Config): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

function withoutWhen(param: Param): Param {
  const { when: _when, ...rest } = param;
  return rest as Param;
}

function isOutcome(result: unknown): result is TellOutcome {
  return typeof result === "object" && result !== null && !Array.isArray(result) && "state" in result;
}
