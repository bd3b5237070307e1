import { KnobsError } from "../errors/index.js";
import { createOptimizer as createClassicalOptimizer, optimizerNames as classicalOptimizerNames, type OptimizerOptions } from "../fidelity/index.js";
import type { Sampler } from "../samplers/spec.js";
import type { Config } from "../space/index.js";
import { createSampler } from "../samplers/index.js";
import { allocationOptimizer, type AllocationOptions } from "./allocation/index.js";
import { generativeOptimizer, type GenerativeOptions } from "./generative/index.js";
import { hybridOptimizer, type HybridOptions } from "./hybrid/index.js";
import { researchOptimizer, type ResearchOptions } from "./research/index.js";

/**
 * What an LLM-guided optimizer may learn from the task it runs on, when there is one
 * (`knobs bench`, `objective.task`): a multi-stage task's planned compute and budget.
 */
export interface AgentTaskHooks {
  plannedCompute?: (config: Config) => number;
  computeBudget?: number | null;
  /** A multi-stage task's pipeline, whose `budget` is the compute budget per item. */
  pipeline?: { budget?: number | null };
}

/** Options of `createOptimizer`: those of the classical optimizers, plus the task's hooks for agents. */
export type AnyOptimizerOptions = OptimizerOptions & { taskHooks?: AgentTaskHooks | null };

type AgentFactory = (options: AnyOptimizerOptions) => Sampler;

const agents: Record<string, AgentFactory> = {
  allocation: ({ taskHooks: task, fidelity: _fidelity, inner: _inner, ...options }) => {
    const fromTask: Partial<AllocationOptions> = {};
    if (task?.plannedCompute && options.compute === undefined) fromTask.compute = (config) => task.plannedCompute!(config);
    const budget = task?.computeBudget ?? task?.pipeline?.budget;
    if (budget && options.budget === undefined) fromTask.budget = budget;
    return allocationOptimizer({ ...fromTask, ...options } as unknown as AllocationOptions);
  },
  // `inner` names the sampler of the non-text parameters in YAML (a Sampler object in code).
  generative: ({ taskHooks: _hooks, fidelity: _fidelity, inner, ...options }) =>
    generativeOptimizer({ ...options, ...(inner ? { inner: createSampler(inner, { seed: options.seed }) } : {}) } as unknown as GenerativeOptions),
  research: ({ taskHooks: _hooks, ...options }) => researchOptimizer(options as unknown as ResearchOptions),
  hybrid: ({ taskHooks: _hooks, fidelity: _fidelity, inner: _inner, ...options }) => hybridOptimizer(options as unknown as HybridOptions),
};

/** Every optimizer name: samplers, multi-fidelity schedulers, then LLM-guided agents. */
export function optimizerNames(): string[] {
  return [...classicalOptimizerNames(), ...Object.keys(agents)];
}

/**
 * Makes any optimizer by the name used in study YAML, `--optimizer`, `knobs bench` and the
 * protocol: a sampler, a scheduler wrapping one, or an LLM-guided agent. Unknown names list
 * every known one.
 */
export function createOptimizer(name: string, options: AnyOptimizerOptions = {}): Sampler {
  const agent = Object.hasOwn(agents, name) ? agents[name] : undefined;
  if (agent) return agent(options);
  const { taskHooks: _hooks, ...rest } = options;
  try {
    return createClassicalOptimizer(name, rest);
  } catch (error) {
    if (error instanceof KnobsError && error.code === "unknown_sampler") {
      throw new KnobsError("unknown_sampler", `unknown optimizer "${name}": expected one of ${optimizerNames().join(", ")}`);
    }
    throw error;
  }
}
