import { getTask } from "../builtin/index.js";
import type { RunnableTask } from "./spec.js";

/** The task of a task-ref: a built-in id (`knobs tasks`) or a tabular task folder. */
export async function resolveTask(ref: string): Promise<RunnableTask> {
  return getTask(ref);
}
