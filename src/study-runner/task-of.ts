import { resolveTaskRef } from "../bench/builtin/index.js";
import type { Task } from "../bench/task/index.js";
import type { TaskDefaults } from "../study/index.js";

/**
 * The task a config's `objective.task` names, loaded once per process: the config check, the
 * optimizer's hooks and the objective all use it, and a task folder is read only once.
 */
const tasks = new Map<string, Task>();
export function taskOf(ref: string, baseDir: string): Task {
  const key = `${baseDir}\u0000${ref}`;
  let task = tasks.get(key);
  if (!task) {
    task = resolveTaskRef(ref, baseDir);
    // Missing data stops here, before a study exists, rather than failing every trial.
    task.load?.();
    tasks.set(key, task);
  }
  return task;
}

/** The study config's view of a task-ref (`objective.task`): its space, fidelity and objectives. */
export function taskDefaults(ref: string, baseDir: string): TaskDefaults {
  const task = taskOf(ref, baseDir);
  return { space: task.space, fidelity: task.fidelitySpace, objectives: task.objectives };
}
