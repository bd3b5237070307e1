import { TaskDataError } from "../task/index.js";

/** What a CSV column holds, from its name (the LLMSYS-HPOBench convention). */
export type ColumnRole =
  | { role: "config"; name: string }
  | { role: "fidelity"; name: string }
  | { role: "objective"; name: string; direction: "minimize" | "maximize" }
  | { role: "cost"; name: string }
  | { role: "id" }
  | { role: "ignored" };

/**
 * The role of a column: `cfg-<name>` (including LLMSYS-HPOBench's `cfg-ai-<name>`, whose name
 * keeps the `ai-` prefix) is a config parameter, `fid-<name>` a fidelity, `obj-<name>+` an
 * objective to maximize and `obj-<name>-` one to minimize, `cost-<name>` a cost, `id`/`ID` the
 * row's configuration id. `hw-file`, `log-file` and any other column are ignored. Throws
 * TaskDataError for an `obj-` column without a direction suffix or a prefix with no name.
 */
export function columnRole(header: string, file: string): ColumnRole {
  const column = header.trim();
  if (column === "id" || column === "ID") return { role: "id" };
  const named = (prefix: string): string | null => {
    if (!column.startsWith(prefix)) return null;
    const name = column.slice(prefix.length);
    if (name === "") throw new TaskDataError({ file, column }, `column "${column}" has a role prefix but no name`);
    return name;
  };
  const config = named("cfg-");
  if (config !== null) return { role: "config", name: config };
  const fidelity = named("fid-");
  if (fidelity !== null) return { role: "fidelity", name: fidelity };
  const cost = named("cost-");
  if (cost !== null) return { role: "cost", name: cost };
  const objective = named("obj-");
  if (objective !== null) {
    const suffix = objective.at(-1);
    if ((suffix !== "+" && suffix !== "-") || objective.length < 2) {
      throw new TaskDataError(
        { file, column },
        `objective column "${column}" has no direction: end its name with "+" (maximize) or "-" (minimize), e.g. "${column}+"`,
      );
    }
    return { role: "objective", name: objective.slice(0, -1), direction: suffix === "+" ? "maximize" : "minimize" };
  }
  return { role: "ignored" };
}
