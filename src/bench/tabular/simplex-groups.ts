import { closure } from "../../math/index.js";
import { Space, type Config, type SpaceDefinition } from "../../space/index.js";
import { TaskDataError } from "../task/index.js";
import type { RecordedTable } from "./recorded.js";

/**
 * Reads groups of config columns as simplex parameters (task.yaml `simplex: {mix: [web, code]}`):
 * the group's columns leave the space and each row's config, and the group becomes one
 * simplex parameter whose components are the column names, placed where its first column
 * was. A row's weights are scaled to sum 1 (recorded mixtures are rounded); a negative or
 * non-numeric weight, or a row whose weights are all 0, is a TaskDataError naming file, row
 * and column. A column constant over the table (left out of an inferred space) still counts.
 */
export function groupSimplexColumns(table: RecordedTable, groups: Readonly<Record<string, readonly string[]>>, file: string): RecordedTable {
  const definition = table.space.toJSON();
  const fixed: Config = { ...(table.fixed ?? {}) };
  const grouped = new Map<string, string>();
  for (const [group, columns] of Object.entries(groups)) {
    if (columns.length < 2) throw new TaskDataError({ file, column: `simplex.${group}` }, `a simplex group needs at least two columns, got ${columns.length}`);
    if (group in definition && !columns.includes(group)) throw new TaskDataError({ file, column: `simplex.${group}` }, `the group's name is already a parameter (cfg-${group})`);
    for (const column of columns) {
      const known = column in definition || column in fixed;
      if (!known) throw new TaskDataError({ file, column: `simplex.${group}` }, `unknown config column cfg-${column}: expected one of ${Object.keys(definition).map((n) => `cfg-${n}`).join(", ")}`);
      if (grouped.has(column)) throw new TaskDataError({ file, column: `simplex.${group}` }, `column cfg-${column} is already in group ${grouped.get(column)}`);
      if (definition[column]?.when) throw new TaskDataError({ file, column: `simplex.${group}` }, `column cfg-${column} has a when; a simplex group's columns cannot`);
      grouped.set(column, group);
    }
  }
  const next: SpaceDefinition = {};
  const placed = new Set<string>();
  for (const name of [...Object.keys(definition), ...Object.keys(groups)]) {
    const group = grouped.get(name) ?? (name in groups ? name : undefined);
    if (group === undefined) next[name] = definition[name];
    else if (!placed.has(group)) {
      placed.add(group);
      next[group] = { type: "simplex", components: [...groups[group]] };
    }
  }
  for (const column of grouped.keys()) delete fixed[column];
  const rows = table.rows.map((row) => {
    const config: Config = {};
    for (const [name, value] of Object.entries(row.config)) if (!grouped.has(name)) config[name] = value;
    for (const [group, columns] of Object.entries(groups)) {
      const weights = columns.map((column) => {
        const value = column in row.config ? row.config[column] : table.fixed?.[column];
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
          throw new TaskDataError({ file: row.origin?.file ?? file, row: row.origin?.row, column: `cfg-${column}` }, `expected a weight >= 0 for simplex ${group}, received ${JSON.stringify(value)}`);
        }
        return value;
      });
      if (weights.every((w) => w === 0)) throw new TaskDataError({ file: row.origin?.file ?? file, row: row.origin?.row, column: `cfg-${columns[0]}` }, `every weight of simplex ${group} is 0`);
      const parts = closure(weights);
      config[group] = Object.fromEntries(columns.map((column, i) => [column, parts[i]]));
    }
    return { ...row, config };
  });
  return { ...table, space: Space.parse(next, { source: file }), rows, fixed };
}
