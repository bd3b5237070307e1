/**
 * The Storage interface: where studies and trials live. Implementations (memory,
 * SQLite, PostgreSQL) share one conformance suite in `knobs/testing`. Types only.
 */
import type { Config, Param, SpaceDefinition } from "../space/index.js";

export type Direction = "minimize" | "maximize";

export interface Objective {
  name: string;
  direction: Direction;
}

export type TrialState = "queued" | "running" | "complete" | "failed" | "pruned";

/** Named non-negative amounts: `usd`, `input_tokens`, `latency_ms`, `gpu_hours`, or any task-specific name. */
export type Cost = Record<string, number>;

export interface StudyRecord {
  id: number;
  name: string;
  objectives: Objective[];
  /** The declared space, or null for a define-by-run study. */
  space: SpaceDefinition | null;
  userAttrs: Record<string, unknown>;
  systemAttrs: Record<string, unknown>;
  /** What optimizers themselves spent (e.g. LLM-guided optimizers' calls), apart from trial costs. */
  optimizerCost: Cost;
  createdAt: number;
}

export interface TrialRecord {
  id: number;
  studyId: number;
  /** 0, 1, 2, ... within the study; never repeats. */
  number: number;
  state: TrialState;
  config: Config;
  /** Parameters suggested define-by-run, with their declarations. */
  params: Record<string, Param>;
  fidelity: Config | null;
  /** One value per objective, in the study's objective order; null until complete. */
  values: number[] | null;
  intermediate: Record<number, number>;
  cost: Cost;
  /** Constraint values; feasible when every one is <= 0. */
  constraints: number[] | null;
  userAttrs: Record<string, unknown>;
  systemAttrs: Record<string, unknown>;
  /** Why the trial failed or was pruned. */
  error: string | null;
  workerId: string | null;
  /** Last sign of life (ms since epoch) from the worker running it; null when not watched. */
  heartbeat: number | null;
  /** How many times this configuration was re-queued after its worker died. */
  retries: number;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
}

export interface CreateStudyInput {
  name: string;
  objectives: Objective[];
  space: SpaceDefinition | null;
  userAttrs?: Record<string, unknown>;
  systemAttrs?: Record<string, unknown>;
}

export interface CreateTrialInput {
  state: "queued" | "running";
  config: Config;
  params?: Record<string, Param>;
  fidelity?: Config | null;
  workerId?: string | null;
  heartbeat?: number | null;
  retries?: number;
  userAttrs?: Record<string, unknown>;
  systemAttrs?: Record<string, unknown>;
  /**
   * For a running trial: create it only while the study has started (created running, or
   * claimed) fewer trials than this, else throw TrialLimitReachedError. Checked in the same
   * atomic step as the insert, so processes sharing a trial budget never start more.
   */
  trialLimit?: number;
}

/** Options of claimQueuedTrial. */
export interface ClaimOptions {
  /** Claim only while the study has started fewer trials than this (see CreateTrialInput.trialLimit). */
  trialLimit?: number;
}

/** Fields of a running trial that may change before it finishes. */
export interface TrialPatch {
  config?: Config;
  fidelity?: Config | null;
  params?: Record<string, Param>;
  intermediate?: Record<number, number>;
  userAttrs?: Record<string, unknown>;
  systemAttrs?: Record<string, unknown>;
  heartbeat?: number;
  cost?: Cost;
}

export interface FinishTrialInput {
  state: "complete" | "failed" | "pruned";
  values?: number[] | null;
  cost?: Cost;
  constraints?: number[] | null;
  error?: string | null;
  intermediate?: Record<number, number>;
}

export interface StaleTrialOptions {
  now: number;
  timeoutMs: number;
  maxRetries: number;
  deadWorkers?: readonly string[];
}

export interface Storage {
  /** Creates a study; throws DuplicateStudyError when the name is taken. */
  createStudy(input: CreateStudyInput): Promise<StudyRecord>;
  /** The study of that name, or null. */
  getStudy(name: string): Promise<StudyRecord | null>;
  listStudies(): Promise<StudyRecord[]>;
  deleteStudy(name: string): Promise<void>;
  setStudySpace(studyId: number, space: SpaceDefinition): Promise<void>;
  setStudyUserAttr(studyId: number, key: string, value: unknown): Promise<void>;
  /** Adds to the optimizer's own spend, atomically. */
  addOptimizerCost(studyId: number, cost: Cost): Promise<void>;

  /** Adds a trial with the next free number, atomically across processes. */
  createTrial(studyId: number, input: CreateTrialInput): Promise<TrialRecord>;
  /**
   * Moves the oldest queued trial to running for this worker, or returns null; no two workers
   * get the same one. Throws TrialLimitReachedError when `trialLimit` trials have started.
   */
  claimQueuedTrial(studyId: number, workerId: string, heartbeat: number | null, options?: ClaimOptions): Promise<TrialRecord | null>;
  /** Changes a running trial; throws TrialNotRunningError when it has finished. */
  updateTrial(trialId: number, patch: TrialPatch): Promise<void>;
  /** Finishes a running trial; throws TrialNotRunningError when it is not running. */
  finishTrial(trialId: number, input: FinishTrialInput): Promise<TrialRecord>;
  /** Refreshes the heartbeat of every running trial of a worker. */
  heartbeat(workerId: string, now: number): Promise<void>;
  getTrial(studyId: number, number: number): Promise<TrialRecord | null>;
  /** All trials of the study in number order. */
  getTrials(studyId: number): Promise<TrialRecord[]>;
  /**
   * Trials changed after `cursor` and the new cursor: lets a study keep its cache
   * current without reading every trial again.
   */
  getTrialsChangedSince(studyId: number, cursor: number): Promise<{ trials: TrialRecord[]; cursor: number }>;
  /**
   * Fails running trials whose heartbeat is older than `now - timeoutMs`, with the
   * reason, and re-queues their configuration when `retries` allows. Returns the failed trials.
   * Trials of `deadWorkers` (workers known to be gone) are failed whatever their heartbeat.
   */
  failStaleTrials(studyId: number, options: StaleTrialOptions): Promise<TrialRecord[]>;
  close(): Promise<void>;
}
