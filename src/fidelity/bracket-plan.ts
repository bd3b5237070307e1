/**
 * Bracket plans of successive halving and Hyperband: how many configurations each rung of
 * a bracket holds and at which level. Pure arithmetic; knows nothing of trials.
 */

/** One bracket: rung j runs `sizes[j]` configurations at level `base + j`. */
export interface BracketPlan {
  /** Hyperband's bracket index s: the bracket has s + 1 rungs. */
  s: number;
  /** Level index of the first rung. */
  base: number;
  /** Planned configurations per rung, first rung first. */
  sizes: number[];
}

/** floor(x) that forgives the rounding error of x = n / eta^j computed in floating point. */
function floorish(x: number): number {
  return Math.floor(x + 1e-9);
}

/**
 * Successive halving over `levels` levels (Jamieson & Talwalkar 2016): `n` configurations at
 * the lowest level, then the top floor(n / eta^j) at level j, never fewer than one so that
 * every bracket reaches the top level. Default n = eta^(levels - 1), rounded up.
 *
 * @example
 * successiveHalvingPlan(4, 3).sizes; // [27, 9, 3, 1]
 */
export function successiveHalvingPlan(levels: number, eta: number, n?: number): BracketPlan {
  const first = n ?? Math.ceil(eta ** (levels - 1) - 1e-9);
  const sizes = Array.from({ length: levels }, (_, j) => Math.max(1, floorish(first / eta ** j)));
  return { s: levels - 1, base: 0, sizes };
}

/**
 * The brackets of Hyperband (Li et al. 2018, Algorithm 1) with s_max = levels - 1, in the
 * order they run: bracket s starts n = ceil((s_max + 1) eta^s / (s + 1)) configurations at
 * level s_max - s and keeps floor(n / eta^j) at rung j. For eta = 3 and levels 1, 3, 9, 27:
 * s = 3: 27@1 9@3 3@9 1@27; s = 2: 12@3 4@9 1@27; s = 1: 6@9 2@27; s = 0: 4@27.
 *
 * @example
 * hyperbandPlans(4, 3).map((plan) => plan.sizes); // [[27, 9, 3, 1], [12, 4, 1], [6, 2], [4]]
 */
export function hyperbandPlans(levels: number, eta: number): BracketPlan[] {
  const sMax = levels - 1;
  const plans: BracketPlan[] = [];
  for (let s = sMax; s >= 0; s--) {
    const n = Math.ceil(((sMax + 1) * eta ** s) / (s + 1) - 1e-9);
    const sizes = Array.from({ length: s + 1 }, (_, j) => Math.max(1, floorish(n / eta ** j)));
    plans.push({ s, base: sMax - s, sizes });
  }
  return plans;
}

/**
 * A plan for a finite space of `configurations` distinct configurations: rung j holds at
 * most floor(configurations / eta^j) (at least one), so a bracket never waits for
 * configurations that do not exist. Plans of an infinite space are unchanged.
 *
 * @example
 * capPlan(successiveHalvingPlan(4, 3), 16, 3).sizes; // [16, 5, 1, 1]
 */
export function capPlan(plan: BracketPlan, configurations: number, eta: number): BracketPlan {
  if (!Number.isFinite(configurations)) return plan;
  return { ...plan, sizes: plan.sizes.map((size, j) => Math.max(1, Math.min(size, floorish(configurations / eta ** j)))) };
}

/** Hyperband's brackets on a ladder of `rungs` rungs, cycled: bracket b runs plan b mod (rungs). */
export function hyperbandSequence(eta: number): (rungs: number) => (bracket: number) => BracketPlan {
  const byCount = new Map<number, BracketPlan[]>();
  return (rungs) => {
    let plans = byCount.get(rungs);
    if (!plans) byCount.set(rungs, (plans = hyperbandPlans(rungs, eta)));
    return (bracket) => plans[bracket % plans.length];
  };
}
