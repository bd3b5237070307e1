import { ValidationError, type Issue } from "../errors/index.js";
import type { Rng } from "../math/index.js";
import { checkValue } from "./check-value.js";
import { cardinality, decodeValue, encodeValue, sampleValue } from "./param-codec.js";
import { parseDefinition } from "./parse-definition.js";
import type { Config, Param, SpaceDefinition, Value } from "./spec.js";

/**
 * A search space: named parameters, some active only under conditions. Parameters are
 * kept in an order where every parameter comes after those its `when` names, so one
 * pass decides activity.
 *
 * @example
 * const space = Space.parse({ x: { type: "float", low: -5, high: 5 },
 *   kind: { type: "categorical", choices: ["a", "b"] },
 *   y: { type: "int", low: 1, high: 8, when: { kind: "b" } } });
 * space.sample(new Rng(0)); // { x: 1.2, kind: "b", y: 3 }
 */
export class Space {
  /** Parameter names in dependency order. */
  readonly names: readonly string[];
  readonly params: Readonly<Record<string, Param>>;
  private readonly declared: readonly string[];

  private constructor(definition: SpaceDefinition) {
    this.declared = Object.keys(definition);
    this.params = definition;
    this.names = dependencyOrder(definition);
  }

  /** Checks a definition (parsed JSON/YAML) and builds the space; throws ValidationError naming each problem. */
  static parse(input: unknown, options: { source?: string; path?: (string | number)[] } = {}): Space {
    const result = Space.safeParse(input, options);
    if (!result.success) throw result.error;
    return result.data;
  }

  static safeParse(
    input: unknown,
    options: { source?: string; path?: (string | number)[] } = {},
  ): { success: true; data: Space } | { success: false; error: ValidationError } {
    const parsed = parseDefinition(input, options.path ?? []);
    if (!parsed.success) return { success: false, error: new ValidationError(parsed.issues, options.source) };
    return { success: true, data: new Space(parsed.data) };
  }

  /** The number of parameters, i.e. the dimension of the unit-cube encoding. */
  get size(): number {
    return this.names.length;
  }

  /** True when some parameter is a simplex (a mixture of weights). */
  get hasSimplex(): boolean {
    return this.names.some((name) => this.params[name].type === "simplex");
  }

  /** True when some parameter has a `when`. */
  get isConditional(): boolean {
    return this.names.some((name) => this.params[name].when !== undefined);
  }

  /** Distinct configurations, or Infinity when a float is continuous. */
  get cardinality(): number {
    let total = 1;
    for (const name of this.names) total *= cardinality(this.params[name]);
    return total;
  }

  /** Whether `name` is active given the values already in `config`. */
  isActive(name: string, config: Config): boolean {
    const when = this.params[name].when;
    if (!when) return true;
    for (const [parent, wanted] of Object.entries(when)) {
      if (!(parent in config)) return false;
      const value = config[parent];
      if (Array.isArray(wanted) ? !wanted.some((w) => w === value) : wanted !== value) return false;
    }
    return true;
  }

  /** A configuration drawn uniformly (log-uniformly on log scale, a simplex from its Dirichlet prior); inactive parameters are absent. */
  sample(rng: Rng): Config {
    const config: Config = {};
    for (const name of this.names) {
      if (this.isActive(name, config)) config[name] = sampleValue(this.params[name], rng);
    }
    return config;
  }

  /** Unit-cube form of a configuration, in `names` order; NaN marks an inactive parameter. */
  encode(config: Config): Float64Array {
    const out = new Float64Array(this.names.length);
    this.names.forEach((name, i) => {
      out[i] = name in config ? encodeValue(this.params[name], config[name]) : NaN;
    });
    return out;
  }

  /** The configuration a unit-cube point stands for; coordinates of inactive parameters are ignored. */
  decode(point: ArrayLike<number>): Config {
    const config: Config = {};
    this.names.forEach((name, i) => {
      if (this.isActive(name, config)) {
        const u = Number.isNaN(point[i]) ? 0.5 : point[i];
        config[name] = decodeValue(this.params[name], u);
      }
    });
    return config;
  }

  /** Every problem with a configuration: missing or inactive parameters, values out of range. */
  check(config: Config, path: (string | number)[] = []): Issue[] {
    const issues: Issue[] = [];
    for (const key of Object.keys(config)) {
      if (!(key in this.params)) {
        issues.push({ code: "unknown_parameter", path: [...path, key], message: `unknown parameter "${key}": expected one of ${this.names.join(", ")}` });
      }
    }
    const seen: Config = {};
    for (const name of this.names) {
      const active = this.isActive(name, seen);
      const present = Object.prototype.hasOwnProperty.call(config, name);
      if (active && !present) {
        issues.push({ code: "missing_parameter", path: [...path, name], message: `parameter "${name}" is active but missing` });
      } else if (!active && present) {
        issues.push({ code: "inactive_parameter", path: [...path, name], message: `parameter "${name}" is inactive here (its "when" does not hold) and must be absent` });
      } else if (active) {
        const problem = checkValue(this.params[name], config[name]);
        if (problem) {
          const { component, ...worded } = problem;
          const where = component === undefined ? [...path, name] : [...path, name, component];
          issues.push({ code: "invalid_value", path: where, message: `expected ${worded.expected}, received ${worded.received}`, ...worded });
        } else {
          seen[name] = config[name];
        }
      }
    }
    return issues;
  }

  /** Throws ValidationError when the configuration does not belong to the space. */
  validate(config: Config, source?: string): Config {
    const issues = this.check(config);
    if (issues.length > 0) throw new ValidationError(issues, source);
    return config;
  }

  /** The JSON definition, in declaration order; `Space.parse(space.toJSON())` gives an equal space. */
  toJSON(): SpaceDefinition {
    const out: SpaceDefinition = {};
    for (const name of this.declared) out[name] = this.params[name];
    return out;
  }

  /** A new space with one more parameter (define-by-run spaces grow as trials suggest). */
  with(name: string, param: Param): Space {
    return Space.parse({ ...this.toJSON(), [name]: param });
  }
}

/** Equal parameter declarations (same type, bounds, options and condition). */
export function sameParam(a: Param, b: Param): boolean {
  return canonical(a) === canonical(b);
}

function canonical(param: Param): string {
  const entries = Object.entries(param).filter(([, v]) => v !== undefined && v !== false);
  entries.sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(entries);
}

function dependencyOrder(definition: SpaceDefinition): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (name: string) => {
    if (done.has(name)) return;
    done.add(name);
    for (const parent of Object.keys(definition[name].when ?? {})) visit(parent);
    order.push(name);
  };
  for (const name of Object.keys(definition)) visit(name);
  return order;
}

export type { Value };
