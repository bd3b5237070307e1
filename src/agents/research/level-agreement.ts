import { fidelityCorrelation, type FidelityLevels, type LevelCorrelation } from "../../fidelity/index.js";
import type { TrialRecord } from "../../storage/spec.js";
import type { LevelAgreement, Verdict } from "./spec.js";

/** Configurations seen at a level and at the top before the level gets a verdict. */
export const MIN_PAIRS = 5;
/** Spearman correlation with the top from which a level agrees with it, and under which it misleads. */
export const AGREES = 0.5;
export const MISLEADS = 0.2;

/**
 * How each level below the top ranks configurations compared with the top level and with
 * the next level up (Spearman over configurations complete at both; `fidelityCorrelation`),
 * with a verdict on the top comparison (see `verdictOf`).
 */
export function levelAgreement(byLevel: readonly (readonly TrialRecord[])[], levels: FidelityLevels): LevelAgreement[] {
  const top = fidelityCorrelation(byLevel.flat(), levels);
  return top.map((vsTop, level) => {
    // Only the two levels compared are passed: correlating every level against every other would cost far more.
    const next = level + 1 === levels.count - 1 ? vsTop : fidelityCorrelation([...byLevel[level], ...byLevel[level + 1]], levels, { target: level + 1 })[level];
    return { level, top: vsTop, next, verdict: verdictOf(vsTop) };
  });
}

/**
 * The verdict on one comparison with the top: `agrees` (rho >= 0.5), `weak` (>= 0.2),
 * `misleads` (< 0.2) over at least five pairs, else `unknown`.
 */
export function verdictOf(correlation: LevelCorrelation): Verdict {
  if (correlation.pairs < MIN_PAIRS || correlation.spearman === null) return "unknown";
  if (correlation.spearman >= AGREES) return "agrees";
  return correlation.spearman >= MISLEADS ? "weak" : "misleads";
}
