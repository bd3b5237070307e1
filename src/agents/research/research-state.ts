import type { FidelityLevels } from "../../fidelity/index.js";
import { rungCandidates } from "../../fidelity/asynchronous-rungs.js";
import { rankDistinct } from "../../fidelity/rank-trials.js";
import { isFinished, trialsByLevel } from "../../fidelity/trials-by-level.js";
import { rngFor } from "../../math/index.js";
import type { SamplerContext } from "../../samplers/spec.js";
import { addCost, type Cost, type TrialRecord } from "../../storage/index.js";
import { levelAgreement } from "./level-agreement.js";
import { budgetedCostName, levelSpend } from "./level-spend.js";
import type { LevelState, ResearchState, StateDigest, StepSummary, TrialSummary } from "./spec.js";

/** Ratio of successive halving: a level keeps its top 1/ETA for promotion. */
export const ETA = 3;
const BEST_SHOWN = 5;

export interface StateInput {
  ctx: SamplerContext;
  levels: FidelityLevels;
  seed: number;
  step: number;
  call: number;
  mayHypothesize: boolean;
  costName: string | null;
  budgetShare: number;
  hypotheses: string[];
  history: StepSummary[];
}

/** Builds what a policy sees from the study's trials: per level runs, spend, best and promotable trials, agreement. */
export function researchState(input: StateInput): ResearchState {
  const { ctx, levels } = input;
  const byLevel = trialsByLevel(ctx.trials, levels);
  const costName = budgetedCostName(ctx.trials, input.costName);
  const spent = levelSpend(byLevel, levels, costName);
  const top = levels.count - 1;
  const levelStates: LevelState[] = levels.levels.map((level, index) => {
    const trials = byLevel[index];
    return {
      index,
      fidelity: level.fidelity,
      resource: level.resource,
      complete: trials.filter((t) => t.state === "complete").length,
      running: trials.filter((t) => t.state === "running").length,
      failed: trials.filter((t) => t.state === "failed" || t.state === "pruned").length,
      spent: spent[index],
      cost: finishedCost(trials),
      best: rankDistinct(trials, ctx.objectives).slice(0, BEST_SHOWN).map(summary),
      candidates: index === top ? [] : rungCandidates(byLevel, index, ETA, ctx.objectives).map(summary),
    };
  });
  const total = spent.reduce((a, b) => a + b, 0);
  return {
    step: input.step,
    trialNumber: ctx.trialNumber,
    seed: input.seed,
    call: input.call,
    mayHypothesize: input.mayHypothesize,
    space: ctx.space,
    objectives: ctx.objectives,
    levels: levelStates,
    agreement: levelAgreement(byLevel, levels),
    incumbent: levelStates[top].best[0] ?? null,
    costName,
    topShare: total > 0 ? spent[top] / total : 0,
    budgetShare: input.budgetShare,
    eta: ETA,
    maxBatch: Math.max(9, Math.min(81, ETA ** top)),
    hypotheses: input.hypotheses,
    history: input.history,
    byLevel,
    rng: rngFor(input.seed, "research-policy", ctx.trialNumber, input.call),
  };
}

/** The state in brief, kept in the step's record. */
export function digestOf(state: ResearchState): StateDigest {
  return {
    levels: state.levels.map((level) => ({ index: level.index, complete: level.complete, best: level.best[0]?.value ?? null, spent: level.spent })),
    agreement: state.agreement.map((a) => ({ level: a.level, pairs: a.top.pairs, spearman: a.top.spearman, verdict: a.verdict })),
    topShare: state.topShare,
  };
}

function summary(trial: TrialRecord): TrialSummary {
  return { number: trial.number, value: trial.values![0], config: trial.config };
}

function finishedCost(trials: readonly TrialRecord[]): Cost {
  const total: Cost = {};
  for (const trial of trials) if (isFinished(trial)) addCost(total, trial.cost);
  return total;
}
