import type { Config } from "../../space/index.js";
import type { Cost, TrialRecord } from "../../storage/index.js";

/** How a round's batch was made. */
export type AllocationPhase = "initial" | "agent" | "fallback";

/** Why a candidate never ran. */
export type DropReason = "invalid" | "over_budget" | "duplicate" | "beyond_batch";

/** A candidate that was proposed and dropped before it ran. */
export interface DroppedCandidate {
  /** The candidate as proposed (the LLM's JSON, or a config). */
  allocation: unknown;
  reason: DropReason;
  detail: string;
}

/**
 * One round: a batch of screened candidates handed out one per trial. It is stored whole on
 * the round's first trial, so a resumed study reads it back instead of paying for it again.
 */
export interface RoundPlan {
  round: number;
  phase: AllocationPhase;
  /** Candidates that passed screening, in the order they are handed out. */
  batch: Config[];
  /** The running experience summary after this round (null before the first agent round). */
  experience: string | null;
  /** Candidates dropped while making the batch. */
  dropped: DroppedCandidate[];
  /** Ids of the prompt templates used (e.g. "allocation/propose.v1"). */
  templates: string[];
  /** The LLM's own explanation of the batch, when it gave one. */
  reasoning?: string;
  /** Why the batch is a fallback, or why the experience was not updated. */
  notes: string[];
  /** LLM requests made for this round and what they cost. */
  calls: number;
  cost: Cost;
}

/** `userAttrs.allocation` of a trial the agent proposed. */
export interface AllocationRecord {
  round: number;
  phase: AllocationPhase;
  /** Index of this trial's candidate in the round's batch. */
  candidateIndex: number;
  /** Planned compute of the allocation, and the budget it had to fit. */
  compute: number;
  budget: number;
  /** Dropped candidates: the round's (on its first trial) and duplicates skipped for this trial. */
  dropped: DroppedCandidate[];
  templates: string[];
  /** On the round's first trial only: the whole round, so it can be read back. */
  experience?: string | null;
  batch?: Config[];
  reasoning?: string;
  notes?: string[];
  calls?: number;
  cost?: Cost;
}

/** The round in progress, as read from the trials. */
export interface CurrentRound {
  plan: RoundPlan;
  /** The highest batch index handed out so far. */
  lastIndex: number;
}

/** What the trials before the one being proposed say about the agent's rounds. */
export interface Trajectory {
  current: CurrentRound | null;
  /** Number of the first trial of each round, by round. */
  roundStarts: Map<number, number>;
}

/** The agent's record on a trial, or null when another optimizer (or `enqueue`) made it. */
export function allocationRecordOf(trial: TrialRecord): AllocationRecord | null {
  const record = trial.userAttrs?.allocation as Partial<AllocationRecord> | undefined;
  if (!record || typeof record !== "object" || typeof record.round !== "number" || typeof record.candidateIndex !== "number") return null;
  return record as AllocationRecord;
}

/** Reads the rounds recorded on the trials numbered below `before`. */
export function readTrajectory(trials: readonly TrialRecord[], before: number): Trajectory {
  const roundStarts = new Map<number, number>();
  let current: CurrentRound | null = null;
  for (const trial of trials) {
    if (trial.number >= before) continue;
    const record = allocationRecordOf(trial);
    if (!record) continue;
    if (Array.isArray(record.batch)) {
      roundStarts.set(record.round, trial.number);
      if (!current || record.round >= current.plan.round) current = { plan: planOf(record), lastIndex: record.candidateIndex };
    } else if (current && record.round === current.plan.round) {
      current.lastIndex = Math.max(current.lastIndex, record.candidateIndex);
    }
  }
  return { current, roundStarts };
}

function planOf(record: AllocationRecord): RoundPlan {
  return {
    round: record.round,
    phase: record.phase,
    batch: record.batch ?? [],
    experience: record.experience ?? null,
    dropped: record.dropped ?? [],
    templates: record.templates ?? [],
    ...(record.reasoning !== undefined ? { reasoning: record.reasoning } : {}),
    notes: record.notes ?? [],
    calls: record.calls ?? 0,
    cost: record.cost ?? {},
  };
}
