import { KnobsError, ValidationError } from "../errors/index.js";
import { createOptimizer, taskHooksOf } from "../optimizers/index.js";
import type { Sampler } from "../samplers/index.js";
import { openStorage, requireStudy } from "../storage/index.js";
import { commandObjective, loadModuleObjective, loadStudyConfig, parseStudyConfig, STORED_CONFIG_KEY, type LoadedStudyConfig, type ObjectiveFunction, type StoredStudyConfig } from "../study/index.js";
import { taskObjective, type Task } from "../bench/task/index.js";
import { taskDefaults, taskOf } from "./task-of.js";

/** A study config resolved all the way: the config, the optimizer it names and its objective function. */
export interface StudyRun {
  config: LoadedStudyConfig;
  /** The task of `objective.task`, or null. */
  task: Task | null;
  sampler: Sampler;
  objective: ObjectiveFunction;
}

/** Reads and checks a study config file (tasks of `objective.task` resolved as `knobs optimize` does). */
export function loadStudyRunConfig(file: string): LoadedStudyConfig {
  return loadStudyConfig(file, { resolveTask: taskDefaults });
}

/**
 * The config `knobs optimize` stored with study `name` in the storage at `url`; its paths
 * resolve where they did there. Throws when the study is missing or was not started by a config.
 */
export async function storedStudyRunConfig(url: string, name: string): Promise<LoadedStudyConfig> {
  const storage = await openStorage(url);
  try {
    const study = await requireStudy(storage, name);
    const stored = study.userAttrs[STORED_CONFIG_KEY] as StoredStudyConfig | undefined;
    if (!stored) throw new KnobsError("no_stored_config", `study "${name}" was not started by knobs optimize: pass its config with --config`);
    return parseStudyConfig(stored.config, { file: `${stored.file} (stored with study "${name}")`, baseDir: stored.baseDir }, { resolveTask: taskDefaults });
  } finally {
    await storage.close();
  }
}

/**
 * Makes what a checked config names: its optimizer through the registry (a bad option is an
 * error at `optimizer.<option>` of the config file) and its objective, of any kind (command,
 * module or task).
 */
export async function resolveStudyRun(config: LoadedStudyConfig): Promise<StudyRun> {
  const task = taskOfConfig(config);
  return { config, task, sampler: makeStudyOptimizer(config), objective: await objectiveOf(config, task) };
}

/**
 * The optimizer a checked config names, made through the registry with what the run knows
 * (planned trials: the trial budget unless given, the space, the fidelity, the task's hooks);
 * `options` replace some of the config's (a dry run's recording `llm`).
 */
export function makeStudyOptimizer(config: LoadedStudyConfig, overrides: { plannedTrials?: number; options?: Record<string, unknown> } = {}): Sampler {
  const task = taskOfConfig(config);
  const { name, seed, options } = config.optimizer;
  const context = {
    plannedTrials: overrides.plannedTrials ?? (Number.isFinite(config.budget.trials) ? config.budget.trials : undefined),
    space: config.space,
    fidelity: config.fidelity,
    // An agent may learn from the task it tunes (a multi-stage task's compute budget).
    taskHooks: task ? taskHooksOf(task) : null,
    fidelityCost: task?.fidelityCost,
  };
  return atOptimizerPath(config.file, () => createOptimizer(name, { ...options, ...overrides.options, seed }, context));
}

function taskOfConfig(config: LoadedStudyConfig): Task | null {
  return config.objective.task ? taskOf(config.objective.task, config.baseDir) : null;
}

async function objectiveOf(config: LoadedStudyConfig, task: Task | null): Promise<ObjectiveFunction> {
  const spec = config.objective;
  if (spec.command) return commandObjective({ command: spec.command, cwd: config.baseDir, env: spec.env, seed: config.optimizer.seed });
  if (spec.module) return loadModuleObjective(spec.module, { baseDir: config.baseDir, source: config.file });
  if (task) return taskObjective(task, config.optimizer.seed);
  throw new KnobsError("invalid_input", `${config.file}: objective: expected one of command, module or task`);
}

/** The optimizer `make` returns; a bad option becomes an error at `optimizer.<option>` of the config file. */
function atOptimizerPath<T>(file: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((issue) => ({ ...issue, path: ["optimizer", ...issue.path] })),
      file,
    );
  }
}
