import { configKey } from "../../fidelity/config-key.js";
import type { Config } from "../../space/index.js";
import type { TrialRecord } from "../../storage/spec.js";
import { RESEARCH_ACTIONS, type ResearchRecord, type TrajectoryStep } from "./spec.js";

/** The research record a trial carries in `userAttrs.research`, or undefined. */
export function readRecord(trial: TrialRecord): ResearchRecord | undefined {
  const record = trial?.userAttrs?.research as ResearchRecord | undefined;
  const ok =
    record !== null &&
    typeof record === "object" &&
    Number.isInteger(record.step) &&
    Number.isInteger(record.index) &&
    Number.isInteger(record.size) &&
    RESEARCH_ACTIONS.includes(record.action);
  return ok ? record : undefined;
}

/**
 * What this optimizer proposed, by trial number, for histories that do not keep user
 * attributes (the benchmark simulator): a cache, so it is used only for a trial whose
 * configuration is the one proposed. A trial's own record always wins.
 */
export class RecordMemo {
  private readonly byNumber = new Map<number, { config: Config; record: ResearchRecord }>();

  set(number: number, config: Config, record: ResearchRecord): void {
    this.byNumber.set(number, { config, record });
  }

  /** The trial's record: its own, else the remembered one when the configuration matches. */
  recordOf(trial: TrialRecord): ResearchRecord | undefined {
    const own = readRecord(trial);
    if (own) return own;
    const remembered = trial ? this.byNumber.get(trial.number) : undefined;
    if (!remembered) return undefined;
    // The simulator keeps the proposed object; a storage round trip gives an equal copy.
    return remembered.config === trial.config || configKey(remembered.config) === configKey(trial.config) ? remembered.record : undefined;
  }
}

/**
 * The last `count` steps (fewer at the start), read from the end of the trials backwards:
 * a step's trials follow its first one, so the scan stops at the trial before the oldest
 * step wanted. Cheap enough for every ask, unlike reading the whole trajectory.
 */
export function recentSteps(trials: readonly TrialRecord[], recordOf: (trial: TrialRecord) => ResearchRecord | undefined, count: number): TrajectoryStep[] {
  const suffix: TrialRecord[] = [];
  const seen = new Set<number>();
  for (let i = trials.length - 1; i >= 0; i--) {
    const record = recordOf(trials[i]);
    if (!record) continue;
    if (!seen.has(record.step)) {
      if (seen.size === count) break;
      seen.add(record.step);
    }
    suffix.push(trials[i]);
  }
  return collectSteps(suffix.reverse(), recordOf);
}

/**
 * The research trajectory of a study: its steps in order, each with the decision (action,
 * reasoning, hypotheses, policy, templates, cost, folded hypothesize notes, state digest)
 * and the trials it ran. Rebuilt from the trials' `userAttrs.research`, so it works on any
 * stored study, e.g. for reports and the dashboard. Trials without a record are skipped.
 *
 * @example
 * for (const step of trajectory(study.trials)) console.log(step.step, step.action, step.reasoning);
 */
export function trajectory(trials: readonly TrialRecord[]): TrajectoryStep[] {
  return collectSteps(trials, readRecord);
}

/** `trajectory` with a chosen way of reading a trial's record. */
export function collectSteps(trials: readonly TrialRecord[], recordOf: (trial: TrialRecord) => ResearchRecord | undefined): TrajectoryStep[] {
  const steps = new Map<number, { step: TrajectoryStep; indexed: { index: number; number: number }[] }>();
  for (const trial of trials) {
    const record = recordOf(trial);
    if (!record) continue;
    let entry = steps.get(record.step);
    if (!entry) {
      entry = { step: stepOf(record), indexed: [] };
      steps.set(record.step, entry);
    }
    // The step's first trial holds the whole decision (plan, cost, notes).
    if (record.index === 0) entry.step = stepOf(record);
    entry.indexed.push({ index: record.index, number: trial.number });
  }
  return [...steps.values()]
    .map(({ step, indexed }) => ({ ...step, trials: indexed.sort((a, b) => a.index - b.index || a.number - b.number).map((i) => i.number) }))
    .sort((a, b) => a.step - b.step);
}

function stepOf(record: ResearchRecord): TrajectoryStep {
  const { index: _index, size: _size, item: _item, ...decision } = record;
  return { ...decision, plan: record.plan ?? [], trials: [] };
}
