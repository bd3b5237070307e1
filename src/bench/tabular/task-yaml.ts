import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { issuesFromSchema, ValidationError } from "../../errors/index.js";
import { TaskDataError } from "../task/index.js";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/i, "expected 64 hexadecimal digits");

/** The task.yaml of a tabular task folder (DESIGN.md "Tabular task folder"), plus optional extensions. */
export const taskYamlSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().min(1),
    source: z
      .object({
        repo: z.string().min(1),
        commit: z.string(),
        path: z.string(),
        license: z.string().min(1),
        citation: z.string().optional(),
      })
      .strict(),
    /** Primary objective: its name ("MRR") or column ("obj-MRR+"). */
    objective: z.string().min(1),
    /** Primary cost: its name or column. */
    cost: z.string().min(1).optional(),
    /** Search space definition; inferred from the data when absent. */
    space: z.record(z.string(), z.unknown()).optional(),
    /** Fidelity space definition; inferred from the `fid-` columns when absent. */
    fidelity: z.record(z.string(), z.unknown()).optional(),
    optimum_value: z.number().finite().optional(),
    worst_value: z.number().finite().optional(),
    /** SHA-256 of each CSV, by path relative to the folder. */
    sha256: z.record(z.string(), sha256Hex).optional(),
    /** Extension: the objectives to expose (names or columns); default every objective column that has a value. */
    objectives: z.array(z.string().min(1)).min(1).optional(),
    /** Extension: config columns to leave out of the space (e.g. run ids). */
    ignore: z.array(z.string().min(1)).optional(),
    /** Extension: the cost (name or column) that holds each run's wall time in seconds. */
    elapsed: z.string().min(1).optional(),
    /**
     * How the costs of the fidelity levels add up: `independent` (default: every level is a
     * run of its own) or `continue` (the levels are checkpoints of one run per configuration
     * and a row's costs count from the run's start; see FidelityCost).
     */
    fidelity_cost: z.enum(["independent", "continue"]).optional(),
    /**
     * Extension: groups of config columns read as one simplex parameter each, e.g.
     * `{mix: [web, code, books]}` (column names without `cfg-`): see groupSimplexColumns.
     */
    simplex: z.record(z.string().min(1), z.array(z.string().min(1)).min(2)).optional(),
  })
  .strict();

export type TaskYaml = z.infer<typeof taskYamlSchema>;

/** Reads and checks a task.yaml; throws TaskDataError for bad YAML and ValidationError naming each bad field. */
export function readTaskYaml(path: string, displayName: string): TaskYaml {
  return readCheckedYaml(path, displayName, taskYamlSchema);
}

/** Reads a YAML file and checks it against `schema`; throws TaskDataError for bad YAML and ValidationError naming each bad field. */
export function readCheckedYaml<T>(path: string, displayName: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (error) {
    throw new TaskDataError({ file: displayName }, `not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ValidationError(issuesFromSchema(parsed.error.issues), displayName);
}
