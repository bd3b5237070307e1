import type { TrialRecord } from "../storage/spec.js";
import { configKey } from "./config-key.js";
import type { FidelityLevels } from "./levels.js";
import { isFinished } from "./trials-by-level.js";

/** Slack for floating-point sums in the cap (a promotion exactly at the cap is allowed). */
const TOLERANCE = 1e-9;

/**
 * Cost-aware scheduling (option `costName`). The rule: **a level may not cost more than
 * the level below it.** A configuration is promoted into level `to` only while
 *
 *     used(to) + predicted(candidate at to) <= spent(to - 1)
 *
 * where `spent` sums the named cost of finished trials (complete, failed, pruned) and
 * `used` adds, for each running trial, its predicted cost. This is the budget split of
 * successive halving (every rung gets about the same resource) counted in money rather
 * than trials: when cost grows by eta per level it keeps each level to 1/eta of the trials
 * below (which plain ASHA may exceed, since a configuration promoted early stays promoted
 * when later results push it out of the top 1/eta), and when the configurations worth
 * promoting are dearer than average (e.g. a larger model that also scores better) it
 * promotes fewer of them. The first promotion into an empty level is always allowed, so
 * every bracket can reach the top. The count rule (top 1/eta) still applies; the cost cap
 * only removes promotions.
 *
 * A prediction is the configuration's own cost at its highest lower level times the
 * median cost ratio between the levels over configurations complete at both (default: the
 * ratio of the levels' resources). A trial without the named cost counts as 0.
 */
export class CostModel {
  readonly costName: string;
  private readonly levels: FidelityLevels;
  /** Known cost of each configuration at each level (finished trials; the first one wins). */
  private readonly known: Map<string, number>[];
  private readonly stepRatios: number[];
  private readonly meanAt: (number | null)[];
  /** Sums by trial list: ASHA asks about many candidates against the same two levels. */
  private readonly spentCache = new WeakMap<readonly TrialRecord[], number>();
  private readonly usedCache = new WeakMap<readonly TrialRecord[], number>();

  constructor(byLevel: readonly (readonly TrialRecord[])[], levels: FidelityLevels, costName: string) {
    this.costName = costName;
    this.levels = levels;
    this.known = byLevel.map((trials) => {
      const costs = new Map<string, number>();
      for (const trial of trials) {
        const key = configKey(trial.config);
        if (isFinished(trial) && !costs.has(key)) costs.set(key, this.costOf(trial));
      }
      return costs;
    });
    this.meanAt = byLevel.map((trials) => {
      const finished = trials.filter(isFinished);
      return finished.length === 0 ? null : finished.reduce((sum, t) => sum + this.costOf(t), 0) / finished.length;
    });
    this.stepRatios = byLevel.map((trials, level) => (level === 0 ? 1 : this.fitRatio(byLevel[level - 1], trials, level)));
  }

  /** The trial's amount of the named cost (0 when it has none). */
  costOf(trial: TrialRecord): number {
    const amount = trial.cost[this.costName];
    return typeof amount === "number" && Number.isFinite(amount) ? amount : 0;
  }

  /** Predicted cost of running `config` (by key) at level `to`. */
  predict(key: string, to: number): number {
    for (let level = to - 1; level >= 0; level--) {
      const cost = this.known[level].get(key);
      if (cost !== undefined) {
        let ratio = 1;
        for (let l = level + 1; l <= to; l++) ratio *= this.stepRatios[l];
        return cost * ratio;
      }
    }
    return this.meanAt[to] ?? 0;
  }

  /** Cost of finished trials. */
  spent(trials: readonly TrialRecord[]): number {
    let total = this.spentCache.get(trials);
    if (total === undefined) {
      total = 0;
      for (const trial of trials) if (isFinished(trial)) total += this.costOf(trial);
      this.spentCache.set(trials, total);
    }
    return total;
  }

  /**
   * Cost of finished trials plus the predicted cost of running ones, all at `level`. Sums
   * are cached by list, so pass a list once it is complete (the model lives for one ask).
   */
  used(trials: readonly TrialRecord[], level: number): number {
    let total = this.usedCache.get(trials);
    if (total === undefined) {
      total = 0;
      for (const trial of trials) total += isFinished(trial) ? this.costOf(trial) : this.predict(configKey(trial.config), level);
      this.usedCache.set(trials, total);
    }
    return total;
  }

  /**
   * True when promoting the configuration `key` into level `to` keeps that level's cost
   * within the cost spent at the level below; `below` and `at` are the trials in scope
   * (a bracket's rungs, or the whole level for ASHA).
   */
  allows(key: string, to: number, below: readonly TrialRecord[], at: readonly TrialRecord[]): boolean {
    if (at.length === 0) return true;
    const cap = this.spent(below);
    return this.used(at, to) + this.predict(key, to) <= cap * (1 + TOLERANCE) + TOLERANCE;
  }

  private fitRatio(lower: readonly TrialRecord[], upper: readonly TrialRecord[], level: number): number {
    const lowerCost = new Map<string, number>();
    for (const trial of lower) if (trial.state === "complete") lowerCost.set(configKey(trial.config), this.costOf(trial));
    const ratios: number[] = [];
    for (const trial of upper) {
      if (trial.state !== "complete") continue;
      const below = lowerCost.get(configKey(trial.config));
      if (below !== undefined && below > 0) ratios.push(this.costOf(trial) / below);
    }
    if (ratios.length === 0) return this.levels.levels[level].resource / this.levels.levels[level - 1].resource;
    ratios.sort((a, b) => a - b);
    const mid = ratios.length >> 1;
    return ratios.length % 2 === 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
  }
}
