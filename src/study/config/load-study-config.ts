import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseDocument } from "yaml";
import { issuesFromSchema, KnobsError, ValidationError, type Issue } from "../../errors/index.js";
import { createPruner } from "../../fidelity/index.js";
import { DEFAULT_OPTIMIZER, type Pruner } from "../../samplers/index.js";
import { isWeights, Space, type Config, type Value } from "../../space/index.js";
import type { Objective } from "../../storage/index.js";
import { DEFAULT_BUDGET, parseBudget, parseDuration, type ParsedBudget } from "../budget.js";
import { studyConfigSchema, type StudyConfig } from "./study-config-schema.js";

/** The study attribute under which `knobs optimize` stores its config, for `knobs worker` and the dashboard. */
export const STORED_CONFIG_KEY = "knobs.config";

/** What `knobs optimize` stores under STORED_CONFIG_KEY: the config as read, and where it was read. */
export interface StoredStudyConfig {
  file: string;
  baseDir: string;
  config: unknown;
}

/** A study config's objective: exactly one of a command, a module export or a task-ref. */
export type ObjectiveSpec = StudyConfig["objective"];

/**
 * A study config read, checked and resolved: defaults filled in, the space and fidelity
 * parsed, the budget and durations parsed, paths relative to `baseDir`.
 */
export interface LoadedStudyConfig {
  file: string;
  /** The folder of the config file: commands run there, and module/space paths are relative to it. */
  baseDir: string;
  /** The config as read, before defaults: what `knobs optimize` stores with the study for workers. */
  raw: unknown;
  study: string;
  /** The config's storage URL, when it names one. */
  storage: string | null;
  space: Space;
  /** The fidelity space, or null. */
  fidelity: Space | null;
  objectives: Objective[];
  objective: ObjectiveSpec;
  optimizer: { name: string; seed: number; options: Record<string, unknown> };
  /** The pruner of `pruner:`, or null. */
  pruner: Pruner | null;
  budget: ParsedBudget;
  /** Trials run at once (default 1). */
  concurrency: number;
  timeoutMs: number | undefined;
  retries: number | undefined;
  heartbeatIntervalMs: number | undefined;
  heartbeatTimeoutMs: number | undefined;
  /** Configurations to run first, once per study. */
  enqueue: Config[];
}

/** What a task-ref in `objective.task` offers a study: its space, fidelity and objectives. */
export interface TaskDefaults {
  space: Space;
  fidelity: Space | null;
  objectives: readonly Objective[];
}

/**
 * Resolves `objective.task` (a task-ref, paths relative to `baseDir`). The study layer does
 * not know tasks: the CLI passes the bench's resolver.
 */
export type TaskResolver = (ref: string, baseDir: string) => TaskDefaults;

export interface StudyConfigOptions {
  resolveTask?: TaskResolver;
}

/** Reads a YAML or JSON file; a syntax error names the file, line and column. */
export function readYamlFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new KnobsError("file_not_found", `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const where = error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : "";
    const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new KnobsError("invalid_yaml", `${file}${where}: malformed YAML: ${message}${colonHint(text, error.linePos?.[0].line)}`);
  }
  try {
    // An alias used more than this many times is refused (a "billion laughs" file would expand without end).
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const why = /excessive alias count/i.test(error.message) ? `its aliases expand too much (at most ${MAX_ALIAS_COUNT} alias uses are read)` : error.message;
    throw new KnobsError("invalid_yaml", `${file}: malformed YAML: ${why}`);
  }
}

const MAX_ALIAS_COUNT = 100;

/** For `storage: memory:`, where YAML reads the value's final colon as a nested key: say how to write it. */
function colonHint(text: string, line: number | undefined): string {
  const match = line === undefined ? null : /^\s*([\w-]+):\s+([^\s"'{[][^\s]*:)\s*(#.*)?$/.exec(text.split("\n")[line - 1] ?? "");
  if (!match) return "";
  const [, key, value] = match;
  return ` (a value ending in ":" must be quoted: ${key}: "${value}"${key === "storage" && value === "memory:" ? ", or write storage: memory" : ""})`;
}

/**
 * Loads `knobs optimize`'s study config. Every problem found is reported as
 * `file: path: what was expected` in one ValidationError.
 */
export function loadStudyConfig(file: string, options: StudyConfigOptions = {}): LoadedStudyConfig {
  return parseStudyConfig(readYamlFile(file) ?? {}, { file, baseDir: dirname(resolve(file)) }, options);
}

/**
 * Checks a study config already read (e.g. stored with its study for `knobs worker`);
 * `file` names it in errors and `baseDir` resolves its relative paths.
 */
export function parseStudyConfig(raw: unknown, where: { file: string; baseDir: string }, options: StudyConfigOptions = {}): LoadedStudyConfig {
  const { file, baseDir } = where;
  const parsed = studyConfigSchema.safeParse(raw);
  const issues: Issue[] = parsed.success ? [] : issuesFromSchema(parsed.error.issues);
  const task = parsed.success && parsed.data.objective.task ? taskDefaults(parsed.data.objective.task, file, baseDir, options) : null;
  // The space is checked even when other fields are wrong, so one run shows every problem.
  const rawSpace = (raw as { space?: unknown }).space;
  let space: Space | null = task?.space ?? null;
  if (rawSpace !== undefined && !issues.some((issue) => issue.path[0] === "space")) {
    const checked = loadSpace(rawSpace as StudyConfig["space"], file, baseDir);
    if (checked.success) space = checked.data;
    else if (checked.error.source === file) issues.push(...checked.error.issues);
    else throw checked.error;
  }
  if (task && parsed.success) issues.push(...taskObjectiveIssues(parsed.data, task));
  let fidelity: Space | null = task?.fidelity ?? null;
  const rawFidelity = (raw as { fidelity?: unknown }).fidelity;
  if (rawFidelity !== undefined && !issues.some((issue) => issue.path[0] === "fidelity")) {
    const checked = Space.safeParse(rawFidelity, { source: file, path: ["fidelity"] });
    if (checked.success) fidelity = checked.data;
    else issues.push(...checked.error.issues);
  }
  if (!parsed.success || !space || issues.length > 0) throw new ValidationError(issues, file);
  const config = parsed.data;
  const objectives: Objective[] =
    config.objectives ?? (task && !config.direction ? [...task.objectives] : [{ name: "value", direction: config.direction ?? "minimize" }]);
  const optimizer =
    typeof config.optimizer === "string" || config.optimizer === undefined
      ? { name: config.optimizer ?? DEFAULT_OPTIMIZER, seed: 0, options: {} }
      : (({ name, seed, ...options }) => ({ name, seed, options }))(config.optimizer);
  const pruner = config.pruner === undefined ? null : prunerOf(config, file);
  const budget = parseBudget(config.budget ?? DEFAULT_BUDGET, ["budget"], file);
  const enqueue = (config.enqueue ?? []).map((entry, i) => {
    const checked = configOf(entry, ["enqueue", i]);
    const entryIssues = checked.issues.length ? checked.issues : space.check(checked.config, ["enqueue", i]);
    if (entryIssues.length) throw new ValidationError(entryIssues, file);
    return checked.config;
  });
  // The schema checked the durations' form.
  const ms = (value: number | string | undefined) => (value === undefined ? undefined : (parseDuration(value) ?? undefined));
  return {
    file,
    baseDir,
    raw,
    study: config.study,
    storage: config.storage ?? null,
    space,
    fidelity,
    objectives,
    objective: config.objective,
    optimizer,
    pruner,
    budget,
    concurrency: config.concurrency ?? 1,
    timeoutMs: ms(config.timeout),
    retries: config.retries,
    heartbeatIntervalMs: ms(config.heartbeat?.interval),
    heartbeatTimeoutMs: ms(config.heartbeat?.timeout),
    enqueue,
  };
}

const isValue = (value: unknown): value is Value =>
  value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean" || isWeights(value);

/** An enqueued entry as a Config: each value a string, number, boolean, null or a simplex's weights (checked against the space after). */
function configOf(entry: Record<string, unknown>, path: (string | number)[]): { config: Config; issues: Issue[] } {
  const config: Config = {};
  const issues: Issue[] = [];
  for (const [name, value] of Object.entries(entry)) {
    if (isValue(value)) config[name] = value;
    else issues.push({ code: "invalid_value", path: [...path, name], message: `expected a number, string, boolean, null or an object of weights, received ${JSON.stringify(value)}` });
  }
  return { config, issues };
}

/** The config's pruner; its problems are reported at `pruner.<option>` of the file. */
function prunerOf(config: StudyConfig, file: string): Pruner {
  const { name, ...options } = typeof config.pruner === "string" ? { name: config.pruner } : config.pruner!;
  if (!config.objective.module) {
    const kind = config.objective.command ? "a command" : "a task";
    throw new ValidationError(
      [{ code: "invalid_combination", path: ["pruner"], message: `a pruner needs a module objective, which calls trial.report() and trial.shouldPrune(); ${kind} objective reports no intermediate values` }],
      file,
    );
  }
  try {
    return createPruner(name, options);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((issue) => ({ ...issue, path: ["pruner", ...issue.path] })),
      file,
    );
  }
}

/** A task returns its own objectives: a config may restate them (same names, in order) but not change them. */
function taskObjectiveIssues(config: StudyConfig, task: TaskDefaults): Issue[] {
  const names = task.objectives.map((o) => o.name);
  if (config.direction) {
    return [{ code: "invalid_combination", path: ["direction"], message: `objective.task gives the objectives (${names.join(", ")}): leave out direction` }];
  }
  if (config.objectives && config.objectives.map((o) => o.name).join("\u0000") !== names.join("\u0000")) {
    return [{ code: "invalid_value", path: ["objectives"], message: `expected the task's objectives ${JSON.stringify(names)} in that order, or no objectives field` }];
  }
  return [];
}

function taskDefaults(ref: string, file: string, baseDir: string, options: StudyConfigOptions): TaskDefaults {
  if (!options.resolveTask) {
    throw new ValidationError([{ code: "unsupported", path: ["objective", "task"], message: "task objectives need a task resolver (run the config with `knobs optimize`)" }], file);
  }
  try {
    return options.resolveTask(ref, baseDir);
  } catch (error) {
    if (!(error instanceof KnobsError)) throw error;
    throw new ValidationError([{ code: error.code, path: ["objective", "task"], message: error.message }], file);
  }
}

function loadSpace(space: StudyConfig["space"], file: string, baseDir: string): ReturnType<typeof Space.safeParse> {
  if (typeof space === "object" && space !== null && typeof space.file === "string" && Object.keys(space).length === 1) {
    const spaceFile = resolve(baseDir, space.file);
    return Space.safeParse(readYamlFile(spaceFile), { source: spaceFile });
  }
  return Space.safeParse(space, { source: file, path: ["space"] });
}
