import type { Task } from "../../bench/task/index.js";
import { MultiStagePipeline } from "./multistage-pipeline.js";

/**
 * The multi-stage pipeline behind a task (its `pipeline` property), or null when the task has
 * none: how an allocation optimizer finds the stages, candidate models, sample ranges, budget and
 * `plannedCompute` of a task it is given.
 *
 * @example
 * const pipeline = multiStagePipelineOf(getTask("multistage/2wiki"));
 * pipeline?.plannedCompute(config);
 */
export function multiStagePipelineOf(task: Task): MultiStagePipeline<unknown> | null {
  const pipeline = (task as { pipeline?: unknown }).pipeline;
  return pipeline instanceof MultiStagePipeline ? pipeline : null;
}
