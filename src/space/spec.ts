/** Types of search spaces: what a parameter is, what a configuration is. */

/** The value of a simplex parameter: component name to weight; weights are >= 0 and sum to 1. */
export type Weights = { readonly [component: string]: number };

/** A value a parameter can take: a scalar, or the weights of a simplex parameter. */
export type Value = string | number | boolean | null | Weights;

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

/**
 * A mixture: named components whose weights are >= `floor` and sum to 1 (a point of the
 * probability simplex), e.g. the domain weights of a data mixture or the budget shares of
 * stages. A configuration holds it as one object of weights under the parameter's name,
 * `{"mix": {"web": 0.7, "code": 0.3}}`. Random draws follow a symmetric Dirichlet prior.
 */
export interface SimplexParam {
  type: "simplex";
  /** Component names, at least two, distinct. */
  components: string[];
  /** Smallest weight of each component (default 0); `floor * components.length` must stay below 1. */
  floor?: number;
  /**
   * Dirichlet concentration of the prior (default 1, uniform on the simplex). Below 1 favours
   * sparse mixtures (corners), above 1 even ones.
   */
  concentration?: number;
  when?: When;
}

export type Param = FloatParam | IntParam | CategoricalParam | OrdinalParam | TextParam | SimplexParam;

/** The JSON form of a space: parameter name to parameter, in declaration order. */
export type SpaceDefinition = Record<string, Param>;
