import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { Space } from "../../space/index.js";
import { TaskDataError, type TaskSource } from "../task/index.js";
import { buildTable, naturalCompare, type SourceCsv, type TableOptions } from "./build-table.js";
import { parseSha256Sums, verifyChecksum } from "./checksums.js";
import { parseCsv } from "./csv.js";
import { TabularTask } from "./tabular-task.js";
import { groupSimplexColumns } from "./simplex-groups.js";
import { readTaskYaml, type TaskYaml } from "./task-yaml.js";

/** Options of loadTabularTask; built-in tasks use them instead of a task.yaml. */
export interface LoadTabularOptions {
  /** Fields that override (or stand in for) task.yaml. */
  meta?: Partial<TaskYaml>;
  /** Expected SHA-256 per CSV, by path relative to the folder (merged over task.yaml's and SHA256SUMS'). */
  checksums?: Record<string, string>;
  /** Where `checksums` were recorded, for messages (default "the given checksums"). */
  checksumsSource?: string;
  /** Fail when a CSV has no recorded checksum (built-in tasks: true). Default false. */
  requireChecksums?: boolean;
  /** Prefix of file names in messages (default: the folder's name). */
  displayRoot?: string;
  /** Prefix of the task's `sha256` keys (default none: paths relative to the folder). */
  sha256Prefix?: string;
}

/**
 * Loads a tabular task folder. Two layouts are read:
 * - our format: `task.yaml` and one or more CSVs at the top of the folder, with `cfg-`, `fid-`,
 *   `obj-<name>+/-`, `cost-` and optional `id` columns;
 * - the LLMSYS-HPOBench originals: one sub-folder per fidelity, named by the fidelity values
 *   joined by "-", holding that fidelity's CSV (`cfg-ai-*` columns are config too; `ID`,
 *   `hw-file`, `log-file` are ignored). With one sub-folder the task has no fidelity space;
 *   with several, the fidelity is an ordinal parameter `fidelity` over the folder names
 *   (natural order unless task.yaml's `fidelity` gives one). task.yaml is optional here.
 * Every CSV's SHA-256 is checked against task.yaml's `sha256`, a SHA256SUMS file in the folder,
 * and `options.checksums`. Throws TaskDataError, ChecksumMismatchError or ValidationError.
 *
 * @example
 * const task = loadTabularTask("examples/tasks/my-rag");
 * task.evaluate(task.space.sample(new Rng(0)), null, 0); // { values: [...], cost: {...} }
 */
export function loadTabularTask(folder: string, options: LoadTabularOptions = {}): TabularTask {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new TaskDataError({ file: folder }, "not a folder");
  const root = options.displayRoot ?? basename(folder);
  const display = (path: string) => join(root, relative(folder, path));
  const yamlPath = join(folder, "task.yaml");
  const fromYaml = existsSync(yamlPath) ? readTaskYaml(yamlPath, display(yamlPath)) : undefined;
  const meta: Partial<TaskYaml> = { ...fromYaml, ...options.meta };
  const files = findCsvFiles(folder);
  if (!fromYaml && !files.originals && !options.meta) {
    throw new TaskDataError({ file: display(yamlPath) }, "missing task.yaml: a folder of CSVs needs one (id, description, source, objective)");
  }

  const sums = existsSync(join(folder, "SHA256SUMS")) ? parseSha256Sums(readFileSync(join(folder, "SHA256SUMS"), "utf8"), display(join(folder, "SHA256SUMS"))) : {};
  const expected: Record<string, { hash: string; from: string }> = {};
  for (const [path, hash] of Object.entries(sums)) expected[path] = { hash, from: display(join(folder, "SHA256SUMS")) };
  for (const [path, hash] of Object.entries(meta.sha256 ?? {})) expected[path] = { hash, from: display(yamlPath) };
  for (const [path, hash] of Object.entries(options.checksums ?? {})) expected[path] = { hash, from: options.checksumsSource ?? "the given checksums" };

  const sha256: Record<string, string> = {};
  const sources: SourceCsv[] = [];
  const paths = files.originals ? files.nested : files.top.map((path) => ({ path, fidelity: undefined }));
  if (paths.length === 0) throw new TaskDataError({ file: root }, "no CSV files found (expected *.csv beside task.yaml, or one sub-folder per fidelity holding a CSV)");
  for (const { path, fidelity } of paths) {
    const rel = relative(folder, path).split("\\").join("/");
    const bytes = readFileSync(path);
    const record = expected[rel];
    sha256[(options.sha256Prefix ?? "") + rel] = verifyChecksum(display(path), bytes, record?.hash, record?.from ?? "task.yaml or SHA256SUMS", options.requireChecksums ?? false);
    const csv = parseCsv(bytes.toString("utf8"), display(path));
    sources.push({ csv, fidelity: fidelity === undefined || files.nested.length === 1 ? undefined : { fidelity } });
  }

  const tableOptions: TableOptions = {
    objective: meta.objective,
    objectives: meta.objectives,
    cost: meta.cost,
    elapsed: meta.elapsed,
    ignore: meta.ignore,
    space: meta.space ? Space.parse(meta.space, { source: display(yamlPath), path: ["space"] }) : undefined,
    fidelitySpace: meta.fidelity ? Space.parse(meta.fidelity, { source: display(yamlPath), path: ["fidelity"] }) : undefined,
  };
  const built = buildTable(sources, tableOptions);
  const table = meta.simplex ? groupSimplexColumns(built, meta.simplex, display(yamlPath)) : built;
  const single = files.originals && files.nested.length === 1 ? ` (fidelity ${files.nested[0].fidelity})` : "";
  const source: TaskSource = meta.source ?? { repo: "unknown", commit: "", path: folder, license: "unknown" };
  return new TabularTask(table, {
    id: meta.id ?? basename(folder),
    description: (meta.description ?? `tabular task from ${root}`) + single,
    source,
    sha256,
    optimum: meta.optimum_value,
    worst: meta.worst_value,
    fidelityCost: meta.fidelity_cost,
  });
}

interface CsvFiles {
  /** CSVs at the top of the folder (our format). */
  top: string[];
  /** CSVs one level down, with the fidelity their folder names (LLMSYS-HPOBench originals). */
  nested: { path: string; fidelity: string }[];
  originals: boolean;
}

function findCsvFiles(folder: string): CsvFiles {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => naturalCompare(a.name, b.name));
  const top = entries.filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".csv")).map((e) => join(folder, e.name));
  const nested: { path: string; fidelity: string }[] = [];
  if (top.length === 0) {
    for (const dir of entries.filter((e) => e.isDirectory())) {
      const inner = readdirSync(join(folder, dir.name)).filter((name) => name.toLowerCase().endsWith(".csv")).sort(naturalCompare);
      for (const name of inner) nested.push({ path: join(folder, dir.name, name), fidelity: dir.name });
    }
  }
  return { top, nested, originals: top.length === 0 };
}
