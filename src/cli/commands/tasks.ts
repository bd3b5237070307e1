import type { Command } from "commander";
import { BUILTIN_TASKS, nearOptimalShareOf, type TaskKind } from "../../bench/builtin/index.js";
import { NEAR_OPTIMAL_REGRET, UNINFORMATIVE_SHARE } from "../../bench/tabular/index.js";
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
  /** Share of the recorded rows (highest fidelity) within regret 0.05 of the optimum; null without a table. */
  nearOptimalShare: number | null;
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
      nearOptimalShare: nearOptimalShareOf(task),
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
      const summaries = taskSummaries();
      const rows = summaries.map((s) => [
        s.id,
        s.kind,
        String(s.parameters),
        s.rows === null ? "" : String(s.rows),
        String(s.fidelities),
        s.objectives.map((o) => `${o.name} (${o.direction === "maximize" ? "max" : "min"})`).join(", "),
        num(s.optimum),
        s.nearOptimalShare === null ? "" : `${(100 * s.nearOptimalShare).toFixed(1)}%${s.nearOptimalShare >= UNINFORMATIVE_SHARE ? " !" : ""}`,
        s.license,
        s.synthetic ? "yes" : "",
      ]);
      process.stdout.write(table(["task", "kind", "params", "rows", "fidelities", "objectives", "optimum", "near opt.", "license", "synthetic"], rows) + "\n");
      const flat = summaries.filter((s) => s.nearOptimalShare !== null && s.nearOptimalShare >= UNINFORMATIVE_SHARE).map((s) => s.id);
      process.stdout.write(
        `\nnear opt.: share of the recorded rows within regret ${NEAR_OPTIMAL_REGRET} of the optimum. ! marks a task that cannot tell optimizers apart (${UNINFORMATIVE_SHARE * 100}% or more: a first evaluation is already near the optimum)${flat.length ? `: ${flat.join(", ")}` : ""}; see docs/tasks.md.\n`,
      );
    });
}
