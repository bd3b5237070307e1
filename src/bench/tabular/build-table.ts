import { Space, type Config, type Value } from "../../space/index.js";
import { TaskDataError, type Objective } from "../task/index.js";
import { numberCell, valueCell } from "./cells.js";
import { columnRole, type ColumnRole } from "./columns.js";
import type { CsvTable } from "./csv.js";
import { inferSpace } from "./infer-space.js";
import type { RecordedRow, RecordedTable } from "./recorded.js";

/** One CSV of a task, with the fidelity its location implies (LLMSYS-HPOBench folders). */
export interface SourceCsv {
  csv: CsvTable;
  /** Fidelity given by the file's folder rather than by `fid-` columns. */
  fidelity?: Config;
}

/** Which columns become what; every reference accepts a name ("MRR") or a column ("obj-MRR+"). */
export interface TableOptions {
  /** Primary objective; default the first objective column. */
  objective?: string;
  /** Objectives to expose; default every objective column with at least one value. */
  objectives?: string[];
  /** Primary cost; default the first cost column. */
  cost?: string;
  /** Cost holding each run's wall time in seconds (copied to `elapsedSeconds`). */
  elapsed?: string;
  /** Config columns to leave out (e.g. run ids). */
  ignore?: string[];
  /** The search space; inferred from the data when absent (see inferSpace). */
  space?: Space;
  /** The fidelity space; inferred from `fid-` columns (ordinal over sorted values) when absent. */
  fidelitySpace?: Space;
}

interface Column {
  header: string;
  role: ColumnRole;
}

/**
 * Turns CSVs in the LLMSYS-HPOBench column convention into a RecordedTable. Every file must
 * have the same config, fidelity and objective columns. An empty objective cell marks a
 * failed run; an empty cost cell leaves that cost out of the row. An empty config cell is
 * the value null ("not set") in a column where more than half the cells are empty (e.g.
 * AutoGPT's optional `send_token_limit`); elsewhere it marks an incomplete record, and the
 * row is dropped (counted in `droppedRows`). Throws TaskDataError naming file, row, line and
 * column for a missing column, a non-numeric objective or cost cell, or an empty fidelity cell.
 */
export function buildTable(sources: readonly SourceCsv[], options: TableOptions = {}): RecordedTable {
  const first = sources[0].csv;
  const columnsOf = sources.map(({ csv }) => csv.header.map((header): Column => ({ header, role: columnRole(header, csv.file) })));
  checkSameColumns(sources, columnsOf);
  const firstColumns = columnsOf[0];
  const named = (role: ColumnRole["role"]) => firstColumns.filter((c) => c.role.role === role);

  const objectiveColumns = selectObjectives(sources, columnsOf, options);
  const costColumns = orderFirst(named("cost"), options.cost, "cost", first.file);
  const costNames = costColumns.map((c) => nameOf(c));
  const elapsed = options.elapsed === undefined ? undefined : nameOf(findColumn(named("cost"), options.elapsed, "cost", first.file));
  const ignored = new Set((options.ignore ?? []).map((ref) => nameOf(findColumn(named("config"), ref, "config", first.file))));
  const configNames = named("config").map(nameOf).filter((name) => !ignored.has(name));
  if (options.space) {
    for (const name of options.space.names) {
      if (!configNames.includes(name)) throw new TaskDataError({ file: first.file, column: `cfg-${name}` }, `missing column: the space names parameter "${name}"`);
    }
  }
  const paramNames = options.space ? [...options.space.names] : configNames;
  const fidelityNames = named("fidelity").map(nameOf);

  const rows: RecordedRow[] = [];
  const fidelityOfRow: Config[] = [];
  sources.forEach(({ csv, fidelity }, s) => {
    const at = (header: string) => columnsOf[s].findIndex((c) => c.header === header);
    const configAt = paramNames.map((name) => at(`cfg-${name}`));
    const fidelityAt = fidelityNames.map((name) => at(`fid-${name}`));
    const objectiveAt = objectiveColumns.map((c) => at(c.header));
    const costAt = costColumns.map((c) => at(c.header));
    csv.records.forEach((record, r) => {
      const where = (column: number) => ({ file: csv.file, row: r + 1, line: csv.lines[r], column: csv.header[column] });
      const config: Config = {};
      paramNames.forEach((name, p) => {
        const cell = record[configAt[p]];
        config[name] = options.space ? givenValue(options.space, name, cell, where(configAt[p])) : valueCell(cell);
      });
      const fid: Config = { ...fidelity };
      fidelityNames.forEach((name, f) => {
        const value = valueCell(record[fidelityAt[f]]);
        if (value === null) throw new TaskDataError(where(fidelityAt[f]), "empty fidelity cell: every row needs its fidelity");
        fid[name] = value;
      });
      const values = objectiveAt.map((column) => numeric(record[column], where(column), "objective"));
      const cost: Record<string, number> = {};
      costAt.forEach((column, k) => {
        const value = numeric(record[column], where(column), "cost");
        if (value !== null) cost[costNames[k]] = value;
      });
      const row: RecordedRow = { config, level: 0, values, cost, origin: { file: csv.file, row: r + 1 } };
      if (elapsed !== undefined && cost[elapsed] !== undefined) row.elapsedSeconds = cost[elapsed];
      rows.push(row);
      fidelityOfRow.push(fid);
    });
  });

  const { kept, dropped } = dropIncompleteRows(rows, paramNames, options.space);
  const keptFidelities = kept.map((i) => fidelityOfRow[i]);
  const keptRows = kept.map((i) => rows[i]);
  let space = options.space;
  let fixed: Config = {};
  if (!space) {
    const columns = new Map<string, Value[]>(paramNames.map((name) => [name, keptRows.map((row) => row.config[name])]));
    ({ space, fixed } = inferSpace(columns));
    for (const row of keptRows) for (const name of Object.keys(fixed)) delete row.config[name];
  } else {
    keptRows.forEach((row) => checkRow(space as Space, row, sources));
  }
  const { fidelitySpace, fidelities, levelOf } = fidelityLevels(keptFidelities, options.fidelitySpace, first.file);
  keptRows.forEach((row, i) => (row.level = levelOf(keptFidelities[i])));
  const objectives: Objective[] = objectiveColumns.map((c) => ({ name: nameOf(c), direction: (c.role as { direction: Objective["direction"] }).direction }));
  return { space, fidelitySpace, fidelities, objectives, costNames, rows: keptRows, fixed, droppedRows: dropped };
}

function nameOf(column: Column): string {
  return (column.role as { name: string }).name;
}

function numeric(cell: string, location: ConstructorParameters<typeof TaskDataError>[0], kind: string): number | null {
  const value = numberCell(cell);
  if (value === undefined) throw new TaskDataError(location, `non-numeric value "${cell}" in a numeric (${kind}) column: expected a number, True/False, or an empty cell`);
  return value;
}

/** A cell as a value of a declared parameter: a choice written as text ("1") matches a text choice. */
function givenValue(space: Space, name: string, cell: string, location: ConstructorParameters<typeof TaskDataError>[0]): Value {
  const param = space.params[name];
  const value = valueCell(cell);
  if (param.type === "categorical" || param.type === "ordinal") {
    const allowed = param.type === "categorical" ? param.choices : param.values;
    return !allowed.includes(value) && allowed.includes(cell.trim()) ? cell.trim() : value;
  }
  if (value !== null && typeof value !== "number") {
    throw new TaskDataError(location, `non-numeric value "${cell}" in a numeric (${param.type} parameter) column: expected a number`);
  }
  return value;
}

/** Every file has the config, fidelity and objective columns of the first, and no others. */
function checkSameColumns(sources: readonly SourceCsv[], columnsOf: Column[][]): void {
  const structural = (columns: Column[]) => columns.filter((c) => ["config", "fidelity", "objective"].includes(c.role.role)).map((c) => c.header);
  const reference = structural(columnsOf[0]);
  columnsOf.slice(1).forEach((columns, i) => {
    const here = structural(columns);
    const missing = reference.find((h) => !here.includes(h));
    if (missing) throw new TaskDataError({ file: sources[i + 1].csv.file, column: missing }, `missing column: ${sources[0].csv.file} has it`);
    const extra = here.find((h) => !reference.includes(h));
    if (extra) throw new TaskDataError({ file: sources[0].csv.file, column: extra }, `missing column: ${sources[i + 1].csv.file} has it`);
  });
}

/** The column a reference (name or full header) names, among `columns`; throws a missing-column error. */
function findColumn(columns: Column[], ref: string, kind: string, file: string): Column {
  const found = columns.find((c) => c.header === ref || nameOf(c) === ref);
  if (!found) {
    const known = columns.map((c) => c.header).join(", ") || "none";
    throw new TaskDataError({ file, column: ref }, `missing column: no ${kind} column named "${ref}" (${kind} columns: ${known})`);
  }
  return found;
}

function orderFirst(columns: Column[], ref: string | undefined, kind: string, file: string): Column[] {
  if (ref === undefined) return columns;
  const primary = findColumn(columns, ref, kind, file);
  return [primary, ...columns.filter((c) => c !== primary)];
}

function selectObjectives(sources: readonly SourceCsv[], columnsOf: Column[][], options: TableOptions): Column[] {
  const file = sources[0].csv.file;
  const all = columnsOf[0].filter((c) => c.role.role === "objective");
  if (all.length === 0) throw new TaskDataError({ file }, `missing column: no objective column (name one "obj-<name>+" to maximize or "obj-<name>-" to minimize)`);
  let chosen: Column[];
  if (options.objectives) {
    chosen = options.objectives.map((ref) => findColumn(all, ref, "objective", file));
  } else {
    // A column with no value in any row (e.g. AutoGPT's retry_rate) would fail every run.
    const hasValue = (column: Column) =>
      sources.some(({ csv }, s) => {
        const at = columnsOf[s].findIndex((c) => c.header === column.header);
        return csv.records.some((record) => record[at].trim() !== "");
      });
    chosen = all.filter(hasValue);
  }
  const primary = options.objective ?? chosen[0]?.header;
  if (primary === undefined) throw new TaskDataError({ file }, "every objective column is empty");
  const primaryColumn = findColumn(all, primary, "objective", file);
  return [primaryColumn, ...chosen.filter((c) => c !== primaryColumn)];
}

/**
 * Rows to keep: null is a legal value where the space allows it (given space) or where more than
 * half a column's cells are empty (inferred space); any other empty config cell drops its row.
 */
function dropIncompleteRows(rows: RecordedRow[], names: string[], space: Space | undefined): { kept: number[]; dropped: number } {
  const nullAllowed = new Set<string>();
  for (const name of names) {
    if (space) {
      const param = space.params[name];
      if ((param.type === "categorical" && param.choices.includes(null)) || (param.type === "ordinal" && param.values.includes(null))) nullAllowed.add(name);
    } else {
      const empty = rows.filter((row) => row.config[name] === null).length;
      if (empty * 2 > rows.length) nullAllowed.add(name);
    }
  }
  const kept: number[] = [];
  rows.forEach((row, i) => {
    if (names.every((name) => row.config[name] !== null || nullAllowed.has(name))) kept.push(i);
  });
  return { kept, dropped: rows.length - kept.length };
}

/** A row's config belongs to the given space, else a TaskDataError naming row and column. */
function checkRow(space: Space, row: RecordedRow, sources: readonly SourceCsv[]): void {
  const issue = space.check(row.config)[0];
  if (!issue) return;
  const origin = row.origin ?? { file: sources[0].csv.file, row: 0 };
  const csv = sources.find((s) => s.csv.file === origin.file)?.csv;
  const name = String(issue.path[0]);
  throw new TaskDataError({ file: origin.file, row: origin.row, line: csv?.lines[origin.row - 1], column: `cfg-${name}` }, `value does not fit the space: ${issue.message}`);
}

/** The fidelity space, its levels (lowest to highest) and each fidelity's level. */
function fidelityLevels(
  fidelities: Config[],
  given: Space | undefined,
  file: string,
): { fidelitySpace: Space | null; fidelities: Config[]; levelOf: (fidelity: Config) => number } {
  const names = Object.keys(fidelities[0] ?? {});
  if (names.length === 0) return { fidelitySpace: null, fidelities: [{}], levelOf: () => 0 };
  let space = given;
  if (!space) {
    const definition: Record<string, unknown> = {};
    for (const name of names) {
      const values = [...new Set(fidelities.map((f) => f[name]))];
      values.sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : naturalCompare(String(a), String(b))));
      definition[name] = { type: "ordinal", values };
    }
    space = Space.parse(definition);
  }
  const key = (fidelity: Config) => JSON.stringify(space.names.map((name) => fidelity[name]));
  const distinct = new Map<string, Config>();
  for (const fidelity of fidelities) {
    const issue = space.check(fidelity)[0];
    if (issue) throw new TaskDataError({ file, column: `fid-${String(issue.path[0])}` }, `fidelity does not fit the fidelity space: ${issue.message}`);
    distinct.set(key(fidelity), fidelity);
  }
  const levels = [...distinct.values()].sort((a, b) => compareEncoded(space.encode(a), space.encode(b)));
  const levelByKey = new Map(levels.map((level, i) => [key(level), i]));
  return { fidelitySpace: space, fidelities: levels, levelOf: (fidelity) => levelByKey.get(key(fidelity)) as number };
}

function compareEncoded(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Compares strings with digit runs as numbers ("r2" < "r10"). */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
