import { isFeasible, violation } from "../history.js";
import type { Objective, TrialRecord } from "../../storage/spec.js";
import { hypervolumeWeights, selectGoodByPareto } from "./multi-objective.js";

/** The good and the other trials, by number. */
export interface TrialSplit {
  /** How many trials were ranked (running ones not included): the n given to gamma. */
  ranked: number;
  /** Numbers of the good trials, ascending. */
  below: Int32Array;
  /** Numbers of the other trials (and, under constant liar, the running ones), ascending. */
  above: Int32Array;
  /** With several objectives, the kernel weight of each good trial (same order); else null. */
  belowWeights: Float64Array | null;
  /**
   * With `ranking` asked for and one objective: every ranked trial's number, best first, so
   * a subset (the trials of one branch of a conditional space) can be split by its own
   * ranks. Null otherwise.
   */
  ranking: Int32Array | null;
}

export interface SplitOptions {
  gamma: (n: number) => number;
  constantLiar: boolean;
  /** Also return the full ranking (single objective only); see TrialSplit.ranking. */
  ranking?: boolean;
}

const EPS = 1e-12;

/**
 * Divides a study's trials into the good group (modelled by l(x)) and the rest (g(x)).
 *
 * Ranking, best first (Optuna's order):
 * 1. complete feasible trials by loss; with several objectives by non-dominated front,
 *    the last front cut by greedy hypervolume subset selection;
 * 2. pruned trials (single objective only) by their last intermediate value, deeper
 *    steps first, those that reported nothing last;
 * 3. infeasible trials by total constraint violation.
 * The first gamma(n) ranked trials are good. Running and queued trials count as the worst
 * outcome under constant liar (always in g), and are left out otherwise. Failed trials,
 * and complete trials without finite values, are ignored.
 */
export function splitTrials(trials: readonly TrialRecord[], objectives: readonly Objective[], options: SplitOptions): TrialSplit {
  const m = objectives.length;
  const sign0 = objectives[0]?.direction === "maximize" ? -1 : 1;
  // Role of each trial number: 0 unused, 1 ranked or in flight, 2 good.
  let size = 0;
  for (const trial of trials) if (trial.number >= size) size = trial.number + 1;
  const role = new Uint8Array(size);
  let completeCount = 0;
  const complete = new Int32Array(trials.length);
  const singleLosses = new Float64Array(m === 1 ? trials.length : 0);
  const losses: number[][] = [];
  const pruned: TrialRecord[] = [];
  const infeasible: TrialRecord[] = [];
  let used = 0;
  for (const trial of trials) {
    const state = trial.state;
    if (state === "running" || state === "queued") {
      if (options.constantLiar) {
        role[trial.number] = 1;
        used++;
      }
      continue;
    }
    if (state === "pruned") {
      if (m !== 1) continue;
      (isFeasible(trial) ? pruned : infeasible).push(trial);
    } else if (state !== "complete" || !hasFiniteValues(trial, m)) {
      continue;
    } else if (!isFeasible(trial)) {
      infeasible.push(trial);
    } else {
      const values = trial.values as number[];
      if (m === 1) singleLosses[completeCount] = sign0 * values[0];
      else losses.push(values.map((v, i) => (objectives[i].direction === "maximize" ? -v : v)));
      complete[completeCount++] = trial.number;
    }
    role[trial.number] = 1;
    used++;
  }

  const ranked = completeCount + pruned.length + infeasible.length;
  let wanted = Math.min(ranked, Math.max(0, Math.floor(options.gamma(ranked))));
  let good: ArrayLike<number>;
  let ranking: Int32Array | null = null;
  if (options.ranking && m === 1) {
    // The full ranking is asked for: the good group is its first `wanted` trials.
    const order = Array.from({ length: completeCount }, (_, i) => i).sort((a, b) => singleLosses[a] - singleLosses[b] || complete[a] - complete[b]);
    pruned.sort((a, b) => comparePruned(a, b, sign0));
    infeasible.sort((a, b) => violation(a) - violation(b) || a.number - b.number);
    ranking = Int32Array.from([...order.map((i) => complete[i]), ...pruned.map((t) => t.number), ...infeasible.map((t) => t.number)]);
    good = ranking.subarray(0, wanted);
  } else {
    const chosen: number[] = [];
    const bestComplete = m === 1 ? smallest(singleLosses, complete, completeCount, wanted) : selectGoodByPareto(losses, wanted);
    for (const i of bestComplete) chosen.push(complete[i]);
    wanted -= bestComplete.length;
    if (wanted > 0 && pruned.length > 0) {
      pruned.sort((a, b) => comparePruned(a, b, sign0));
      for (const trial of pruned.slice(0, wanted)) chosen.push(trial.number);
      wanted -= Math.min(wanted, pruned.length);
    }
    if (wanted > 0 && infeasible.length > 0) {
      infeasible.sort((a, b) => violation(a) - violation(b) || a.number - b.number);
      for (const trial of infeasible.slice(0, wanted)) chosen.push(trial.number);
    }
    good = chosen;
  }
  const below = Int32Array.from(good).sort();
  for (const number of below) role[number] = 2;
  // Trials come in number order, so one pass lists the rest in order.
  const above = new Int32Array(used - below.length);
  let at = 0;
  for (const trial of trials) if (role[trial.number] === 1) above[at++] = trial.number;

  let belowWeights: Float64Array | null = null;
  if (m > 1) {
    // Hypervolume contributions of the good feasible trials; anything else barely counts.
    const lossOf = new Map<number, number[]>();
    for (let i = 0; i < completeCount; i++) lossOf.set(complete[i], losses[i]);
    const feasible = Array.from(below).filter((number) => lossOf.has(number));
    const weights = hypervolumeWeights(feasible.map((number) => lossOf.get(number) as number[]));
    const weightOf = new Map<number, number>();
    feasible.forEach((number, i) => weightOf.set(number, weights[i]));
    belowWeights = Float64Array.from(below, (number) => weightOf.get(number) ?? EPS);
  }
  return { ranked, below, above, belowWeights, ranking };
}

function hasFiniteValues(trial: TrialRecord, count: number): boolean {
  const values = trial.values;
  if (!values || values.length !== count) return false;
  for (let i = 0; i < count; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * Indices of the `count` smallest of the first `length` keys, ties to the lower trial
 * number, by insertion into a short sorted list: O(length · count) at worst, about
 * O(length) once the list settles.
 */
function smallest(keys: Float64Array, numbers: Int32Array, length: number, count: number): number[] {
  if (count <= 0) return [];
  const best: number[] = [];
  const less = (a: number, b: number) => keys[a] < keys[b] || (keys[a] === keys[b] && numbers[a] < numbers[b]);
  for (let i = 0; i < length; i++) {
    if (best.length === count && keys[i] > keys[best[count - 1]]) continue;
    if (best.length === count && !less(i, best[count - 1])) continue;
    let at = best.length === count ? count - 1 : best.length;
    while (at > 0 && less(i, best[at - 1])) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  return best;
}

/** Optuna's order of pruned trials: deeper last step first, then better last value; none reported last. */
function comparePruned(a: TrialRecord, b: TrialRecord, sign: number): number {
  const ka = prunedKey(a, sign);
  const kb = prunedKey(b, sign);
  return ka[0] - kb[0] || ka[1] - kb[1] || a.number - b.number;
}

function prunedKey(trial: TrialRecord, sign: number): [number, number] {
  const steps = Object.keys(trial.intermediate).map(Number);
  if (steps.length === 0) return [Infinity, 0];
  const step = Math.max(...steps);
  const value = trial.intermediate[step];
  return [-step, Number.isNaN(value) ? Infinity : sign * value];
}
