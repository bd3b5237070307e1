import { ValidationError, type Issue } from "../../errors/index.js";
import type { Config, Space } from "../../space/index.js";

/**
 * One stage of a multi-stage space, read from the naming convention shared with
 * src/systems/multistage: `<stage>.model` (categorical of model names) and `<stage>.samples`
 * (int sample count).
 */
export interface Stage {
  name: string;
  /** Candidate model names, in the space's order. */
  models: readonly string[];
  /** Every sample count the space allows, ascending (low, low + step, ..., <= high). */
  sampleCounts: readonly number[];
}

/** A stage's model and sample count. */
export interface StageChoice {
  model: string;
  samples: number;
}

/** Model and sample count per stage name: the shape the prompts show and the LLM answers in. */
export type Allocation = Record<string, StageChoice>;

const MODEL_SUFFIX = ".model";
const SAMPLES_SUFFIX = ".samples";

/**
 * The stages of `space`, in the space's order. Every parameter must belong to a stage, each
 * stage needs both parameters, unconditioned; anything else is a ValidationError naming the
 * parameter, since the agent could not propose a value for it.
 */
export function readStages(space: Space): Stage[] {
  const issues: Issue[] = [];
  const issue = (path: string, message: string) => issues.push({ code: "unsupported_space", path: [path], message });
  const stages: Stage[] = [];
  for (const name of space.names) {
    const param = space.params[name];
    if (param.when) issue(name, "the allocation agent needs unconditional stage parameters (no `when`)");
    if (name.endsWith(SAMPLES_SUFFIX)) {
      const stage = name.slice(0, -SAMPLES_SUFFIX.length);
      if (space.params[stage + MODEL_SUFFIX] === undefined) issue(name, `expected a matching "${stage}${MODEL_SUFFIX}" parameter`);
      if (param.type !== "int") issue(name, `expected an int sample count, received a ${param.type} parameter`);
      continue;
    }
    if (!name.endsWith(MODEL_SUFFIX)) {
      issue(name, `expected only "<stage>${MODEL_SUFFIX}" and "<stage>${SAMPLES_SUFFIX}" parameters (the multi-stage convention)`);
      continue;
    }
    const stage = name.slice(0, -MODEL_SUFFIX.length);
    const samples = space.params[stage + SAMPLES_SUFFIX];
    if (param.type !== "categorical" || !param.choices.every((choice) => typeof choice === "string")) {
      issue(name, "expected a categorical parameter whose choices are model names (strings)");
      continue;
    }
    if (samples === undefined) {
      issue(name, `expected a matching "${stage}${SAMPLES_SUFFIX}" parameter`);
      continue;
    }
    if (samples.type !== "int") continue;
    const step = samples.step ?? 1;
    const sampleCounts: number[] = [];
    for (let count = samples.low; count <= samples.high; count += step) sampleCounts.push(count);
    stages.push({ name: stage, models: param.choices as string[], sampleCounts });
  }
  if (stages.length === 0 && issues.length === 0) issue("(space)", `expected at least one "<stage>${MODEL_SUFFIX}" parameter`);
  if (issues.length > 0) throw new ValidationError(issues, "allocation optimizer space");
  return stages;
}

/** The space configuration of an allocation. */
export function configOf(allocation: Allocation): Config {
  const config: Config = {};
  for (const [stage, choice] of Object.entries(allocation)) {
    config[stage + MODEL_SUFFIX] = choice.model;
    config[stage + SAMPLES_SUFFIX] = choice.samples;
  }
  return config;
}

/** The allocation of a configuration, stage by stage (values as found; no checks). */
export function allocationOf(stages: readonly Stage[], config: Config): Allocation {
  const allocation: Allocation = {};
  for (const stage of stages) {
    allocation[stage.name] = { model: String(config[stage.name + MODEL_SUFFIX]), samples: Number(config[stage.name + SAMPLES_SUFFIX]) };
  }
  return allocation;
}

/** A key equal for equal allocations, whatever the key order of the config. */
export function allocationKey(stages: readonly Stage[], config: Config): string {
  return stages.map((stage) => `${stage.name}=${String(config[stage.name + MODEL_SUFFIX])}x${String(config[stage.name + SAMPLES_SUFFIX])}`).join(",");
}

/** `retrieve=qwen-7b x4, answer=llama-8b x1`: an allocation in one short line. */
export function describeAllocation(stages: readonly Stage[], config: Config): string {
  return stages.map((stage) => `${stage.name}=${String(config[stage.name + MODEL_SUFFIX])} x${String(config[stage.name + SAMPLES_SUFFIX])}`).join(", ");
}
