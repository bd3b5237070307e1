import type { Prediction, ResearchState } from "./spec.js";

/**
 * Cross-fidelity extrapolation: for each level that agrees with the top (see
 * `levelAgreement`), its promotable trials' top-level values as predicted by the level's
 * linear map onto the top (fitted by `fidelityCorrelation` on configurations seen at both).
 * A prediction is kept when, one residual standard deviation optimistic, it could beat the
 * best top-level result so far. Best predicted first (ties: lower trial number). Only with
 * one objective: the map is of the first objective.
 */
export function extrapolate(state: ResearchState): Prediction[] {
  if (state.objectives.length !== 1) return [];
  const sign = state.objectives[0].direction === "maximize" ? -1 : 1;
  const incumbent = state.incumbent ? sign * state.incumbent.value : Infinity;
  const out: (Prediction & { loss: number })[] = [];
  for (const agreement of state.agreement) {
    const { slope, intercept, residualSd } = agreement.top;
    if (agreement.verdict !== "agrees" || slope === null || intercept === null) continue;
    for (const candidate of state.levels[agreement.level].candidates) {
      const predicted = intercept + slope * candidate.value;
      const loss = sign * predicted;
      if (loss - (residualSd ?? 0) > incumbent) continue;
      out.push({ trial: candidate.number, level: agreement.level, value: candidate.value, predicted, loss });
    }
  }
  out.sort((a, b) => a.loss - b.loss || a.trial - b.trial);
  return out.map(({ loss: _loss, ...prediction }) => prediction);
}
