import { crowdingDistance } from "../../math/index.js";
import { nondominatedSort } from "../../math/index.js";

/**
 * NSGA-II's ranking and truncation (Deb et al., IEEE TEC 2002) with constraint domination:
 * pure functions of loss vectors (every objective minimized) and constraint violations.
 */

/** What ranking needs of a solution. */
export interface Ranked {
  readonly number: number;
  /** One loss per objective (maximized objectives negated). */
  readonly losses: readonly number[];
  /** Total constraint violation; 0 when feasible. */
  readonly violation: number;
}

/**
 * Fronts by constrained domination, best first, as arrays of indices: a feasible solution
 * beats an infeasible one, two infeasible ones compare by violation, two feasible ones by
 * Pareto dominance. So the feasible solutions' non-dominated fronts come first, then the
 * infeasible ones grouped by equal violation, lowest first.
 */
export function constrainedFronts(solutions: readonly Ranked[]): number[][] {
  const feasible: number[] = [];
  const infeasible: number[] = [];
  solutions.forEach((s, i) => (s.violation > 0 ? infeasible : feasible).push(i));
  const fronts = nondominatedSort(feasible.map((i) => solutions[i].losses)).map((front) => front.map((k) => feasible[k]));
  infeasible.sort((a, b) => solutions[a].violation - solutions[b].violation || a - b);
  for (let k = 0; k < infeasible.length; ) {
    const front = [infeasible[k]];
    while (++k < infeasible.length && solutions[infeasible[k]].violation === solutions[front[0]].violation) front.push(infeasible[k]);
    fronts.push(front);
  }
  return fronts;
}

/** Each solution's front index (0 = best) and crowding distance within its front. */
export interface Ranking {
  rank: number[];
  crowding: number[];
}

export function rankSolutions(solutions: readonly Ranked[]): Ranking {
  const rank = new Array<number>(solutions.length).fill(0);
  const crowding = new Array<number>(solutions.length).fill(0);
  constrainedFronts(solutions).forEach((front, r) => {
    const distances = crowdingDistance(front.map((i) => solutions[i].losses));
    front.forEach((i, k) => {
      rank[i] = r;
      crowding[i] = distances[k];
    });
  });
  return { rank, crowding };
}

/**
 * The `size` survivors of a pool: whole fronts while they fit, then the most spread-out
 * members (largest crowding distance; lower trial number on ties) of the front that
 * overflows. Returned in the pool's order.
 */
export function selectSurvivors<T extends Ranked>(pool: readonly T[], size: number): T[] {
  if (pool.length <= size) return [...pool];
  const chosen: number[] = [];
  for (const front of constrainedFronts(pool)) {
    if (chosen.length + front.length <= size) {
      chosen.push(...front);
      if (chosen.length === size) break;
      continue;
    }
    const distances = crowdingDistance(front.map((i) => pool[i].losses));
    const order = front.map((i, k) => ({ i, d: distances[k] })).sort((a, b) => b.d - a.d || pool[a.i].number - pool[b.i].number);
    for (const { i } of order.slice(0, size - chosen.length)) chosen.push(i);
    break;
  }
  return chosen.sort((a, b) => a - b).map((i) => pool[i]);
}

/** True when `a` wins NSGA-II's crowded binary tournament against `b` (lower rank, then larger crowding). */
export function winsTournament(ranking: Ranking, a: number, b: number): boolean {
  if (ranking.rank[a] !== ranking.rank[b]) return ranking.rank[a] < ranking.rank[b];
  return ranking.crowding[a] >= ranking.crowding[b];
}
