/** Tabular tasks: benchmark tasks answered from recorded evaluations (CSV folders, LLMSYS-HPOBench, RegMix). */
export { TabularTask, isFailed, type TabularTaskInfo } from "./tabular-task.js";
export { loadTabularTask, type LoadTabularOptions } from "./load-tabular-task.js";
export { buildTable, naturalCompare, type SourceCsv, type TableOptions } from "./build-table.js";
export type { RecordedRow, RecordedTable } from "./recorded.js";
export { parseCsv, type CsvTable } from "./csv.js";
export { numberCell, valueCell } from "./cells.js";
export { columnRole, type ColumnRole } from "./columns.js";
export { inferSpace, LOG_RATIO, MAX_ORDINAL_VALUES, type InferredSpace } from "./infer-space.js";
export { FeatureEncoder, SIMPLEX_PSEUDO_COUNT } from "./features.js";
export { groupSimplexColumns } from "./simplex-groups.js";
export { RowIndex, type RowIndexOptions } from "./row-index.js";
export { parseSha256Sums, sha256Hex, verifyChecksum } from "./checksums.js";
export { readCheckedYaml, readTaskYaml, taskYamlSchema, type TaskYaml } from "./task-yaml.js";
export { nearOptimalShare, NEAR_OPTIMAL_REGRET, UNINFORMATIVE_SHARE } from "./near-optimal-share.js";
