import { rngFor } from "../../math/index.js";
import type { Config, Space } from "../../space/index.js";
import { KnobsError } from "../../errors/index.js";
import { TaskDataError, type Evaluation, type FidelityCost, type Objective, type Task, type TaskSource } from "../task/index.js";
import type { RecordedRow, RecordedTable } from "./recorded.js";
import { quickMembership } from "./quick-membership.js";
import { RowIndex } from "./row-index.js";

/** What a tabular task is besides its data: identity, provenance and options. */
export interface TabularTaskInfo {
  id: string;
  description: string;
  source: TaskSource;
  /** SHA-256 of each data file, as verified at load. */
  sha256?: Record<string, string>;
  /** Overrides the best primary value found in the data (e.g. a known optimum). */
  optimum?: number;
  /** Overrides the worst primary value found in the data. */
  worst?: number;
  /**
   * Maps a configuration that matches no row exactly before the nearest-neighbour search,
   * e.g. RegMix renormalizes domain weights to sum to 1.
   */
  beforeNearest?: (config: Config) => Config;
  /**
   * `continue` when the fidelity levels are checkpoints of one run per configuration and each
   * row's costs count from the run's start (default `independent`; see FidelityCost). The
   * costs of a configuration recorded at several levels must then not decrease level to level.
   */
  fidelityCost?: FidelityCost;
  /** True for data made up by a formula (default false): results are then never reported as LLM-system results. */
  synthetic?: boolean;
}

/**
 * A task answered from recorded evaluations. `evaluate(config, fidelity, seed)` returns the
 * row recorded with exactly that configuration at that fidelity level, or else the nearest
 * recorded row (see RowIndex). When the table repeats a configuration, the seed picks one of
 * the repeats, so seeds see the run-to-run spread the data holds. A row with an empty
 * objective cell is a failed run: the result has `failed: true` and, for every objective, the
 * worst value observed at that level (over all levels if none succeeded there).
 * A fidelity that is not a recorded level is mapped to the nearest level; null means the highest.
 */
export class TabularTask implements Task {
  readonly id: string;
  readonly description: string;
  readonly space: Space;
  readonly fidelitySpace: Space | null;
  readonly fidelities: readonly Config[] | undefined;
  readonly objectives: readonly Objective[];
  readonly costNames: readonly string[];
  readonly optimum: number;
  readonly worst: number;
  readonly rows: number;
  readonly source: TaskSource;
  readonly license: string;
  readonly sha256: Readonly<Record<string, string>> | undefined;
  readonly synthetic: boolean;
  readonly fidelityCost: FidelityCost;
  /** The recorded data behind the task (read-only by convention; surrogates fit on it). */
  readonly table: RecordedTable;
  /** One index per fidelity level. */
  readonly indexes: readonly RowIndex[];
  private readonly worstByLevel: number[][];
  private readonly beforeNearest: ((config: Config) => Config) | undefined;
  private readonly fidelityIndex: RowIndex | null;
  /** True only for members of the space (see quickMembership); null when the space needs the full check. */
  private readonly isSurelyMember: ((config: Config) => boolean) | null;

  constructor(table: RecordedTable, info: TabularTaskInfo) {
    if (table.rows.length === 0) throw new KnobsError("empty_task", `task "${info.id}" has no recorded rows`);
    this.table = table;
    this.id = info.id;
    this.description = info.description;
    this.space = table.space;
    this.fidelitySpace = table.fidelitySpace;
    this.fidelities = table.fidelitySpace ? table.fidelities : undefined;
    this.objectives = table.objectives;
    this.costNames = table.costNames;
    this.rows = table.rows.length;
    this.source = info.source;
    this.license = info.source.license;
    this.sha256 = info.sha256;
    this.beforeNearest = info.beforeNearest;
    this.synthetic = info.synthetic ?? false;
    this.fidelityCost = info.fidelityCost ?? "independent";
    if (this.fidelityCost === "continue") checkCumulativeCosts(table);
    const configs = table.rows.map((row) => row.config);
    const levels = table.fidelities.length;
    const idsByLevel = rowIdsByLevel(table);
    this.indexes = idsByLevel.map((ids) => new RowIndex(table.space, configs, ids));
    this.fidelityIndex = table.fidelitySpace
      ? new RowIndex(table.fidelitySpace, table.fidelities, table.fidelities.map((_, i) => i))
      : null;
    this.isSurelyMember = quickMembership(table.space);
    this.worstByLevel = worstValues(table, idsByLevel);
    const top = levels - 1;
    const primary = table.rows.filter((row) => row.level === top && !isFailed(row)).map((row) => row.values[0] as number);
    const maximize = table.objectives[0].direction === "maximize";
    if (primary.length === 0) throw new KnobsError("empty_task", `task "${info.id}" has no successful run at its highest fidelity`);
    this.optimum = info.optimum ?? (maximize ? Math.max(...primary) : Math.min(...primary));
    this.worst = info.worst ?? (maximize ? Math.min(...primary) : Math.max(...primary));
  }

  /** Index of the fidelity level for `fidelity` (null: the highest). */
  levelOf(fidelity: Config | null): number {
    if (!this.fidelityIndex || fidelity === null) return this.table.fidelities.length - 1;
    const exact = this.fidelityIndex.exact(fidelity);
    return exact ? exact[0] : this.fidelityIndex.nearest(fidelity);
  }

  /** The id of the row that answers (config, fidelity, seed); throws ValidationError for a config outside the space. */
  lookup(config: Config, fidelity: Config | null, seed: number): number {
    const index = this.indexes[this.levelOf(fidelity)];
    const exact = index.exact(config);
    // A config equal to a recorded row on every parameter is valid unless it has extra keys; skip the full check then.
    if (!exact || countKeys(config) !== countKeys(this.table.rows[exact[0]].config)) {
      if (!this.isSurelyMember?.(config)) this.space.validate(config);
    }
    if (exact) return exact.length === 1 ? exact[0] : exact[rngFor(seed, "tabular-repeat").int(exact.length)];
    return index.nearest(this.beforeNearest ? this.beforeNearest(config) : config);
  }

  evaluate(config: Config, fidelity: Config | null, seed: number): Evaluation {
    const row = this.table.rows[this.lookup(config, fidelity, seed)];
    const result: Evaluation = isFailed(row)
      ? { values: this.worstByLevel[row.level].slice(), cost: { ...row.cost }, failed: true }
      : { values: row.values.slice() as number[], cost: { ...row.cost } };
    if (row.elapsedSeconds !== undefined) result.elapsedSeconds = row.elapsedSeconds;
    return result;
  }
}

/**
 * With `fidelity_cost: continue`, a row's cost is that of its run up to its level, so it
 * cannot fall from one level to the next for the same configuration; a TaskDataError names
 * the row where it does.
 */
function checkCumulativeCosts(table: RecordedTable): void {
  const last = new Map<string, { level: number; cost: Record<string, number> }>();
  // Rows of one run often share their config object: key each object once.
  const keys = new Map<Config, string>();
  const keyOf = (config: Config): string => {
    let key = keys.get(config);
    if (key === undefined) keys.set(config, (key = JSON.stringify(table.space.names.map((name) => config[name]))));
    return key;
  };
  for (const ids of rowIdsByLevel(table)) {
    for (const i of ids) {
      const row = table.rows[i];
      const key = keyOf(row.config);
      const before = last.get(key);
      const fallen = before && before.level < row.level ? table.costNames.find((name) => row.cost[name] < before.cost[name]) : undefined;
      if (before && fallen !== undefined) {
        throw new TaskDataError(
          { file: row.origin?.file ?? "the task's data", row: row.origin?.row, column: `cost-${fallen}` },
          `fidelity_cost is continue, so a cost counts from the start of the run, but it falls from ${before.cost[fallen]} at level ${before.level} to ${row.cost[fallen]} at level ${row.level} for the same configuration`,
        );
      }
      last.set(key, { level: row.level, cost: row.cost });
    }
  }
}

function countKeys(config: Config): number {
  let count = 0;
  for (const key in config) if (Object.prototype.hasOwnProperty.call(config, key)) count++;
  return count;
}

/** True when the row recorded no value for some objective. */
export function isFailed(row: RecordedRow): boolean {
  return row.values.some((v) => v === null);
}

/** Per level and objective, the worst value among successful rows (all levels when a level has none). */
/** The ids of each level's rows, in row order. */
function rowIdsByLevel(table: RecordedTable): number[][] {
  const ids: number[][] = table.fidelities.map(() => []);
  table.rows.forEach((row, i) => ids[row.level].push(i));
  return ids;
}

function worstValues(table: RecordedTable, idsByLevel: readonly number[][]): number[][] {
  const worstOf = (rows: RecordedRow[], j: number): number | undefined => {
    const values = rows.filter((row) => row.values[j] !== null).map((row) => row.values[j] as number);
    if (values.length === 0) return undefined;
    return table.objectives[j].direction === "maximize" ? Math.min(...values) : Math.max(...values);
  };
  return table.fidelities.map((_, level) =>
    table.objectives.map((objective, j) => {
      const value = worstOf(idsByLevel[level].map((i) => table.rows[i]), j) ?? worstOf(table.rows, j);
      if (value === undefined) throw new KnobsError("empty_task", `objective "${objective.name}" has no recorded value in any row`);
      return value;
    }),
  );
}
