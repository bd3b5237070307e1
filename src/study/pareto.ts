import { paretoFrontIndices } from "../math/index.js";
import type { Objective, TrialRecord } from "../storage/index.js";

/**
 * The best complete trials: the feasible ones (all constraints <= 0) that no other
 * feasible trial dominates. With one objective that is the best trial (ties included).
 */
export function paretoFront(trials: readonly TrialRecord[], objectives: readonly Objective[]): TrialRecord[] {
  const candidates = trials.filter(
    (t) => t.state === "complete" && t.values !== null && (t.constraints === null || t.constraints.every((c) => c <= 0)),
  );
  if (objectives.length === 1) {
    // One objective: a linear scan instead of the quadratic front.
    const sign = objectives[0].direction === "maximize" ? -1 : 1;
    let best = Infinity;
    for (const t of candidates) best = Math.min(best, sign * t.values![0]);
    return candidates.filter((t) => sign * t.values![0] === best);
  }
  const losses = candidates.map((t) => t.values!.map((v, i) => (objectives[i].direction === "maximize" ? -v : v)));
  return paretoFrontIndices(losses).map((i) => candidates[i]);
}
