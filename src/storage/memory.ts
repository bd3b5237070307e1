import { DuplicateStudyError, TrialLimitReachedError, TrialNotRunningError } from "./errors.js";
import { addCost } from "./cost.js";
import { cloneTrial, failStale, isStale, finishedRecord, newStudyRecord, newTrialRecord } from "./records.js";
import type {
  ClaimOptions,
  Cost,
  CreateStudyInput,
  CreateTrialInput,
  FinishTrialInput,
  StaleTrialOptions,
  Storage,
  StudyRecord,
  TrialPatch,
  TrialRecord,
} from "./spec.js";
import type { SpaceDefinition } from "../space/index.js";

/**
 * Storage in this process's memory: fastest, gone when the process ends. Records are
 * copied in and out so callers cannot change stored state by mutation.
 */
export class MemoryStorage implements Storage {
  private readonly studies = new Map<string, StudyRecord>();
  private readonly trials = new Map<number, TrialRecord[]>();
  private readonly byId = new Map<number, TrialRecord>();
  /** Per study: trials in the order they were written, with the counter of each write, for getTrialsChangedSince. */
  private readonly changes = new Map<number, { seq: number; trial: TrialRecord }[]>();
  /** Per study: queued trials, oldest first (entries no longer queued are skipped on claim). */
  private readonly queued = new Map<number, TrialRecord[]>();
  private readonly runningTrials = new Set<TrialRecord>();
  /** Per study: trials started (created running or claimed), for trial limits. */
  private readonly started = new Map<number, number>();
  private counter = 0;
  private nextStudyId = 1;
  private nextTrialId = 1;

  async createStudy(input: CreateStudyInput): Promise<StudyRecord> {
    if (this.studies.has(input.name)) throw new DuplicateStudyError(input.name);
    const study = newStudyRecord(this.nextStudyId++, input, Date.now());
    this.studies.set(study.name, study);
    this.trials.set(study.id, []);
    this.changes.set(study.id, []);
    this.queued.set(study.id, []);
    this.started.set(study.id, 0);
    return structuredClone(study);
  }

  async getStudy(name: string): Promise<StudyRecord | null> {
    const study = this.studies.get(name);
    return study ? structuredClone(study) : null;
  }

  async listStudies(): Promise<StudyRecord[]> {
    return [...this.studies.values()].map((s) => structuredClone(s));
  }

  async deleteStudy(name: string): Promise<void> {
    const study = this.studies.get(name);
    if (!study) return;
    this.studies.delete(name);
    for (const trial of this.trials.get(study.id) ?? []) {
      this.byId.delete(trial.id);
      this.runningTrials.delete(trial);
    }
    this.trials.delete(study.id);
    this.changes.delete(study.id);
    this.queued.delete(study.id);
    this.started.delete(study.id);
  }

  async setStudySpace(studyId: number, space: SpaceDefinition): Promise<void> {
    this.studyById(studyId).space = structuredClone(space);
  }

  async setStudyUserAttr(studyId: number, key: string, value: unknown): Promise<void> {
    this.studyById(studyId).userAttrs[key] = structuredClone(value);
  }

  async addOptimizerCost(studyId: number, cost: Cost): Promise<void> {
    addCost(this.studyById(studyId).optimizerCost, cost);
  }

  async createTrial(studyId: number, input: CreateTrialInput): Promise<TrialRecord> {
    const list = this.trialsOf(studyId);
    if (input.state === "running") this.start(studyId, input.trialLimit);
    const trial = cloneTrial(newTrialRecord(this.nextTrialId++, studyId, list.length, input, Date.now()));
    list.push(trial);
    this.byId.set(trial.id, trial);
    if (trial.state === "queued") this.queued.get(studyId)!.push(trial);
    this.touch(trial);
    return cloneTrial(trial);
  }

  async claimQueuedTrial(studyId: number, workerId: string, heartbeat: number | null, options: ClaimOptions = {}): Promise<TrialRecord | null> {
    this.trialsOf(studyId);
    const queue = this.queued.get(studyId)!;
    while (queue.length > 0 && queue[0].state !== "queued") queue.shift();
    if (queue.length === 0) return null;
    this.start(studyId, options.trialLimit);
    const trial = queue.shift()!;
    Object.assign(trial, { state: "running", workerId, heartbeat, startedAt: Date.now() });
    this.touch(trial);
    return cloneTrial(trial);
  }

  async updateTrial(trialId: number, patch: TrialPatch): Promise<void> {
    const trial = this.running(trialId);
    const copy = structuredClone(patch);
    if (copy.intermediate) copy.intermediate = { ...trial.intermediate, ...copy.intermediate };
    if (copy.userAttrs) copy.userAttrs = { ...trial.userAttrs, ...copy.userAttrs };
    if (copy.systemAttrs) copy.systemAttrs = { ...trial.systemAttrs, ...copy.systemAttrs };
    if (copy.params) copy.params = { ...trial.params, ...copy.params };
    Object.assign(trial, copy);
    this.touch(trial);
  }

  async finishTrial(trialId: number, input: FinishTrialInput): Promise<TrialRecord> {
    const trial = this.running(trialId);
    const copy = { ...input, values: input.values && [...input.values], constraints: input.constraints && [...input.constraints] };
    Object.assign(trial, finishedRecord(trial, copy, Date.now()));
    this.touch(trial);
    return cloneTrial(trial);
  }

  async heartbeat(workerId: string, now: number): Promise<void> {
    for (const trial of this.runningTrials) if (trial.workerId === workerId) trial.heartbeat = now;
  }

  async getTrial(studyId: number, number: number): Promise<TrialRecord | null> {
    const trial = this.trialsOf(studyId)[number];
    return trial ? cloneTrial(trial) : null;
  }

  async getTrials(studyId: number): Promise<TrialRecord[]> {
    return this.trialsOf(studyId).map(cloneTrial);
  }

  async getTrialsChangedSince(studyId: number, cursor: number): Promise<{ trials: TrialRecord[]; cursor: number }> {
    this.trialsOf(studyId);
    const log = this.changes.get(studyId)!;
    // Binary search for the first write after the cursor; a trial written twice is sent once.
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (log[mid].seq > cursor) hi = mid;
      else lo = mid + 1;
    }
    const changed = new Set<TrialRecord>();
    for (let i = lo; i < log.length; i++) changed.add(log[i].trial);
    const trials = [...changed].sort((a, b) => a.number - b.number).map(cloneTrial);
    return { trials, cursor: this.counter };
  }

  async failStaleTrials(studyId: number, options: StaleTrialOptions): Promise<TrialRecord[]> {
    const failed: TrialRecord[] = [];
    this.trialsOf(studyId);
    for (const trial of [...this.runningTrials]) {
      if (trial.studyId !== studyId || !isStale(trial, options)) continue;
      const { failure, retry } = failStale(trial, options);
      Object.assign(trial, failure);
      this.touch(trial);
      failed.push(cloneTrial(trial));
      if (retry) await this.createTrial(studyId, retry);
    }
    return failed;
  }

  async close(): Promise<void> {}

  /** Counts a trial starting, or throws when the study's limit is reached. */
  private start(studyId: number, limit: number | undefined): void {
    const started = this.started.get(studyId)!;
    if (limit !== undefined && started >= limit) throw new TrialLimitReachedError(limit);
    this.started.set(studyId, started + 1);
  }

  private touch(trial: TrialRecord): void {
    const seq = ++this.counter;
    const log = this.changes.get(trial.studyId)!;
    log.push({ seq, trial });
    // Keep the log at most a few writes per trial: drop entries superseded by later writes.
    if (log.length > 64 && log.length > 4 * this.trialsOf(trial.studyId).length) this.compact(log);
    if (trial.state === "running") this.runningTrials.add(trial);
    else this.runningTrials.delete(trial);
  }

  private compact(log: { seq: number; trial: TrialRecord }[]): void {
    const last = new Map<TrialRecord, number>();
    for (const entry of log) last.set(entry.trial, entry.seq);
    const kept = log.filter((entry) => last.get(entry.trial) === entry.seq);
    log.length = 0;
    log.push(...kept);
  }

  private studyById(studyId: number): StudyRecord {
    for (const study of this.studies.values()) if (study.id === studyId) return study;
    throw new Error(`no study with id ${studyId}`);
  }

  private trialsOf(studyId: number): TrialRecord[] {
    const list = this.trials.get(studyId);
    if (!list) throw new Error(`no study with id ${studyId}`);
    return list;
  }

  private running(trialId: number): TrialRecord {
    const trial = this.byId.get(trialId);
    if (!trial) throw new Error(`no trial with id ${trialId}`);
    if (trial.state !== "running") throw new TrialNotRunningError(trial.number, trial.state);
    return trial;
  }
}
