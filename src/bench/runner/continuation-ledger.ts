import { configKey } from "../../fidelity/index.js";
import type { Config } from "../../space/index.js";
import type { Cost } from "../../storage/index.js";
import type { Evaluation } from "../task/index.js";

/** What an evaluation is charged: its cost and simulated time after continuation. */
export interface Charge {
  cost: Cost;
  elapsedSeconds: number | undefined;
}

/**
 * Charges evaluations of a task whose fidelity levels lie on one run (`fidelityCost:
 * "continue"`): per configuration (by its values, as proposed), the highest level paid for
 * and the recorded cost there. A first evaluation pays the recorded cost of its level; one at
 * a higher level pays the difference from the highest paid one (per cost name, never below
 * 0, and so does its simulated time); one at or below it pays nothing (a checkpoint the run
 * has passed). A fidelity that is not one of `fidelities` is charged in full and not kept.
 * Without continuation every evaluation pays its recorded cost.
 */
export class ContinuationLedger {
  private readonly paid = new Map<string, { level: number; cost: Cost; elapsedSeconds: number | undefined }>();
  private readonly levelKeys: string[];

  constructor(
    private readonly continues: boolean,
    private readonly fidelities: readonly Config[] | undefined,
  ) {
    this.levelKeys = (fidelities ?? []).map(configKey);
  }

  charge(config: Config, fidelity: Config | null, outcome: Evaluation): Charge {
    const recorded = { cost: outcome.cost, elapsedSeconds: outcome.elapsedSeconds };
    if (!this.continues) return recorded;
    const level = fidelity === null ? this.levelKeys.length - 1 : this.levelKeys.indexOf(configKey(fidelity));
    if (level < 0) return recorded;
    // configKey, not JSON.stringify(config, sortedKeys): that replacer drops the keys of nested
    // values, so two mixtures (a simplex's weights) would count as one run.
    const key = configKey(config);
    const before = this.paid.get(key);
    if (before && before.level >= level) return { cost: zeroed(outcome.cost), elapsedSeconds: outcome.elapsedSeconds === undefined ? undefined : 0 };
    this.paid.set(key, { level, cost: outcome.cost, elapsedSeconds: outcome.elapsedSeconds });
    if (!before) return recorded;
    const cost: Cost = {};
    for (const [name, amount] of Object.entries(outcome.cost)) cost[name] = Math.max(0, amount - (before.cost[name] ?? 0));
    const elapsed = outcome.elapsedSeconds === undefined ? undefined : Math.max(0, outcome.elapsedSeconds - (before.elapsedSeconds ?? 0));
    return { cost, elapsedSeconds: elapsed };
  }
}

/** The same cost names, each 0: a free evaluation still says what it is counted in. */
function zeroed(cost: Cost): Cost {
  return Object.fromEntries(Object.keys(cost).map((name) => [name, 0]));
}
