import type { Command } from "commander";
import { BUILTIN_TASKS, type TaskKind } from "../../bench/builtin/index.js";
import { SurrogateTask, surrogateFit, type LevelFit } from "../../bench/surrogate/index.js";
import type { Task } from "../../bench/task/index.js";
import { num, table } from "../output/format.js";

/** What `knobs tasks --json` prints for one task. */
export interface TaskSummary {
  id: string;
  kind: TaskKind;
  description: string;
  parameters: number;
  rows: number | null;
  /** Number of fidelity levels (1 when the task has no fidelity). */
  fidelities: number;
  fidelityLevels: Record<string, unknown>[] | null;
  objectives: { name: string; direction: string }[];
  costNames: string[];
  optimum: number | null;
  worst: number | null;
  license: string;
  source: Task["source"];
  synthetic: boolean;
  sha256: Record<string, string> | null;
  /** Surrogate tasks: held-out R^2 and Spearman of the k-NN model per fidelity level (seed 0, 80/20 split). */
  fit?: LevelFit[];
}

/** Summaries of every built-in task, in listing order (loads and checksums the data). */
export function taskSummaries(options: { fit?: boolean } = {}): TaskSummary[] {
  return BUILTIN_TASKS.map((entry) => {
    const task = entry.load();
    const summary: TaskSummary = {
      id: task.id,
      kind: entry.kind,
      description: task.description,
      parameters: task.space.size,
      rows: task.rows ?? null,
      fidelities: task.fidelities?.length ?? 1,
      fidelityLevels: task.fidelities ? task.fidelities.map((f) => ({ ...f })) : null,
      objectives: task.objectives.map((o) => ({ name: o.name, direction: o.direction })),
      costNames: [...task.costNames],
      optimum: task.optimum ?? null,
      worst: task.worst ?? null,
      license: task.license,
      source: task.source,
      synthetic: task.synthetic,
      sha256: task.sha256 ? { ...task.sha256 } : null,
    };
    if (options.fit && task instanceof SurrogateTask) summary.fit = surrogateFit(task.base, { k: task.k });
    return summary;
  });
}

/** Registers `knobs tasks [--json]`: lists the built-in benchmark tasks. */
export function registerTasks(program: Command): void {
  program
    .command("tasks")
    .description("list the built-in benchmark tasks (a task folder path is accepted wherever a task id is)")
    .option("--json", "print JSON, including surrogate fit quality (held-out R^2, Spearman)")
    .action((flags: { json?: boolean }) => {
      if (flags.json) return void process.stdout.write(JSON.stringify(taskSummaries({ fit: true })) + "\n");
      const rows = taskSummaries().map((s) => [
        s.id,
        s.kind,
        String(s.parameters),
        s.rows === null ? "" : String(s.rows),
        String(s.fidelities),
        s.objectives.map((o) => `${o.name} (${o.direction === "maximize" ? "max" : "min"})`).join(", "),
        num(s.optimum),
        s.license,
        s.synthetic ? "yes" : "",
      ]);
      process.stdout.write(table(["task", "kind", "params", "rows", "fidelities", "objectives", "optimum", "license", "synthetic"], rows) + "\n");
    });
}
