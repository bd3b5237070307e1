import { CostModel, type FidelityLevels } from "../../fidelity/index.js";
import { isFinished } from "../../fidelity/trials-by-level.js";
import type { TrialRecord } from "../../storage/spec.js";

/**
 * The cost the research weighs levels by: `costName` when given, else the first cost a
 * finished trial reports (in trial order, so every process picks the same), else null
 * (levels are then weighed by their resource).
 */
export function budgetedCostName(trials: readonly TrialRecord[], costName: string | null): string | null {
  if (costName) return costName;
  for (const trial of trials) {
    if (!isFinished(trial)) continue;
    for (const [name, amount] of Object.entries(trial.cost)) if (Number.isFinite(amount) && amount > 0) return name;
  }
  return null;
}

/**
 * Spend at each level: the budgeted cost of finished trials plus the predicted cost of
 * running ones (the schedulers' `CostModel`), or, without a cost, trials x the level's resource.
 */
export function levelSpend(byLevel: readonly (readonly TrialRecord[])[], levels: FidelityLevels, costName: string | null): number[] {
  if (!costName) return byLevel.map((trials, level) => trials.length * levels.levels[level].resource);
  const model = new CostModel(byLevel, levels, costName);
  return byLevel.map((trials, level) => model.used(trials, level));
}
