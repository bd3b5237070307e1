/** Types of search spaces: what a parameter is, what a configuration is. */

/** A value a parameter can take. */
export type Value = string | number | boolean | null;

/** A configuration: parameter name to value. Inactive parameters are absent. */
export type Config = Record<string, Value>;

/**
 * A condition: the parameter is active only when each named parameter is active and
 * equals the value (or one of the values) given.
 */
export type When = Record<string, Value | Value[]>;

export interface FloatParam {
  type: "float";
  low: number;
  high: number;
  /** Sample and model on a log scale (requires low > 0). */
  log?: boolean;
  /** Values are low + k * step. */
  step?: number;
  when?: When;
}

export interface IntParam {
  type: "int";
  low: number;
  high: number;
  log?: boolean;
  /** Values are low + k * step (default 1). */
  step?: number;
  when?: When;
}

export interface CategoricalParam {
  type: "categorical";
  choices: Value[];
  when?: When;
}

/** Ordered values (e.g. model sizes); models treat the index as a number. */
export interface OrdinalParam {
  type: "ordinal";
  values: Value[];
  when?: When;
}

/**
 * A trainable text artifact (a prompt, a code module, a workflow as JSON). Only generative
 * optimizers change it; every other sampler proposes `default`, and model-based samplers
 * see it as one constant coordinate.
 */
export interface TextParam {
  type: "text";
  /** The starting artifact. */
  default: string;
  /** What the text is, so a generative optimizer can check what it writes (default "prompt"). */
  format?: "prompt" | "code" | "json";
  when?: When;
}

export type Param = FloatParam | IntParam | CategoricalParam | OrdinalParam | TextParam;

/** The JSON form of a space: parameter name to parameter, in declaration order. */
export type SpaceDefinition = Record<string, Param>;
