import type { Config, Space } from "../../space/index.js";
import type { Objective } from "../task/index.js";

/** One recorded evaluation: a configuration at a fidelity level and what it gave. */
export interface RecordedRow {
  config: Config;
  /** Index into `RecordedTable.fidelities` (0 when the table has one fidelity). */
  level: number;
  /** One value per objective in the table's objective order; null where the run recorded none. */
  values: (number | null)[];
  /** Recorded costs; a cost the row lacks is absent. */
  cost: Record<string, number>;
  /** Wall time of the run in seconds, when the table names a time column. */
  elapsedSeconds?: number;
  /** Where the row came from, for messages: file and 1-based data row. */
  origin?: { file: string; row: number };
}

/**
 * Recorded evaluations in memory: the form every tabular source (our folder format, the
 * LLMSYS-HPOBench originals, RegMix's joined CSVs) is turned into before it becomes a task.
 * A row is a failed run when any of its objective values is null.
 */
export interface RecordedTable {
  space: Space;
  fidelitySpace: Space | null;
  /** The fidelity levels, lowest to highest; one empty config when there is no fidelity. */
  fidelities: Config[];
  /** Objectives, primary first. */
  objectives: Objective[];
  /** Cost names, primary first. */
  costNames: string[];
  rows: RecordedRow[];
  /** Constant config columns left out of the space, with their single value. */
  fixed?: Config;
  /** Rows left out because a config cell was empty (an incomplete record). */
  droppedRows?: number;
}
