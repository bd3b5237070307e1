import type { Config } from "../../src/space/index.js";
import type { TabularTask } from "../../src/bench/tabular/index.js";
import { pairedValues, spearman } from "../../src/fidelity/index.js";

/** The rank correlation of the primary objective between two fidelity levels of a tabular task. */
export interface LevelPair {
  low: Config;
  high: Config;
  /** True when `high` is the task's top level. */
  highIsTop: boolean;
  /** Configurations recorded at both levels (same config, exact match). */
  shared: number;
  /** Spearman rank correlation over them; null with fewer than 3. */
  rho: number | null;
}

/** Spearman between every pair of levels, over the configurations recorded at both (so a top level with other configurations still shows the rest). */
export function levelSpearman(task: TabularTask): LevelPair[] {
  const levels = task.table.fidelities;
  const byLevel = levels.map(() => new Map<string, number>());
  for (const row of task.table.rows) {
    const value = row.values[0];
    if (value !== null) byLevel[row.level].set(JSON.stringify(row.config), value);
  }
  const out: LevelPair[] = [];
  for (let a = 0; a < levels.length; a++) {
    for (let b = a + 1; b < levels.length; b++) {
      const [xs, ys] = pairedValues(byLevel[a], byLevel[b]);
      out.push({ low: levels[a], high: levels[b], highIsTop: b === levels.length - 1, shared: xs.length, rho: spearman(xs, ys) });
    }
  }
  return out;
}
