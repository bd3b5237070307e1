import type { Cost, Objective } from "../storage/index.js";
import { InvalidResultError } from "./errors.js";

/**
 * What an objective may return: a number (one objective), numbers in objective order,
 * a record by objective name, or `{ values, cost?, constraints?, userAttrs? }` where
 * `values` is either of the last two. An objective named like a cost (e.g. `usd`) may be
 * left out of `values` and is then read from `cost`.
 */
export type ObjectiveResult =
  | number
  | number[]
  | Record<string, number>
  | {
      values: number[] | Record<string, number>;
      cost?: Cost;
      constraints?: number[];
      userAttrs?: Record<string, unknown>;
    };

export interface NormalizedResult {
  values: number[];
  cost: Cost;
  constraints: number[] | null;
  userAttrs: Record<string, unknown>;
}

/** Reads a result into values in objective order; throws InvalidResultError saying what is wrong. */
export function normalizeResult(result: unknown, objectives: readonly Objective[]): NormalizedResult {
  const names = objectives.map((o) => o.name);
  let raw: unknown = result;
  let cost: Cost = {};
  let constraints: number[] | null = null;
  let userAttrs: Record<string, unknown> = {};
  if (isRecord(result) && "values" in result) {
    raw = result.values;
    if (result.cost !== undefined) cost = readCost(result.cost);
    if (result.constraints !== undefined) constraints = readNumbers(result.constraints, "constraints");
    if (isRecord(result.userAttrs)) userAttrs = result.userAttrs;
  }
  let values: number[];
  if (typeof raw === "number") {
    values = [raw];
  } else if (Array.isArray(raw)) {
    values = readNumbers(raw, "values");
  } else if (isRecord(raw)) {
    values = names.map((name) => {
      const value = name in raw ? raw[name] : cost[name];
      if (value === undefined) {
        throw new InvalidResultError(`the result has no value for objective "${name}" (got keys: ${Object.keys(raw).join(", ") || "none"})`);
      }
      if (typeof value !== "number") throw new InvalidResultError(`objective "${name}" must be a number, got ${JSON.stringify(value)}`);
      return value;
    });
  } else {
    throw new InvalidResultError(`expected a number, an array of numbers or {"values": ...}, got ${describe(raw)}`);
  }
  if (values.length !== names.length) {
    throw new InvalidResultError(`the study has ${names.length} objective(s) (${names.join(", ")}) but the result has ${values.length} value(s)`);
  }
  // Infinity is no result either: -Infinity would become the best trial (and null in JSON).
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InvalidResultError(`objective "${names[i]}" is ${v}: expected a finite number`);
  });
  return { values, cost, constraints, userAttrs };
}

/** Checks a cost record: every amount a finite number >= 0. */
export function readCost(input: unknown): Cost {
  if (!isRecord(input)) throw new InvalidResultError(`cost must be an object of named amounts, got ${describe(input)}`);
  const cost: Cost = {};
  for (const [name, amount] of Object.entries(input)) {
    if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
      throw new InvalidResultError(`cost "${name}" must be a finite number >= 0, got ${JSON.stringify(amount)}`);
    }
    cost[name] = amount;
  }
  return cost;
}

function readNumbers(input: unknown, what: string): number[] {
  if (!Array.isArray(input)) throw new InvalidResultError(`${what} must be an array of numbers, got ${describe(input)}`);
  return input.map((v, i) => {
    if (typeof v !== "number") throw new InvalidResultError(`${what}[${i}] must be a number, got ${JSON.stringify(v)}`);
    return v;
  });
}

function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
