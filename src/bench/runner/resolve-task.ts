import { KnobsError } from "../../errors/index.js";
import { getSyntheticFunction } from "../synthetic/index.js";
import type { RunnableTask } from "./spec.js";

/**
 * The task of a task-ref: `synthetic/<id>` for the synthetic functions; more kinds of
 * task are resolved as they are registered.
 */
export async function resolveTask(ref: string): Promise<RunnableTask> {
  if (ref.startsWith("synthetic/")) {
    const f = getSyntheticFunction(ref.slice("synthetic/".length));
    return {
      id: ref,
      space: f.space,
      objectives: [{ name: "value", direction: "minimize" }],
      evaluate: (config) => ({ values: [f.evaluate(config)], cost: {} }),
      optimum: f.optimum,
      synthetic: true,
    };
  }
  throw new KnobsError("unknown_task", `unknown task "${ref}": expected synthetic/<function>`);
}
