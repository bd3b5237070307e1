import { checkStudyInput } from "./check-study-input.js";
import type { StaleTrialOptions, CreateStudyInput, CreateTrialInput, FinishTrialInput, StudyRecord, TrialRecord } from "./spec.js";

/**
 * Record-building rules shared by every storage, so the backends differ only in how
 * they keep records, not in what a record holds.
 */

/** A new study's record; throws ValidationError for a name or objectives no storage should keep. */
export function newStudyRecord(id: number, input: CreateStudyInput, now: number): StudyRecord {
  checkStudyInput(input);
  return {
    id,
    name: input.name,
    objectives: input.objectives,
    space: input.space,
    userAttrs: input.userAttrs ?? {},
    systemAttrs: input.systemAttrs ?? {},
    optimizerCost: {},
    createdAt: now,
  };
}

export function newTrialRecord(id: number, studyId: number, number: number, input: CreateTrialInput, now: number): TrialRecord {
  return {
    id,
    studyId,
    number,
    state: input.state,
    config: input.config,
    params: input.params ?? {},
    fidelity: input.fidelity ?? null,
    values: null,
    intermediate: {},
    cost: {},
    constraints: null,
    userAttrs: input.userAttrs ?? {},
    systemAttrs: input.systemAttrs ?? {},
    error: null,
    workerId: input.workerId ?? null,
    heartbeat: input.heartbeat ?? null,
    retries: input.retries ?? 0,
    createdAt: now,
    startedAt: input.state === "running" ? now : null,
    completedAt: null,
  };
}

/** The fields a finish changes. */
export function finishedRecord(trial: TrialRecord, input: FinishTrialInput, now: number): Partial<TrialRecord> {
  return {
    state: input.state,
    values: input.values ?? null,
    cost: { ...trial.cost, ...(input.cost ?? {}) },
    constraints: input.constraints ?? null,
    error: input.error ?? null,
    intermediate: { ...trial.intermediate, ...(input.intermediate ?? {}) },
    completedAt: now,
  };
}

/** True when a running trial's worker is gone: in `deadWorkers`, or silent past the timeout. */
export function isStale(trial: TrialRecord, options: StaleTrialOptions): boolean {
  if (trial.state !== "running") return false;
  if (trial.workerId !== null && options.deadWorkers?.includes(trial.workerId)) return true;
  return trial.heartbeat !== null && trial.heartbeat < options.now - options.timeoutMs;
}

/** How a trial whose worker went silent is failed, and the queued retry, if any is left. */
export function failStale(
  trial: TrialRecord,
  options: StaleTrialOptions,
): { failure: Partial<TrialRecord>; retry: CreateTrialInput | null } {
  const canRetry = trial.retries < options.maxRetries;
  const dead = trial.workerId !== null && options.deadWorkers?.includes(trial.workerId);
  const why = dead
    ? `worker ${trial.workerId} is gone (its process no longer exists)`
    : `worker ${trial.workerId ?? "?"} stopped sending heartbeats (silent for ${((options.now - (trial.heartbeat ?? options.now)) / 1000).toFixed(1)} s)`;
  const failure: Partial<TrialRecord> = {
    state: "failed",
    error: `${why}${canRetry ? "; configuration re-queued" : ""}`,
    completedAt: options.now,
  };
  const retry: CreateTrialInput | null = canRetry
    ? {
        state: "queued",
        config: trial.config,
        params: trial.params,
        fidelity: trial.fidelity,
        retries: trial.retries + 1,
        systemAttrs: { ...trial.systemAttrs, retriedFrom: trial.number },
        userAttrs: trial.userAttrs,
      }
    : null;
  return { failure, retry };
}

/**
 * A deep copy of a trial record, much faster than structuredClone for the common case:
 * configs, values and costs are flat; nested attributes are cloned only when present.
 */
export function cloneTrial(t: TrialRecord): TrialRecord {
  return {
    ...t,
    config: { ...t.config },
    params: isEmpty(t.params) ? {} : structuredClone(t.params),
    fidelity: t.fidelity ? { ...t.fidelity } : null,
    values: t.values ? [...t.values] : null,
    intermediate: { ...t.intermediate },
    cost: { ...t.cost },
    constraints: t.constraints ? [...t.constraints] : null,
    userAttrs: isEmpty(t.userAttrs) ? {} : structuredClone(t.userAttrs),
    systemAttrs: isEmpty(t.systemAttrs) ? {} : structuredClone(t.systemAttrs),
  };
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}
