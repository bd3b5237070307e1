import { SurrogateTask } from "../surrogate/index.js";
import { nearOptimalShare, TabularTask } from "../tabular/index.js";
import type { Task } from "../task/index.js";
import { getTask, taskIds } from "./registry.js";

/** nearOptimalShare of a task's recorded rows (a surrogate's: its data's); null for tasks without a table. */
export function nearOptimalShareOf(task: Task): number | null {
  if (task instanceof TabularTask) return nearOptimalShare(task);
  if (task instanceof SurrogateTask) return nearOptimalShare(task.base);
  return null;
}

/** nearOptimalShareOf each built-in task id (loading its data); null for other ids. */
export function nearOptimalShares(ids: readonly string[]): Record<string, number | null> {
  const known = new Set(taskIds());
  return Object.fromEntries(ids.map((id) => [id, known.has(id) ? nearOptimalShareOf(getTask(id)) : null]));
}
